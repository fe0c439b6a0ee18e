-- What ingest writes, written with fewer page changes.
--
-- New band keys go to a small table first, and join report_bands in key
-- order once it holds many (store.bandsMergeRows). Band keys are random:
-- inserted into report_bands as they came, the 8,192 keys of a batch of 256
-- documents land on about 5,300 of its 10,700 pages at 100,000 documents
-- stored, each read, written to the log and written back at the
-- checkpoint. The small table stays in the page cache, and a merge writes
-- each page of report_bands once for thousands of documents. Lookups read
-- both tables.
--
-- The full-text indexes merge their segments when 8 of a size are there,
-- not 4: each batch writes a new segment to each, and merging them again
-- and again was half the cost of indexing (0.50 -> 0.36 ms a document at
-- 100,000 documents stored). A search reads a few more segments: at
-- 1,000,000 claims, text searches' 99th percentiles stayed within their
-- noise (bench/querybench -cpu).
--
-- The PostgreSQL migration of the same number changes nothing: its writers
-- insert into report_bands, which its server keeps well enough, and its
-- full-text search has its own means.

-- +goose Up
INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', 8);
INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', 8);
CREATE TABLE report_bands_recent (
    band     INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    doc_id   INTEGER NOT NULL, -- as in report_bands; report_bands' row wins when both have one
    PRIMARY KEY (band, group_id)
) WITHOUT ROWID;

-- +goose Down
INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', 4);
INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', 4);
INSERT INTO report_bands (band, group_id, doc_id)
    SELECT band, group_id, doc_id FROM report_bands_recent WHERE true ON CONFLICT DO NOTHING;
DROP TABLE report_bands_recent;
