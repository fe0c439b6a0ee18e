-- The SQLite migration of the same number adds a small table that new band
-- keys go to before they join report_bands in key order. PostgreSQL's
-- writers insert into report_bands as before: this migration keeps the
-- two dialects' version numbers in step.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
