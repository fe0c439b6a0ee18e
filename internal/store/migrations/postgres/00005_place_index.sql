-- A claim's place is matched by its resolved name, else by its text as
-- written: one expression with one index, where two OR-ed indexes made the
-- planner gather every match before taking the newest.

-- +goose Up
DROP INDEX claims_place_name;
DROP INDEX claims_place_text;
CREATE INDEX claims_place ON claims (lower(coalesce(place_name, place_text)), id);

-- +goose Down
DROP INDEX claims_place;
CREATE INDEX claims_place_name ON claims (lower(place_name), id);
CREATE INDEX claims_place_text ON claims (lower(place_text), id);
