-- 001: the initial schema (DESIGN.md §5). Forward-only: never edit this file once released;
-- add 002_*.sql instead. Timestamps are ISO-8601 strings given by the callers; *_json columns
-- hold JSON text; large arrays live in files beside the database, referenced by path + checksum.

CREATE TABLE datasets (
  id                      TEXT PRIMARY KEY,
  name                    TEXT NOT NULL,
  source_name             TEXT NOT NULL,
  stored_path             TEXT NOT NULL,
  checksum                TEXT NOT NULL,
  rows                    INTEGER NOT NULL CHECK (rows >= 0),
  columns                 INTEGER NOT NULL CHECK (columns >= 0),
  suggested_target        TEXT,
  suggested_target_reason TEXT NOT NULL DEFAULT '',
  profile_json            TEXT NOT NULL,
  preview_json            TEXT NOT NULL,
  created_at              TEXT NOT NULL
);
CREATE INDEX datasets_created_at ON datasets (created_at);
CREATE INDEX datasets_checksum ON datasets (checksum);

-- One row per column of a dataset, copied from its profile (queryable without parsing JSON).
CREATE TABLE columns (
  dataset_id     TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  name           TEXT NOT NULL,
  type           TEXT NOT NULL CHECK (type IN ('numeric', 'categorical')),
  missing        INTEGER NOT NULL,
  distinct_count INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, idx)
);

CREATE TABLE runs (
  id                TEXT PRIMARY KEY,
  dataset_id        TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  target            TEXT NOT NULL,
  task              TEXT CHECK (task IN ('binary', 'multiclass', 'regression')),
  metric            TEXT,
  greater_is_better INTEGER CHECK (greater_is_better IN (0, 1)),
  settings_json     TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  best_score        REAL,
  error             TEXT,
  report_json       TEXT,
  created_at        TEXT NOT NULL,
  started_at        TEXT,
  finished_at       TEXT
);
CREATE INDEX runs_created_at ON runs (created_at);
CREATE INDEX runs_dataset ON runs (dataset_id);
CREATE INDEX runs_status ON runs (status);

CREATE TABLE phases (
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name        TEXT NOT NULL CHECK (name IN ('search', 'foundation', 'refinement', 'ensemble', 'validation')),
  ord         INTEGER NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending'
              CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  started_at  TEXT,
  finished_at TEXT,
  error       TEXT,
  PRIMARY KEY (run_id, name)
);

CREATE TABLE tasks (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  phase       TEXT NOT NULL CHECK (phase IN ('search', 'foundation', 'refinement', 'ensemble', 'validation')),
  name        TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'queued'
              CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  attempt     INTEGER NOT NULL DEFAULT 1,
  started_at  TEXT,
  finished_at TEXT,
  error       TEXT,
  summary     TEXT
);
CREATE INDEX tasks_run ON tasks (run_id);

CREATE TABLE trials (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  task_id     INTEGER REFERENCES tasks (id) ON DELETE SET NULL,
  phase       TEXT NOT NULL CHECK (phase IN ('search', 'foundation', 'refinement', 'ensemble', 'validation')),
  model       TEXT NOT NULL,
  params_json TEXT NOT NULL,
  score       REAL,
  status      TEXT NOT NULL CHECK (status IN ('complete', 'pruned', 'failed')),
  duration_ms REAL NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX trials_run ON trials (run_id);
CREATE INDEX trials_task ON trials (task_id);

-- Time series (best-so-far curves, losses). SQLite stores NaN as NULL, hence `value` is nullable.
CREATE TABLE metrics (
  id     INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name   TEXT NOT NULL,
  step   REAL NOT NULL,
  value  REAL,
  at     TEXT NOT NULL
);
CREATE INDEX metrics_run ON metrics (run_id);

-- The numbered event stream of a run (progress snapshot + seq, DESIGN.md §3).
CREATE TABLE events (
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL CHECK (seq >= 1),
  type         TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  at           TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE artifacts (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  path       TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  bytes      INTEGER NOT NULL CHECK (bytes >= 0),
  meta_json  TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX artifacts_run ON artifacts (run_id);
