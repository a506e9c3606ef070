/**
 * Search trials as immutable snapshots (Optuna's shape, DESIGN.md §4): inserted once, listed in
 * insertion order.
 */
import type { Database } from '../connection';
import type { TrialRecord, TrialRepository } from '../../ports/repositories';
import type { PhaseName } from '../../../shared/domain';
import { fromJson, toJson } from './sql';

interface TrialRow {
  id: number;
  run_id: string;
  task_id: number | null;
  phase: PhaseName;
  model: string;
  params_json: string;
  score: number | null;
  status: TrialRecord['status'];
  duration_ms: number;
  created_at: string;
}

const toRecord = (r: TrialRow): TrialRecord => ({
  id: r.id,
  runId: r.run_id,
  taskId: r.task_id,
  phase: r.phase,
  model: r.model,
  params: fromJson(r.params_json),
  score: r.score,
  status: r.status,
  durationMs: r.duration_ms,
  createdAt: r.created_at,
});

/** The SQLite {@link TrialRepository}. A NaN score is stored (and read back) as `null`. */
export function createTrialRepository(db: Database): TrialRepository {
  const insertTrial = db.prepare(
    `INSERT INTO trials (run_id, task_id, phase, model, params_json, score, status, duration_ms, created_at)
     VALUES (@runId, @taskId, @phase, @model, @paramsJson, @score, @status, @durationMs, @createdAt)`,
  );
  const selectAll = db.prepare<[string], TrialRow>(
    'SELECT id, run_id, task_id, phase, model, params_json, score, status, duration_ms, created_at FROM trials WHERE run_id = ? ORDER BY id',
  );

  return {
    insert: (trial) =>
      Number(
        insertTrial.run({
          runId: trial.runId,
          taskId: trial.taskId,
          phase: trial.phase,
          model: trial.model,
          paramsJson: toJson(trial.params),
          score: trial.score,
          status: trial.status,
          durationMs: trial.durationMs,
          createdAt: trial.createdAt,
        }).lastInsertRowid,
      ),
    list: (runId) => selectAll.all(runId).map(toRecord),
  };
}
