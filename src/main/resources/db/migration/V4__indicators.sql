-- The plan's indicators (七优享 2023-2027): definitions loaded from geo-data/<region>/indicators.csv by the indicator
-- loader (idempotent by checksum, like the other datasets), and the values reported for them, append-only.

CREATE TABLE indicator (
    code            text    PRIMARY KEY CHECK (code ~ '^[0-9]{2}-[a-z0-9-]{1,60}$'),
    number          integer NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 99),
    domain          text    NOT NULL CHECK (domain IN ('幼有善育', '学有优教', '劳有所得', '病有良医', '老有康养',
                                                       '住有宜居', '弱有众扶')),
    domain_slug     text    NOT NULL CHECK (domain_slug ~ '^[a-z-]{2,40}$'),
    domain_en       text    NOT NULL,
    name_zh         text    NOT NULL CHECK (length(btrim(name_zh)) BETWEEN 1 AND 200),
    name_en         text    NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 300),
    unit_zh         text    NOT NULL,
    -- machine unit code of values, e.g. percent, per_1000_residents, 10k_persons
    unit            text    NOT NULL CHECK (unit ~ '^[a-z0-9_]{1,40}$'),
    better          text    NOT NULL CHECK (better IN ('higher', 'lower')),
    lead_zh         text    NOT NULL,
    lead_en         text    NOT NULL,
    -- the 2022 baseline as printed ('-' when the plan gives none) and as a number (null when not a number)
    baseline_text   text    NOT NULL,
    baseline_value  numeric,
    note            text
);

-- One target per indicator and plan year: the text as printed and its machine form.
CREATE TABLE indicator_target (
    indicator_code  text    NOT NULL REFERENCES indicator (code),
    year            integer NOT NULL CHECK (year BETWEEN 2023 AND 2027),
    target_text     text    NOT NULL,
    -- gte/gt/lte/lt a number; full_coverage (100 % of the units or people concerned); keep (the baseline level);
    -- text (no machine form); none (no target printed)
    rule            text    NOT NULL CHECK (rule IN ('gte', 'gt', 'lte', 'lt', 'full_coverage', 'keep', 'text', 'none')),
    target_value    numeric,
    PRIMARY KEY (indicator_code, year),
    CHECK ((rule IN ('gte', 'gt', 'lte', 'lt')) = (target_value IS NOT NULL))
);

-- Values reported through the API (indicators the service cannot compute): append-only, the latest per
-- (indicator, year) is the current one, the earlier ones are its history.
CREATE TABLE indicator_value (
    id              bigserial   PRIMARY KEY,
    indicator_code  text        NOT NULL REFERENCES indicator (code),
    year            integer     NOT NULL CHECK (year BETWEEN 2022 AND 2027),
    value           numeric     NOT NULL CHECK (value >= 0),
    unit            text        NOT NULL CHECK (unit ~ '^[a-z0-9_]{1,40}$'),
    actor           text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
    reason          text        CHECK (reason IS NULL OR length(reason) <= 500),
    reported_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_value_latest ON indicator_value (indicator_code, year, id DESC);

-- Generic, unlike V1's site_revision function: any later append-only table can use it (the message names the table).
CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER indicator_value_append_only BEFORE UPDATE OR DELETE ON indicator_value
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
CREATE TRIGGER indicator_value_no_truncate BEFORE TRUNCATE ON indicator_value
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
