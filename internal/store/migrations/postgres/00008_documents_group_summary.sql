-- A document's copies (the other documents of its report group) are listed
-- newest first with every document it is shown with: the group's index
-- gives them in that order. The SQLite migration of the same number makes
-- the index cover the summaries too; here rows keep long text out of line
-- (TOAST), and index entries are limited in size.

-- +goose Up
CREATE INDEX documents_group_id ON documents (group_id, id);
DROP INDEX documents_group;

-- +goose Down
CREATE INDEX documents_group ON documents (group_id);
DROP INDEX documents_group_id;
