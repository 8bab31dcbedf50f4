-- Walking edges for the independent check, from what osm2pgrouting imported with mapconfig-foot.xml, add-nodes and
-- tags (tables ways, ways_vertices_pgr, osm_ways, osm_nodes in the current schema; search_path set by import.sh).
--
-- Written for this project from GraphHopper 11's documented foot behaviour (FootAccessParser, foot.json custom
-- model, OSMReader barrier handling, subnetwork removal), re-expressed as SQL over OSM tags; it shares no code and no
-- data path with our GraphHopper export. Every rule names the GraphHopper behaviour it mirrors; README.md lists the
-- differences that remain.
--
-- Result: foot_edges(id, osm_id, source, target, cost, the_geom): undirected, cost = metres on the WGS84 ellipsoid
-- (PostGIS geography), the same in both directions.
-- psql variable :germany ('true' | 'false'): GraphHopper's foot.json excludes bridleways in Germany (country DEU).

-- GraphHopper: foot access keys in order (foot, then access); the first key present decides.
CREATE FUNCTION foot_first_value(t hstore) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN t ? 'foot' THEN t -> 'foot' ELSE t -> 'access' END $$;

-- GraphHopper OSMTemporalAccessParser: "<allowed value> @ (<time or date range>)" on <key>:conditional, checked
-- for the deciding key and those before it, lifts a restriction. Date ranges are recognised by month or weekday
-- names (GraphHopper parses them with its DateRangeParser).
CREATE FUNCTION foot_conditional_permits(t hstore) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
SELECT EXISTS (
    SELECT 1
    FROM unnest(CASE WHEN t ? 'foot' THEN ARRAY['foot'] ELSE ARRAY['foot', 'access'] END) AS k,
         LATERAL (SELECT string_to_array(t -> (k || ':conditional'), '@') AS parts) p
    WHERE array_length(p.parts, 1) = 2
      AND trim(p.parts[1]) IN ('yes', 'designated', 'official', 'permissive', 'destination')
      AND (p.parts[2] LIKE '%:%'
           OR p.parts[2] ~* '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mo|tu|we|th|fr|sa|su|ph)'))
$$;

-- GraphHopper FootAccessParser.getAccess for ways with a highway tag (the only ones mapconfig-foot.xml imports).
CREATE FUNCTION foot_way_access(t hstore) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    hw text := t -> 'highway';
    v text[] := string_to_array(foot_first_value(t), ';');
BEGIN
    IF hw IS NULL OR hw = 'via_ferrata' THEN
        RETURN false;
    END IF;
    IF v IS NOT NULL THEN
        -- any permitting value wins, whatever its position
        IF v && ARRAY['yes', 'designated', 'official', 'permissive', 'destination'] THEN
            RETURN true;
        END IF;
        IF v && ARRAY['no', 'restricted', 'military', 'emergency', 'private', 'permit']
                AND NOT foot_conditional_permits(t) THEN
            RETURN false;
        END IF;
    END IF;
    IF t -> 'sidewalk' IN ('yes', 'both', 'left', 'right') THEN
        RETURN true;
    END IF;
    IF NOT hw = ANY (ARRAY['footway', 'path', 'steps', 'pedestrian', 'living_street', 'track', 'residential',
                           'service', 'platform', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary',
                           'secondary_link', 'tertiary', 'tertiary_link', 'cycleway', 'unclassified', 'road',
                           'bridleway']) THEN
        RETURN false;
    END IF;
    RETURN coalesce(t -> 'motorroad', '') <> 'yes';
END $$;

-- GraphHopper foot_road_access (OSMRoadAccessParser + FootRoadAccess.find): the first of foot, access that is set;
-- of its ';' parts the one earliest in (missing, yes, designated, destination, private, use_sidepath, no);
-- permit and customers count as private, unknown words as yes.
CREATE FUNCTION foot_road_access(t hstore) RETURNS text LANGUAGE sql IMMUTABLE AS $$
SELECT coalesce((
    SELECT m.v
    FROM unnest(string_to_array(foot_first_value(t), ';')) AS raw(s),
         LATERAL (SELECT CASE
                      WHEN lower(raw.s) IN ('permit', 'customers') THEN 'private'
                      WHEN lower(raw.s) IN ('missing', 'yes', 'designated', 'destination', 'private', 'use_sidepath', 'no')
                          THEN lower(raw.s)
                      WHEN raw.s = '' THEN 'missing'
                      ELSE 'yes' END AS v) m
    ORDER BY array_position(ARRAY['missing', 'yes', 'designated', 'destination', 'private', 'use_sidepath', 'no'], m.v)
    LIMIT 1), 'missing')
$$;

-- GraphHopper foot.json: priority 0 (never walked) when hike_rating >= 2 (sac_scale mountain_hiking and harder) and
-- for bridleways in Germany unless foot_road_access is yes.
CREATE FUNCTION foot_weighting_excludes(t hstore, germany boolean) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
SELECT coalesce(t -> 'sac_scale', '') IN ('mountain_hiking', 'demanding_mountain_hiking', 'alpine_hiking',
                                          'demanding_alpine_hiking', 'difficult_alpine_hiking')
    OR (germany AND t -> 'highway' = 'bridleway' AND foot_road_access(t) <> 'yes')
$$;

