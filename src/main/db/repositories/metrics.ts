/**
 * Metric time series of a run (best-so-far curves, losses), listed in the order recorded.
 * SQLite has no NaN (it stores NULL), so a NaN value is read back as NaN from that NULL.
 */
import type { Database } from '../connection';
import type { MetricRepository } from '../../ports/repositories';
import type { MetricPoint } from '../../../shared/domain';

interface MetricRow {
  name: string;
  step: number;
  value: number | null;
  at: string;
}

/** The SQLite {@link MetricRepository}. */
export function createMetricRepository(db: Database): MetricRepository {
  const insertPoint = db.prepare<[string, string, number, number, string]>('INSERT INTO metrics (run_id, name, step, value, at) VALUES (?, ?, ?, ?, ?)');
  const selectAll = db.prepare<[string], MetricRow>('SELECT name, step, value, at FROM metrics WHERE run_id = ? ORDER BY id');

  return {
    insert: (runId, point) => {
      insertPoint.run(runId, point.name, point.step, point.value, point.at);
    },
    list: (runId) => selectAll.all(runId).map((r): MetricPoint => ({ name: r.name, step: r.step, value: r.value ?? Number.NaN, at: r.at })),
  };
}
