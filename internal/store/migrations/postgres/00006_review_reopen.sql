-- A reviewer may undo: decision 'reopen' withdraws the decisions before it,
-- and the claim is back in the review queue (the log keeps them all). The
-- SQLite migration of the same number is the same change.

-- +goose Up
ALTER TABLE reviews DROP CONSTRAINT reviews_decision_check;
ALTER TABLE reviews ADD CONSTRAINT reviews_decision_check CHECK (decision IN ('accept', 'reject', 'correct', 'reopen'));

-- +goose Down
DELETE FROM reviews WHERE decision = 'reopen';
ALTER TABLE reviews DROP CONSTRAINT reviews_decision_check;
ALTER TABLE reviews ADD CONSTRAINT reviews_decision_check CHECK (decision IN ('accept', 'reject', 'correct'));
