-- What `tally verify` computed: incidents (claims of several documents
-- reporting the same thing) and one verdict per claim. Both are recomputed
-- as a whole by each run; the PostgreSQL migration of the same number is
-- the same design.

-- +goose Up
CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE, -- the ref of its first claim
    kind        TEXT    NOT NULL,
    victims     TEXT,
    country     TEXT,
    admin1      TEXT,
    place       TEXT,
    date_start  TEXT,
    date_end    TEXT,
    low         INTEGER NOT NULL,
    best        INTEGER NOT NULL,
    high        INTEGER, -- null: no upper end is known
    grade       TEXT    NOT NULL,
    spread      REAL    NOT NULL,
    sources     INTEGER NOT NULL,
    summary     TEXT    NOT NULL,
    detail      TEXT    NOT NULL, -- JSON: every source's figure, outlets and claims
    computed_at TEXT    NOT NULL
);
CREATE INDEX incidents_admin1 ON incidents (lower(admin1), date_start);
CREATE INDEX incidents_date ON incidents (date_start);
CREATE INDEX incidents_grade ON incidents (grade);

CREATE TABLE verdicts (
    claim_id    INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    incident_id INTEGER REFERENCES incidents (id) ON DELETE SET NULL,
    grade       TEXT,
    verdict     TEXT    NOT NULL,
    recorded    INTEGER,
    ratio       REAL,
    summary     TEXT    NOT NULL,
    detail      TEXT    NOT NULL, -- JSON: the credibility with every record check
    computed_at TEXT    NOT NULL
);
CREATE INDEX verdicts_incident ON verdicts (incident_id);
CREATE INDEX verdicts_verdict ON verdicts (verdict);

-- +goose Down
DROP TABLE verdicts;
DROP TABLE incidents;
