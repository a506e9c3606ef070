-- 004: the Home runs table pages, sorts, filters and searches 10,000+ runs in SQLite
-- (repositories/run-query.ts). The exported profiles' holdout scores are copied out of the
-- report into a small JSON object ({"high-performance": 0.87, ...}) so that a page never parses
-- whole reports, and the columns the table sorts and filters by get indexes.

ALTER TABLE runs ADD COLUMN profile_scores_json TEXT;

UPDATE runs SET profile_scores_json = (
  SELECT json_group_object(json_extract(p.value, '$.name'), json_extract(p.value, '$.holdoutScore'))
  FROM json_each(runs.report_json, '$.profiles') AS p
)
WHERE report_json IS NOT NULL AND json_valid(report_json) AND json_type(report_json, '$.profiles') = 'array';

CREATE INDEX runs_best_score ON runs (best_score);
-- The table's default order: newest started first (a queued run by when it was created).
CREATE INDEX runs_started_or_created ON runs (COALESCE(started_at, created_at), created_at);
CREATE INDEX runs_target ON runs (target);
CREATE INDEX runs_metric ON runs (metric, created_at);
CREATE INDEX runs_status_created ON runs (status, created_at);
CREATE INDEX runs_dataset_created ON runs (dataset_id, created_at);
CREATE INDEX runs_task_created ON runs (task, created_at);
