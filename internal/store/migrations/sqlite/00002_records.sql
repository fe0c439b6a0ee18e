-- Casualty documentation records: event datasets (UCDP GED, ACLED) and
-- lists of the dead (one row a person), which verification counts against
-- stored claims. One record_sets row per imported dataset; a record is keyed
-- within its set by its content, so importing the same file again adds
-- nothing. The PostgreSQL migration of the same number is the same design.

-- +goose Up
CREATE TABLE record_sets (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE, -- given with --name, else the file's base name
    format      TEXT    NOT NULL,        -- ucdp, acled, list
    file        TEXT    NOT NULL,        -- as last imported from
    imported_at TEXT    NOT NULL,        -- last import, RFC 3339
    row_count   INTEGER NOT NULL DEFAULT 0,
    -- coverage: the earliest date_start and latest date_end of its records
    date_min    TEXT,
    date_max    TEXT
);

CREATE TABLE records (
    id                INTEGER PRIMARY KEY,
    set_id            INTEGER NOT NULL REFERENCES record_sets (id) ON DELETE CASCADE,
    line              INTEGER NOT NULL, -- where the row starts in the file, for people checking it
    key               TEXT    NOT NULL, -- hex SHA-256 of the raw row (and of its repeat number for identical rows)
    date_start        TEXT,             -- YYYY-MM-DD; null when the record gives no date
    date_end          TEXT,
    country           TEXT,             -- ISO 3166-1 alpha-2
    admin1            TEXT,             -- the gazetteer's name, as claims' place.admin1
    admin2            TEXT,             -- the gazetteer's name
    admin1_raw        TEXT,             -- as the record writes them
    admin2_raw        TEXT,
    place             TEXT,
    lat               REAL,
    lon               REAL,
    where_prec        INTEGER,          -- the dataset's own location precision code
    deaths_civilians  INTEGER,          -- null when the dataset does not tell
    deaths_combatants INTEGER,
    deaths_unknown    INTEGER,
    low               INTEGER NOT NULL,
    best              INTEGER NOT NULL,
    high              INTEGER NOT NULL,
    victims           TEXT    NOT NULL, -- civilians, combatants, people
    victims_text      TEXT,             -- rank or status as written
    cause             TEXT    NOT NULL, -- a claim cause; unknown when the record does not say
    cause_text        TEXT,
    source            TEXT,             -- UCDP source_headline, ACLED notes
    UNIQUE (set_id, key)
);
-- Verification looks records up by place and date, or by date alone.
CREATE INDEX records_place_date ON records (country, admin1, date_start);
CREATE INDEX records_date ON records (date_start);

-- +goose Down
DROP TABLE records;
DROP TABLE record_sets;
