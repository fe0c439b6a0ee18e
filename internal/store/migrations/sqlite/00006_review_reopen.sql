-- A reviewer may undo: decision 'reopen' withdraws the decisions before it,
-- and the claim is back in the review queue (the log keeps them all).
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt
-- with its rows and ids. The PostgreSQL migration of the same number is the
-- same change.

-- +goose Up
DROP VIEW latest_reviews;
CREATE TABLE reviews_new (
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    quote_start INTEGER NOT NULL,
    quote_end   INTEGER NOT NULL,
    figure      TEXT    NOT NULL,
    cid         TEXT    NOT NULL,
    decision    TEXT    NOT NULL CHECK (decision IN ('accept', 'reject', 'correct', 'reopen')),
    fields      TEXT,
    reviewer    TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
INSERT INTO reviews_new SELECT id, doc_id, kind, quote_start, quote_end, figure, cid, decision, fields, reviewer, reason, created_at FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_new RENAME TO reviews;
CREATE INDEX reviews_claim ON reviews (doc_id, kind, quote_start, quote_end, figure, id);
CREATE VIEW latest_reviews AS
SELECT r.* FROM reviews r
WHERE NOT EXISTS (
    SELECT 1 FROM reviews n
    WHERE n.doc_id = r.doc_id AND n.kind = r.kind AND n.quote_start = r.quote_start
      AND n.quote_end = r.quote_end AND n.figure = r.figure AND n.id > r.id
);

-- +goose Down
DELETE FROM reviews WHERE decision = 'reopen';
DROP VIEW latest_reviews;
CREATE TABLE reviews_old (
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    quote_start INTEGER NOT NULL,
    quote_end   INTEGER NOT NULL,
    figure      TEXT    NOT NULL,
    cid         TEXT    NOT NULL,
    decision    TEXT    NOT NULL CHECK (decision IN ('accept', 'reject', 'correct')),
    fields      TEXT,
    reviewer    TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
INSERT INTO reviews_old SELECT * FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_old RENAME TO reviews;
CREATE INDEX reviews_claim ON reviews (doc_id, kind, quote_start, quote_end, figure, id);
CREATE VIEW latest_reviews AS
SELECT r.* FROM reviews r
WHERE NOT EXISTS (
    SELECT 1 FROM reviews n
    WHERE n.doc_id = r.doc_id AND n.kind = r.kind AND n.quote_start = r.quote_start
      AND n.quote_end = r.quote_end AND n.figure = r.figure AND n.id > r.id
);
