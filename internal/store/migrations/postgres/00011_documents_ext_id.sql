-- A document is asked for by its SPEC id (GET /api/v1/documents/{ref},
-- tally show), and by any ref that is not a stored id before the answer
-- is "not found": without an index each such read scanned every document,
-- 0.6 s on a store of 100,000.

-- +goose Up
CREATE INDEX documents_ext_id ON documents (ext_id, id);

-- +goose Down
DROP INDEX documents_ext_id;
