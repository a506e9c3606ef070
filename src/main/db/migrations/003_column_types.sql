-- 003: richer column types (integer, boolean, datetime, text, identifier beside numeric and
-- categorical), the user's per-column choices (a type override, left out of training), and the
-- table-level profile and the suggested target's analysis as JSON. `columns` is rebuilt because
-- SQLite cannot change a CHECK constraint in place; `type` stays the inferred type.

CREATE TABLE columns_v3 (
  dataset_id     TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  name           TEXT NOT NULL,
  type           TEXT NOT NULL
                 CHECK (type IN ('numeric', 'integer', 'boolean', 'categorical', 'datetime', 'text', 'identifier')),
  missing        INTEGER NOT NULL,
  distinct_count INTEGER NOT NULL,
  type_override  TEXT
                 CHECK (type_override IS NULL OR type_override IN ('numeric', 'integer', 'boolean', 'categorical', 'datetime', 'text', 'identifier')),
  excluded       INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
  PRIMARY KEY (dataset_id, idx)
);
INSERT INTO columns_v3 (dataset_id, idx, name, type, missing, distinct_count)
  SELECT dataset_id, idx, name, type, missing, distinct_count FROM columns;
DROP TABLE columns;
ALTER TABLE columns_v3 RENAME TO columns;

ALTER TABLE datasets ADD COLUMN table_json TEXT;
ALTER TABLE datasets ADD COLUMN target_analysis_json TEXT;