-- GraphHopper AbstractAccessParser.isBarrier for foot (fords are not blocked for foot).
CREATE FUNCTION foot_barrier_blocks(t hstore) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
SELECT CASE
    WHEN foot_first_value(t) IN ('no', 'restricted', 'military', 'emergency', 'private', 'permit') THEN true
    WHEN t -> 'locked' = 'yes' AND coalesce(foot_first_value(t), '') NOT IN
         ('yes', 'designated', 'official', 'permissive', 'destination') THEN true
    WHEN foot_first_value(t) IN ('yes', 'designated', 'official', 'permissive', 'destination') THEN false
    ELSE coalesce(t -> 'barrier', '') = 'fence' END
$$;

CREATE TABLE foot_way AS
SELECT osm_id
FROM osm_ways
WHERE foot_way_access(tags) AND NOT foot_weighting_excludes(tags, :germany);
ALTER TABLE foot_way ADD PRIMARY KEY (osm_id);

-- GraphHopper OSMReader/WaySegmentParser: a node tagged barrier or ford splits its way and, when it blocks, cuts the
-- walk there; a barrier at a junction (a node of two or more highway ways, walkable or not) is ignored.
CREATE TABLE foot_way_node AS
SELECT osm_id AS way_id, skeys(members)::bigint AS node_id
FROM osm_ways;
CREATE INDEX ON foot_way_node (node_id);

CREATE TABLE foot_blocked_node AS
SELECT n.osm_id, n.the_geom
FROM osm_nodes n
WHERE (n.tags ? 'barrier' OR n.tags ? 'ford')
  AND foot_barrier_blocks(n.tags)
  AND (SELECT count(*) FROM foot_way_node wn WHERE wn.node_id = n.osm_id) = 1;
CREATE INDEX ON foot_blocked_node USING gist (the_geom);

CREATE TABLE foot_edge_raw AS
SELECT w.gid AS id, w.osm_id, w.source, w.target, w.the_geom
FROM ways w
JOIN foot_way f USING (osm_id);
CREATE INDEX ON foot_edge_raw USING gist (the_geom);

CREATE SEQUENCE foot_cut_vertex START 1;
SELECT setval('foot_cut_vertex', (SELECT max(id) + 1 FROM ways_vertices_pgr)) AS cut_vertex_start \gset

-- cut every edge at its blocking barriers: pieces between barriers get vertices of their own, so nothing connects
-- through the barrier point (an edge ending at a blocking barrier gets its own vertex there too)
CREATE TABLE foot_edges (
    id       bigint PRIMARY KEY,
    osm_id   bigint NOT NULL,
    source   bigint NOT NULL,
    target   bigint NOT NULL,
    cost     double precision NOT NULL,
    the_geom geometry(LineString, 4326) NOT NULL
);
CREATE SEQUENCE foot_edge_id START 1;

WITH cut AS (
    SELECT e.id, ST_Union(b.the_geom) AS points
    FROM foot_edge_raw e
    JOIN foot_blocked_node b ON ST_DWithin(e.the_geom, b.the_geom, 1e-9)
    GROUP BY e.id
), pieces AS (
    SELECT e.id, e.osm_id, e.source, e.target, d.path[1] AS i, count(*) OVER (PARTITION BY e.id) AS n,
           d.geom AS the_geom,
           EXISTS (SELECT 1 FROM foot_blocked_node b JOIN ways_vertices_pgr v ON v.osm_id = b.osm_id
                   WHERE v.id = e.source) AS source_blocked,
           EXISTS (SELECT 1 FROM foot_blocked_node b JOIN ways_vertices_pgr v ON v.osm_id = b.osm_id
                   WHERE v.id = e.target) AS target_blocked
    FROM foot_edge_raw e
    JOIN cut c USING (id),
         LATERAL ST_Dump(ST_Split(e.the_geom, c.points)) d
)
INSERT INTO foot_edges (id, osm_id, source, target, cost, the_geom)
SELECT nextval('foot_edge_id'), osm_id,
       CASE WHEN i = 1 AND NOT source_blocked THEN source ELSE nextval('foot_cut_vertex') END,
       CASE WHEN i = n AND NOT target_blocked THEN target ELSE nextval('foot_cut_vertex') END,
       ST_Length(the_geom::geography), the_geom
FROM pieces
WHERE ST_GeometryType(the_geom) = 'ST_LineString';

INSERT INTO foot_edges (id, osm_id, source, target, cost, the_geom)
SELECT nextval('foot_edge_id'), e.osm_id, e.source, e.target, ST_Length(e.the_geom::geography), e.the_geom
FROM foot_edge_raw e
WHERE NOT EXISTS (SELECT 1 FROM foot_blocked_node b WHERE ST_DWithin(e.the_geom, b.the_geom, 1e-9));

-- GraphHopper's subnetwork removal (min network size 200: components with fewer than 400 directed edge keys, i.e.
-- fewer than 200 two-way edges, are dropped)
CREATE TABLE foot_component AS
SELECT node, component
FROM pgr_connectedComponents('SELECT id, source, target, cost, cost AS reverse_cost FROM foot_edges');
CREATE INDEX ON foot_component (node);

DELETE FROM foot_edges e
USING foot_component c
WHERE c.node = e.source
  AND c.component IN (SELECT c2.component
                      FROM foot_edges e2 JOIN foot_component c2 ON c2.node = e2.source
                      GROUP BY c2.component HAVING count(*) < 200);

CREATE INDEX foot_edges_geom ON foot_edges USING gist (the_geom);
ANALYZE foot_edges;

DROP TABLE foot_edge_raw, foot_way_node, foot_component;
