-- Writes that change what is stored rather than add to it, counted as the
-- SQLite migration of the same number says; here once a statement.

-- +goose Up
CREATE TABLE store_edits (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT  NOT NULL
);
INSERT INTO store_edits (id, n) VALUES (1, 0);
-- +goose StatementBegin
CREATE FUNCTION store_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE store_edits SET n = n + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER reviews_edit AFTER INSERT OR UPDATE OR DELETE ON reviews FOR EACH STATEMENT EXECUTE FUNCTION store_edit();
CREATE TRIGGER claims_edit AFTER UPDATE OR DELETE ON claims FOR EACH STATEMENT EXECUTE FUNCTION store_edit();
CREATE TRIGGER documents_edit AFTER UPDATE OR DELETE ON documents FOR EACH STATEMENT EXECUTE FUNCTION store_edit();

-- +goose Down
DROP TRIGGER reviews_edit ON reviews;
DROP TRIGGER claims_edit ON claims;
DROP TRIGGER documents_edit ON documents;
DROP FUNCTION store_edit();
DROP TABLE store_edits;
