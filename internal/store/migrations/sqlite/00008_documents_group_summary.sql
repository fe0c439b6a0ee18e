-- A document's copies (the other documents of its report group) are listed
-- with every document it is shown with: a wire story carried by hundreds of
-- outlets lists hundreds. Their summaries come from this covering index
-- alone, in the list's order, instead of a row of the documents table each,
-- where the summary's later columns sit behind the text and its overflow
-- pages. It takes the place of the index on group_id alone. The PostgreSQL
-- migration of the same number orders the group's index by id only: its
-- rows keep long text out of line (TOAST), and its index entries are
-- limited in size.

-- +goose Up
CREATE INDEX documents_group_summary ON documents (group_id, id, key, ext_id, title, published, source, url,
    origin, primary_name, primary_admin1, primary_country, extractor, ingested_at);
DROP INDEX documents_group;

-- +goose Down
CREATE INDEX documents_group ON documents (group_id);
DROP INDEX documents_group_summary;
