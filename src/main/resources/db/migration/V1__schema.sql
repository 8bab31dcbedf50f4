-- service-circle schema. Coordinates are WGS84 (EPSG:4326) everywhere; GCJ-02 exists only at the API edge.
-- The extension is created by a superuser in the setup scripts; this is then a no-op.
CREATE EXTENSION IF NOT EXISTS postgis;

-- Administrative areas: a district (the service area) and its streets/towns/townships.
CREATE TABLE area (
    code         varchar(20) PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9-]{2,20}$'),
    name_zh      text        NOT NULL CHECK (length(btrim(name_zh)) BETWEEN 1 AND 100),
    name_en      text        NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 100),
    kind         text        NOT NULL CHECK (kind IN ('district', 'street', 'town', 'township')),
    parent_code  varchar(20) REFERENCES area (code),
    geom         geometry(MultiPolygon, 4326) CHECK (geom IS NULL OR ST_IsValid(geom)),
    geom_source  text CHECK (geom_source IN ('real', 'synthetic')),
    CHECK ((kind = 'district') = (parent_code IS NULL)),
    CHECK ((geom IS NULL) = (geom_source IS NULL))
);
CREATE INDEX area_geom_gist ON area USING gist (geom);
CREATE INDEX area_parent ON area (parent_code);

-- The vocabulary of site categories and subtypes, as data: a site's (category, subtype) must be listed here.
CREATE TABLE site_subtype (
    category   text NOT NULL CHECK (category IN ('childcare', 'school', 'clinic', 'elder_care', 'assistance')),
    subtype    text NOT NULL CHECK (subtype ~ '^[a-z][a-z0-9_]{1,39}$'),
    name_zh    text NOT NULL,
    name_en    text NOT NULL,
    PRIMARY KEY (category, subtype)
);

INSERT INTO site_subtype (category, subtype, name_zh, name_en) VALUES
    ('childcare',  'nursery',                  '托育机构',         'Childcare centre (0-3)'),
    ('school',     'kindergarten',             '幼儿园',           'Kindergarten'),
    ('school',     'primary',                  '小学',             'Primary school'),
    ('school',     'middle',                   '初中',             'Middle school'),
    ('school',     'high',                     '高中',             'High school'),
    ('school',     'elder_school',             '老年学校',         'Elder school'),
    ('school',     'other',                    '其他学校',         'Other school'),
    ('clinic',     'community_health_station', '社区卫生服务站',   'Community health station'),
    ('clinic',     'community_health_centre',  '社区卫生服务中心', 'Community health centre'),
    ('clinic',     'township_health_centre',   '卫生院',           'Township health centre'),
    ('clinic',     'hospital',                 '医院',             'Hospital'),
    ('clinic',     'other',                    '其他医疗机构',     'Other health facility'),
    ('elder_care', 'home_care_centre',         '居家养老服务中心', 'Home-based elder care centre'),
    ('elder_care', 'home_care_station',        '居家养老服务站',   'Home-based elder care station'),
    ('elder_care', 'nursing_home',             '养老机构',         'Nursing home'),
    ('elder_care', 'elder_canteen',            '老年食堂/助餐点',  'Elder canteen'),
    ('assistance', 'assistance_station',       '助联体',           'Assistance station'),
    ('assistance', 'disability_home',          '残疾人之家',       'Home for people with disabilities');

-- Public service sites.
CREATE TABLE site (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    external_id      text        UNIQUE CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200),
    category         text        NOT NULL,
    subtype          text        NOT NULL,
    name             text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    address          text        CHECK (address IS NULL OR length(address) <= 300),
    geom             geometry(Point, 4326) NOT NULL
                     CHECK (ST_X(geom) BETWEEN -180 AND 180 AND ST_Y(geom) BETWEEN -90 AND 90),
    area_code        varchar(20) NOT NULL REFERENCES area (code),
    slots            integer     CHECK (slots >= 0),
    inclusive_slots  integer     CHECK (inclusive_slots >= 0),
    beds             integer     CHECK (beds >= 0),
    seats            integer     CHECK (seats >= 0),
    staff            integer     CHECK (staff >= 0),
    inclusive        boolean     NOT NULL DEFAULT false,
    opening_hours    text        CHECK (opening_hours IS NULL OR length(opening_hours) <= 200),
    phone            text        CHECK (phone IS NULL OR phone ~ '^[0-9+() -]{3,30}$'),
    status           text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    source           text        NOT NULL CHECK (source IN ('osm', 'synthetic', 'manual', 'import')),
    version          integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (category, subtype) REFERENCES site_subtype (category, subtype),
    CHECK (inclusive_slots IS NULL OR slots IS NULL OR inclusive_slots <= slots)
);
CREATE INDEX site_geom_gist ON site USING gist (geom);
CREATE INDEX site_geog_gist ON site USING gist ((geom::geography));
CREATE INDEX site_category_status ON site (category, status);
CREATE INDEX site_area ON site (area_code);
CREATE INDEX site_name_id ON site (name, id);

