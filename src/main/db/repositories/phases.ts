/**
 * The phases of a run, one row each, kept in the order they were created (`ord`).
 */
import type { Database } from '../connection';
import type { PhaseRepository } from '../../ports/repositories';
import type { PhaseInfo, PhaseName, PhaseStatus } from '../../../shared/domain';
import { patchParams, patchSetClause } from './sql';

interface PhaseRow {
  name: PhaseName;
  status: PhaseStatus;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

const toInfo = (r: PhaseRow): PhaseInfo => ({
  name: r.name,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
});

/** The SQLite {@link PhaseRepository}. */
export function createPhaseRepository(db: Database): PhaseRepository {
  const insertPhase = db.prepare<[string, string, number]>("INSERT INTO phases (run_id, name, ord, status) VALUES (?, ?, ?, 'pending')");
  const patchPhase = db.prepare(
    `UPDATE phases SET status = @status,\n  ${patchSetClause(['started_at', 'finished_at', 'error'])}\nWHERE run_id = @runId AND name = @name`,
  );
  const selectAll = db.prepare<[string], PhaseRow>('SELECT name, status, started_at, finished_at, error FROM phases WHERE run_id = ? ORDER BY ord');

  const createAll = db.transaction((runId: string, names: readonly PhaseName[]): void => {
    names.forEach((name, ord) => insertPhase.run(runId, name, ord));
  });

  return {
    createAll: (runId, names) => createAll(runId, names),
    update: (runId, name, patch) => {
      patchPhase.run({
        runId,
        name,
        status: patch.status,
        ...patchParams({ started_at: patch.startedAt, finished_at: patch.finishedAt, error: patch.error }),
      });
    },
    list: (runId) => selectAll.all(runId).map(toInfo),
  };
}
