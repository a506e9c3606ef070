/**
 * The agent tasks of a run. A task starts `queued` at attempt 1; retries raise `attempt`.
 */
import type { Database } from '../connection';
import type { TaskRepository } from '../../ports/repositories';
import type { PhaseName, TaskInfo, TaskStatus } from '../../../shared/domain';
import { patchParams, patchSetClause } from './sql';

interface TaskRow {
  id: number;
  phase: PhaseName;
  name: string;
  status: TaskStatus;
  attempt: number;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  summary: string | null;
}

const COLUMNS = 'id, phase, name, status, attempt, started_at, finished_at, error, summary';

const toInfo = (r: TaskRow): TaskInfo => ({
  id: r.id,
  phase: r.phase,
  name: r.name,
  status: r.status,
  attempt: r.attempt,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
  summary: r.summary,
});

/** The SQLite {@link TaskRepository}. */
export function createTaskRepository(db: Database): TaskRepository {
  const insertTask = db.prepare<[string, string, string]>("INSERT INTO tasks (run_id, phase, name, status, attempt) VALUES (?, ?, ?, 'queued', 1)");
  const patchTask = db.prepare(
    `UPDATE tasks SET status = @status,\n  ${patchSetClause(['attempt', 'started_at', 'finished_at', 'error', 'summary'])}\nWHERE id = @id`,
  );
  const selectOne = db.prepare<[number], TaskRow>(`SELECT ${COLUMNS} FROM tasks WHERE id = ?`);
  const selectAll = db.prepare<[string], TaskRow>(`SELECT ${COLUMNS} FROM tasks WHERE run_id = ? ORDER BY id`);

  return {
    create: (runId, phase, name) => Number(insertTask.run(runId, phase, name).lastInsertRowid),
    update: (id, patch) => {
      patchTask.run({
        id,
        status: patch.status,
        ...patchParams({
          attempt: patch.attempt,
          started_at: patch.startedAt,
          finished_at: patch.finishedAt,
          error: patch.error,
          summary: patch.summary,
        }),
      });
    },
    get: (id) => {
      const row = selectOne.get(id);
      return row ? toInfo(row) : null;
    },
    list: (runId) => selectAll.all(runId).map(toInfo),
  };
}