-- A site as a JSON snapshot (WGS84 lon/lat), used for revisions.
CREATE FUNCTION site_snapshot(s site) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object(
        'externalId', s.external_id, 'category', s.category, 'subtype', s.subtype, 'name', s.name,
        'address', s.address, 'lon', ST_X(s.geom), 'lat', ST_Y(s.geom), 'areaCode', s.area_code,
        'slots', s.slots, 'inclusiveSlots', s.inclusive_slots, 'beds', s.beds, 'seats', s.seats,
        'staff', s.staff, 'inclusive', s.inclusive, 'openingHours', s.opening_hours, 'phone', s.phone,
        'status', s.status, 'source', s.source, 'version', s.version)
$$;

-- Every change of a site: append-only (a trigger refuses UPDATE and DELETE).
CREATE TABLE site_revision (
    id          bigserial   PRIMARY KEY,
    site_id     uuid        NOT NULL REFERENCES site (id),
    version     integer     NOT NULL CHECK (version >= 1),
    action      text        NOT NULL CHECK (action IN ('create', 'update', 'close', 'reopen', 'load')),
    before      jsonb,
    after       jsonb       NOT NULL,
    actor       text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
    reason      text        CHECK (reason IS NULL OR length(reason) <= 500),
    changed_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (site_id, version),
    CHECK ((action IN ('create', 'load')) = (before IS NULL))
);

CREATE FUNCTION site_revision_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'site_revision is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER site_revision_append_only BEFORE UPDATE OR DELETE ON site_revision
    FOR EACH ROW EXECUTE FUNCTION site_revision_is_append_only();
CREATE TRIGGER site_revision_no_truncate BEFORE TRUNCATE ON site_revision
    FOR EACH STATEMENT EXECUTE FUNCTION site_revision_is_append_only();

-- Residents as weighted points (grid cells or communities) with counts by age band.
CREATE TABLE population_point (
    id           text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 60),
    geom         geometry(Point, 4326) NOT NULL,
    area_code    varchar(20) NOT NULL REFERENCES area (code),
    age_0_2      integer     NOT NULL CHECK (age_0_2 >= 0),
    age_3_5      integer     NOT NULL CHECK (age_3_5 >= 0),
    age_6_14     integer     NOT NULL CHECK (age_6_14 >= 0),
    age_15_59    integer     NOT NULL CHECK (age_15_59 >= 0),
    age_60_64    integer     NOT NULL CHECK (age_60_64 >= 0),
    age_65_plus  integer     NOT NULL CHECK (age_65_plus >= 0),
    total        integer     GENERATED ALWAYS AS
                 (age_0_2 + age_3_5 + age_6_14 + age_15_59 + age_60_64 + age_65_plus) STORED,
    source       text        NOT NULL CHECK (source IN ('census', 'synthetic', 'import')),
    as_of_year   integer     NOT NULL CHECK (as_of_year BETWEEN 1950 AND 2100)
);
CREATE INDEX population_point_geom_gist ON population_point USING gist (geom);
CREATE INDEX population_point_area ON population_point (area_code);

-- Reference statistics (e.g. the 2020 census totals) per area.
CREATE TABLE area_statistic (
    area_code  varchar(20) NOT NULL REFERENCES area (code),
    name       text        NOT NULL,
    value      numeric     NOT NULL,
    unit       text        NOT NULL,
    year       integer     NOT NULL,
    source     text        NOT NULL,
    PRIMARY KEY (area_code, name, year)
);

-- Which geo-data files were loaded, with their checksum: a second start reuses them and duplicates nothing.
CREATE TABLE dataset_load (
    dataset     text        PRIMARY KEY,
    sha256      text        NOT NULL,
    row_count   integer     NOT NULL CHECK (row_count >= 0),
    loaded_at   timestamptz NOT NULL DEFAULT now()
);
