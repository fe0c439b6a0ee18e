-- Report-group candidates from narrow tables, as in the SQLite migration of
-- the same number: each band key keeps one row per report group (the
-- group's earliest document with that key), signatures have a table of
-- their own, and documents.minhash is no longer written.

-- +goose Up
CREATE TABLE report_bands (
    band     BIGINT NOT NULL,
    group_id BIGINT NOT NULL,
    doc_id   BIGINT NOT NULL,
    PRIMARY KEY (band, group_id)
);
INSERT INTO report_bands (band, group_id, doc_id)
    SELECT b.band, d.group_id, min(b.doc_id) FROM doc_bands b JOIN documents d ON d.id = b.doc_id
    GROUP BY b.band, d.group_id;
DROP TABLE doc_bands;

CREATE TABLE doc_sigs (
    doc_id  BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    minhash BYTEA  NOT NULL
);
INSERT INTO doc_sigs (doc_id, minhash) SELECT id, minhash FROM documents WHERE minhash IS NOT NULL;
UPDATE documents SET minhash = NULL WHERE minhash IS NOT NULL;

-- +goose Down
CREATE TABLE doc_bands (
    band   BIGINT NOT NULL,
    doc_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (band, doc_id)
);
INSERT INTO doc_bands (band, doc_id) SELECT band, doc_id FROM report_bands;
UPDATE documents SET minhash = (SELECT minhash FROM doc_sigs s WHERE s.doc_id = documents.id);
DROP TABLE doc_sigs;
DROP TABLE report_bands;
