-- Report-group candidates from narrow tables. A document's group and
-- signature were read from its documents row, past its text: every band hit
-- read the text's overflow pages, and a band key shared by many documents
-- (reprints, or a common lead) cost a row read per document. Now each band
-- key keeps one row per report group, the group's earliest document with
-- that key (what the candidate lookup compares with), and the signatures
-- have a table of their own. documents.minhash is no longer written.

-- +goose Up
CREATE TABLE report_bands (
    band     INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    doc_id   INTEGER NOT NULL, -- the group's earliest document with this band key
    PRIMARY KEY (band, group_id)
) WITHOUT ROWID;
INSERT INTO report_bands (band, group_id, doc_id)
    SELECT b.band, d.group_id, min(b.doc_id) FROM doc_bands b JOIN documents d ON d.id = b.doc_id
    GROUP BY b.band, d.group_id;
DROP TABLE doc_bands;

CREATE TABLE doc_sigs (
    doc_id  INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    minhash BLOB    NOT NULL
);
INSERT INTO doc_sigs (doc_id, minhash) SELECT id, minhash FROM documents WHERE minhash IS NOT NULL;
UPDATE documents SET minhash = NULL WHERE minhash IS NOT NULL;

-- +goose Down
CREATE TABLE doc_bands (
    band   INTEGER NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;
INSERT INTO doc_bands (band, doc_id) SELECT band, doc_id FROM report_bands;
UPDATE documents SET minhash = (SELECT minhash FROM doc_sigs s WHERE s.doc_id = documents.id);
DROP TABLE doc_sigs;
DROP TABLE report_bands;
