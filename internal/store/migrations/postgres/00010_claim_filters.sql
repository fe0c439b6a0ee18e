-- Claim filters whose values are rare, as in the SQLite migration of the
-- same number: an index on a claim's province and kind in id order, and
-- date_class, how long a claim's period may be (0: at most 31 days, 1: at
-- most 400, 2: longer or not a date), kept alike in both stores. PostgreSQL
-- plans a period filter from its column statistics with claims_date, which
-- stays; claims_doc goes, the UNIQUE (doc_id, cid) index serving the same
-- lookups.

-- +goose Up
DROP INDEX claims_doc;
CREATE INDEX claims_admin1_kind ON claims (lower(admin1), kind, id);
ALTER TABLE claims ADD COLUMN date_class INTEGER;
-- Days counted as if every month had 31 and every year 372: never fewer
-- than the true number, so a class never claims a shorter period.
UPDATE claims SET date_class = CASE
    WHEN date_start ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND date_end ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        CASE WHEN (substr(date_end, 1, 4)::int * 372 + substr(date_end, 6, 2)::int * 31 + substr(date_end, 9, 2)::int)
                - (substr(date_start, 1, 4)::int * 372 + substr(date_start, 6, 2)::int * 31 + substr(date_start, 9, 2)::int) <= 31 THEN 0
             WHEN (substr(date_end, 1, 4)::int * 372 + substr(date_end, 6, 2)::int * 31 + substr(date_end, 9, 2)::int)
                - (substr(date_start, 1, 4)::int * 372 + substr(date_start, 6, 2)::int * 31 + substr(date_start, 9, 2)::int) <= 400 THEN 1
             ELSE 2 END
    ELSE 2 END
WHERE date_start IS NOT NULL AND date_end IS NOT NULL;

-- +goose Down
ALTER TABLE claims DROP COLUMN date_class;
DROP INDEX claims_admin1_kind;
CREATE INDEX claims_doc ON claims (doc_id);
