-- The first schema: documents kept once by their normalised text, grouped
-- into reports; claims and flags with the extractor version that made them;
-- the places and sources they name. The PostgreSQL migration of the same
-- number is the same design in its dialect.

-- +goose Up
CREATE TABLE report_groups (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE, -- hex SHA-256 of the normalised title and text
    ext_id          TEXT    NOT NULL,        -- SPEC document.id: the given id or the text's hash
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL,        -- as read; claim offsets point into it
    published       TEXT,                    -- YYYY-MM-DD
    source          TEXT,                    -- outlet
    url             TEXT,
    origin          TEXT    NOT NULL,        -- file, line or URL it was read from
    html            INTEGER NOT NULL,
    plain           INTEGER NOT NULL,
    credits         TEXT    NOT NULL,        -- JSON array
    places          TEXT    NOT NULL,        -- JSON array of SPEC places
    primary_name    TEXT,
    primary_admin1  TEXT,
    primary_country TEXT,
    group_id        INTEGER NOT NULL REFERENCES report_groups (id),
    minhash         BLOB,
    extractor       TEXT    NOT NULL,
    ingested_at     TEXT    NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_source ON documents (lower(source), id);
CREATE INDEX documents_group ON documents (group_id);
CREATE INDEX documents_admin1 ON documents (lower(primary_admin1), id);

-- LSH band keys of each document's MinHash: documents sharing a key are
-- candidates for the same report group.
-- No index on doc_id: documents are seldom deleted, and one would double
-- the cost of the table's inserts, the writer's largest.
CREATE TABLE doc_bands (
    band   INTEGER NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;

CREATE TABLE places (
    geonames_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    admin1      TEXT,
    country     TEXT,
    lat         REAL,
    lon         REAL
);

CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    type TEXT NOT NULL
);

CREATE TABLE claims (
    id               INTEGER PRIMARY KEY,
    doc_id           INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    cid              TEXT    NOT NULL, -- c1, c2, ... within the document
    kind             TEXT    NOT NULL,
    value            INTEGER,
    low              INTEGER,
    high             INTEGER,
    qualifier        TEXT,
    count_text       TEXT,
    rate             TEXT,
    period_start     TEXT,
    period_end       TEXT,
    period_precision TEXT,
    period_text      TEXT,
    -- when the claim's events happened as far as is known: the period, else
    -- the publication date; what period filters compare against
    date_start       TEXT,
    date_end         TEXT,
    victims          TEXT,
    victims_text     TEXT,
    cause            TEXT,
    cause_text       TEXT,
    actor_text       TEXT,
    actor_name       TEXT,
    place_text       TEXT,
    place_name       TEXT,
    admin1           TEXT,
    country          TEXT,
    geonames_id      INTEGER,
    lat              REAL,
    lon              REAL,
    place_precision  TEXT,
    source_text      TEXT,
    source_name      TEXT,
    source_type      TEXT,
    service_name     TEXT,
    service_status   TEXT,
    quote_start      INTEGER NOT NULL,
    quote_end        INTEGER NOT NULL,
    quote            TEXT    NOT NULL,
    in_headline      INTEGER NOT NULL,
    hypothetical     INTEGER NOT NULL,
    extractor        TEXT    NOT NULL,
    outlet           TEXT, -- the document's, kept here too so that filtering by outlet needs no join
    UNIQUE (doc_id, cid)
);
-- Filters list the newest claims first, so each filter's index ends in id;
-- names are compared without case.
CREATE INDEX claims_doc ON claims (doc_id);
CREATE INDEX claims_kind ON claims (kind, id);
CREATE INDEX claims_admin1 ON claims (lower(admin1), id);
CREATE INDEX claims_country ON claims (lower(country), id);
CREATE INDEX claims_place_name ON claims (lower(place_name), id);
CREATE INDEX claims_place_text ON claims (lower(place_text), id);
CREATE INDEX claims_date ON claims (date_start, date_end);
CREATE INDEX claims_source ON claims (lower(source_name), id);
CREATE INDEX claims_cause ON claims (cause, id);
CREATE INDEX claims_outlet ON claims (lower(outlet), id);

CREATE TABLE flags (
    id      INTEGER PRIMARY KEY,
    doc_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind    TEXT    NOT NULL,
    claims  TEXT    NOT NULL, -- JSON array of claim ids (c1, ...)
    message TEXT    NOT NULL
);
CREATE INDEX flags_doc ON flags (doc_id);

-- Full-text search: external-content FTS5 tables, so the text is stored
-- once. Rows are indexed by the store's writer, one statement per batch,
-- not by insert triggers: FTS5 flushes its pending index at every statement
-- savepoint, so a trigger per row writes a segment per row. Deletes keep
-- their triggers.
-- Searches are for words, not phrases, so the documents' index keeps no
-- positions (detail = none): a fraction of the size and of the time to build.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, body, content = 'documents', content_rowid = 'id', detail = none
);
-- +goose StatementBegin
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE claims_fts USING fts5 (
    quote, content = 'claims', content_rowid = 'id'
);
-- +goose StatementBegin
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, quote) VALUES ('delete', old.id, old.quote);
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE claims_fts;
DROP TABLE documents_fts;
DROP TABLE flags;
DROP TABLE claims;
DROP TABLE sources;
DROP TABLE places;
DROP TABLE doc_bands;
DROP TABLE documents;
DROP TABLE report_groups;
