/**
 * Runs. A run's summary columns (task, metric, direction, status, best score) are real columns so
 * that lists never parse JSON; the settings and the final report are JSON. Lists join the dataset
 * name, which the run screens always show.
 */
import type { Database } from '../connection';
import type { RunPatch, RunRepository } from '../../ports/repositories';
import type { RunReport, RunSettings, RunStatus, RunSummary, TaskKind } from '../../../shared/domain';
import { createRunQuery, DEFAULT_RUN_QUERY, profileScoresJson } from './run-query';
import { fromJson, patchParams, patchSetClause, toFlag, toJson } from './sql';

/** A run's summary columns as SELECT_SUMMARY reads them (run-query.ts reads the same, plus the profiles' scores). */
export interface SummaryRow {
  id: string;
  dataset_id: string;
  dataset_name: string;
  target: string;
  task: TaskKind | null;
  metric: string | null;
  greater_is_better: number | null;
  status: RunStatus;
  best_score: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const SELECT_SUMMARY = `SELECT r.id, r.dataset_id, d.name AS dataset_name, r.target, r.task, r.metric, r.greater_is_better,
  r.status, r.best_score, r.error, r.created_at, r.started_at, r.finished_at
FROM runs r JOIN datasets d ON d.id = r.dataset_id`;

const PATCH_COLUMNS = ['task', 'metric', 'greater_is_better', 'status', 'best_score', 'error', 'started_at', 'finished_at', 'report_json', 'profile_scores_json'] as const;

/** A summary row as the domain's RunSummary (run-query.ts adds the profiles' scores to it). */
export const toSummary = (r: SummaryRow): RunSummary => ({
  id: r.id,
  datasetId: r.dataset_id,
  datasetName: r.dataset_name,
  target: r.target,
  task: r.task,
  metric: r.metric,
  // Unknown until the run has chosen its metric; "larger is better" is the common case.
  greaterIsBetter: r.greater_is_better === null ? true : r.greater_is_better === 1,
  status: r.status,
  bestScore: r.best_score,
  error: r.error,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** The SQLite {@link RunRepository}. */
export function createRunRepository(db: Database): RunRepository {
  const insertRun = db.prepare(
    `INSERT INTO runs (id, dataset_id, target, task, settings_json, status, created_at)
     VALUES (@id, @datasetId, @target, @task, @settingsJson, 'queued', @createdAt)`,
  );
  const selectOne = db.prepare<[string], SummaryRow>(`${SELECT_SUMMARY} WHERE r.id = ?`);
  const selectAll = db.prepare<[], SummaryRow>(`${SELECT_SUMMARY} ORDER BY r.created_at DESC, r.rowid DESC`);
  // The index on created_at gives the order: the newest few are read without sorting every run.
  const selectNewest = db.prepare<[number], SummaryRow>(`${SELECT_SUMMARY} ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?`);
  const selectSettings = db.prepare<[string], string>('SELECT settings_json FROM runs WHERE id = ?').pluck();
  const selectReport = db.prepare<[string], string | null>('SELECT report_json FROM runs WHERE id = ?').pluck();
  const patchRun = db.prepare(`UPDATE runs SET\n  ${patchSetClause(PATCH_COLUMNS)}\nWHERE id = @id`);
  const query = createRunQuery(db);

  const UNFINISHED = `SELECT id FROM runs WHERE status IN ('queued', 'running')`;
  const selectUnfinished = db.prepare<[], string>(`${UNFINISHED} ORDER BY created_at, rowid`).pluck();
  const interruptPhases = db.prepare<[string]>(
    `UPDATE phases SET status = 'interrupted', finished_at = ? WHERE status = 'running' AND run_id IN (${UNFINISHED})`,
  );
  const interruptTasks = db.prepare<[string]>(
    `UPDATE tasks SET status = 'interrupted', finished_at = ? WHERE status IN ('queued', 'running') AND run_id IN (${UNFINISHED})`,
  );
  const interruptRuns = db.prepare<[string]>(`UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status IN ('queued', 'running')`);

  const markUnfinishedInterrupted = db.transaction((now: string): string[] => {
    const ids = selectUnfinished.all();
    // Children first: their statements find the runs by their still-unfinished status.
    interruptPhases.run(now);
    interruptTasks.run(now);
    interruptRuns.run(now);
    return ids;
  });

  return {
    create: ({ id, settings, createdAt }) => {
      insertRun.run({
        id,
        datasetId: settings.datasetId,
        target: settings.target,
        task: settings.task ?? null,
        settingsJson: toJson(settings),
        createdAt,
      });
    },
    get: (id) => {
      const row = selectOne.get(id);
      return row ? toSummary(row) : null;
    },
    getSettings: (id) => {
      const json = selectSettings.get(id);
      return json === undefined ? null : fromJson<RunSettings>(json);
    },
    getReport: (id) => {
      const json = selectReport.get(id);
      return json === undefined || json === null ? null : fromJson<RunReport>(json);
    },
    list: (limit) => (limit === undefined ? selectAll.all() : selectNewest.all(limit)).map(toSummary),
    query: (q, now) => query({ ...DEFAULT_RUN_QUERY, ...q }, now),
    update: (id: string, patch: RunPatch) => {
      patchRun.run({
        id,
        ...patchParams({
          task: patch.task,
          metric: patch.metric,
          greater_is_better: patch.greaterIsBetter === undefined ? undefined : toFlag(patch.greaterIsBetter),
          status: patch.status,
          best_score: patch.bestScore,
          error: patch.error,
          started_at: patch.startedAt,
          finished_at: patch.finishedAt,
          report_json: patch.report === undefined ? undefined : toJson(patch.report),
          // The runs table's copy of the profiles' holdout scores (migration 004).
          profile_scores_json: patch.report === undefined ? undefined : patch.report ? profileScoresJson(patch.report.profiles ?? []) : null,
        }),
      });
    },
    markUnfinishedInterrupted: (now) => markUnfinishedInterrupted(now),
  };
}
