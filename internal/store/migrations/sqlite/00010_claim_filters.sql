-- Claim filters whose values are rare. Listing claims newest first, the
-- planner walks an index in id order and skips non-matches; when the
-- province's claims are many and the kind asked for is rare, or no claim
-- falls in the period asked for, it skips nearly every claim.
-- - A province and a kind: one index on both, in id order.
-- - A period: a claim's dates overlap a window when it ends after the
--   window starts and starts before it ends, two open ranges no index
--   narrows. date_class bounds how long a claim's period is (0: at most 31
--   days, 1: at most 400, 2: longer or not a date), so that for classes 0
--   and 1 the start lies in a closed range: the store gathers the window's
--   claims from claims_window when they are few, and walks id order when
--   they are many.
-- - claims_doc goes: the UNIQUE (doc_id, cid) index serves the same
--   lookups, and each index costs every insert. claims_date stays: main's
--   migrations 7 and 8 (numbered before this one, written at the same
--   time on another branch) plan period filters with it.

-- +goose Up
DROP INDEX claims_doc;
CREATE INDEX claims_admin1_kind ON claims (lower(admin1), kind, id);
ALTER TABLE claims ADD COLUMN date_class INTEGER;
-- Days counted as if every month had 31 and every year 372: never fewer
-- than the true number, so a class never claims a shorter period.
UPDATE claims SET date_class = CASE
    WHEN date_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
     AND date_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN
        CASE WHEN (CAST(substr(date_end, 1, 4) AS INTEGER) * 372 + CAST(substr(date_end, 6, 2) AS INTEGER) * 31 + CAST(substr(date_end, 9, 2) AS INTEGER))
                - (CAST(substr(date_start, 1, 4) AS INTEGER) * 372 + CAST(substr(date_start, 6, 2) AS INTEGER) * 31 + CAST(substr(date_start, 9, 2) AS INTEGER)) <= 31 THEN 0
             WHEN (CAST(substr(date_end, 1, 4) AS INTEGER) * 372 + CAST(substr(date_end, 6, 2) AS INTEGER) * 31 + CAST(substr(date_end, 9, 2) AS INTEGER))
                - (CAST(substr(date_start, 1, 4) AS INTEGER) * 372 + CAST(substr(date_start, 6, 2) AS INTEGER) * 31 + CAST(substr(date_start, 9, 2) AS INTEGER)) <= 400 THEN 1
             ELSE 2 END
    ELSE 2 END
WHERE date_start IS NOT NULL AND date_end IS NOT NULL;
CREATE INDEX claims_window ON claims (date_class, date_start, date_end);

-- +goose Down
DROP INDEX claims_window;
ALTER TABLE claims DROP COLUMN date_class;
DROP INDEX claims_admin1_kind;
CREATE INDEX claims_doc ON claims (doc_id);
