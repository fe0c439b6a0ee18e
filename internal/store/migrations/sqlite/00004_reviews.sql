-- The API's write side: bearer tokens (only their SHA-256 is kept) and
-- reviewers' decisions on claims. A review names its claim by what
-- re-extraction keeps (the document, the claim's kind, its quote's span
-- and its figure as written), not by the claim's row or c-number, which a
-- new rules version may renumber, so that a decision outlives
-- `tally reextract`. Reviews are an append-only audit log: the latest
-- decision on a claim applies. The PostgreSQL migration of the same number
-- is the same design.

-- +goose Up
CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE, -- hex SHA-256 of the token as given to its holder
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
-- A name may come back after its token was revoked; two live tokens may
-- not share one, since reviews name their reviewer by it.
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;

CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL, -- the claim's kind as extracted
    quote_start INTEGER NOT NULL,
    quote_end   INTEGER NOT NULL,
    figure      TEXT    NOT NULL, -- its count as written, else its service's name, else ''
    cid         TEXT    NOT NULL, -- the claim's id when reviewed, for people reading the log
    decision    TEXT    NOT NULL CHECK (decision IN ('accept', 'reject', 'correct')),
    fields      TEXT,             -- JSON object of corrected SPEC claim fields, for 'correct'
    reviewer    TEXT    NOT NULL, -- the name of the token that made it
    reason      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX reviews_claim ON reviews (doc_id, kind, quote_start, quote_end, figure, id);

-- The decision that applies to each reviewed claim: its latest.
CREATE VIEW latest_reviews AS
SELECT r.* FROM reviews r
WHERE NOT EXISTS (
    SELECT 1 FROM reviews n
    WHERE n.doc_id = r.doc_id AND n.kind = r.kind AND n.quote_start = r.quote_start
      AND n.quote_end = r.quote_end AND n.figure = r.figure AND n.id > r.id
);

-- +goose Down
DROP VIEW latest_reviews;
DROP TABLE reviews;
DROP TABLE tokens;
