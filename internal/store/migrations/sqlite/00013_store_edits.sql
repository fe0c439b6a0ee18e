-- Writes that change what is stored rather than add to it: a review, a
-- claim changed or deleted (re-extraction), a document changed or deleted.
-- Ingesting adds documents and their claims under new ids, larger than any
-- before, and counts nothing here. A reader that keeps what it derived
-- from claims of ids below some bound (the API's pages after a cursor)
-- knows by this count alone that appends since left it right.

-- +goose Up
CREATE TABLE store_edits (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO store_edits (id, n) VALUES (1, 0);
-- +goose StatementBegin
CREATE TRIGGER reviews_edit_insert AFTER INSERT ON reviews BEGIN UPDATE store_edits SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER reviews_edit_update AFTER UPDATE ON reviews BEGIN UPDATE store_edits SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER reviews_edit_delete AFTER DELETE ON reviews BEGIN UPDATE store_edits SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claims_edit_update AFTER UPDATE ON claims BEGIN UPDATE store_edits SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claims_edit_delete AFTER DELETE ON claims BEGIN UPDATE store_edits SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER documents_edit_update AFTER UPDATE ON documents BEGIN UPDATE store_edits SET n = n + 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER documents_edit_delete AFTER DELETE ON documents BEGIN UPDATE store_edits SET n = n + 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER reviews_edit_insert;
DROP TRIGGER reviews_edit_update;
DROP TRIGGER reviews_edit_delete;
DROP TRIGGER claims_edit_update;
DROP TRIGGER claims_edit_delete;
DROP TRIGGER documents_edit_update;
DROP TRIGGER documents_edit_delete;
DROP TABLE store_edits;
