-- Each claim was in three indexes of its dates: claims_window (migration
-- 10), claims_date and claims_date_end (migrations 1 and 7). A period's
-- plan now counts each end of the period, as well as the period itself,
-- from claims_window alone (store.planPeriod), and the few claims of a
-- period are gathered from it: the other two only cost every claim
-- inserted two more index rows, a seventh of what its eleven indexes
-- cost the writer (94,000 of 628,000 instructions a document).
--
-- The PostgreSQL migration of the same number changes nothing: its
-- planner chooses among the indexes by its statistics, and its writer is
-- not the one ingest waits for.

-- +goose Up
DROP INDEX claims_date;
DROP INDEX claims_date_end;

-- +goose Down
CREATE INDEX claims_date ON claims (date_start, date_end);
CREATE INDEX claims_date_end ON claims (date_end);
