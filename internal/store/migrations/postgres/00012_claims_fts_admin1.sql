-- SQLite's migration 12 puts a claim's province in its full-text index.
-- PostgreSQL plans a search within a province from its statistics (the
-- quote's tsvector index and the province's index, intersected as bitmaps
-- when both are selective): nothing to change. The number is kept so that
-- both dialects count their migrations alike.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
