-- A period filter's two ends each have an index: claims_date for "began
-- by the period's end" (date_start <= to) and this one for "ended after
-- its start" (date_end >= from). The store counts the candidates of each
-- side, up to a bound, and reads the few of the smaller side when there are
-- few, rather than walking every claim newest first to find none.

-- +goose Up
CREATE INDEX claims_date_end ON claims (date_end);

-- +goose Down
DROP INDEX claims_date_end;
