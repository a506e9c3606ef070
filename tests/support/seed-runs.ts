/**
 * Seeds many runs straight into a real SQLite store through the repositories (the runs table's
 * scale tests, unit and end to end), and works out in plain code which page a runs-table query
 * should answer, to check SQLite's answer against.
 */
import type { Store } from '../../src/main/ports/repositories';
import type { DatasetRecord } from '../../src/main/ports/repositories';
import type { RunQuery, RunReport, RunSortKey, RunStatus, TaskKind } from '../../src/shared/domain';
import { PROFILE_NAMES } from '../../src/shared/domain';

export const SEED_RUNS = 10_000;
export const SEED_NOW = new Date('2026-03-01T00:00:00.000Z');
const ALL_STATUSES: RunStatus[] = ['succeeded', 'succeeded', 'succeeded', 'failed', 'cancelled', 'running', 'queued', 'interrupted'];
/** Only statuses that a host's start-up leaves alone (it marks queued and running runs interrupted). */
export const FINAL_STATUSES: RunStatus[] = ['succeeded', 'succeeded', 'succeeded', 'failed', 'cancelled', 'interrupted'];
const TARGETS = ['churn', 'species', 'price', 'default_flag'];
export const SEED_DATASETS = ['Telco churn', 'Iris', 'Diamonds', 'Credit', 'Spam 100%_sure'];

export interface Seeded {
  id: string;
  datasetId: string;
  datasetName: string;
  target: string;
  task: TaskKind;
  metric: string;
  status: RunStatus;
  bestScore: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  profileScores: Record<string, number>;
  order: number;
}

function report(run: Seeded): RunReport {
  const score = run.bestScore ?? 0;
  return {
    runId: run.id,
    dataset: run.datasetName,
    target: run.target,
    task: run.task,
    metric: run.metric,
    greaterIsBetter: run.metric !== 'rmse',
    rows: { train: 100, holdout: 25 },
    findings: '',
    leaderboard: [],
    best: { model: 'gbdt', ensemble: 'single', members: 1, cvScore: score, holdoutScore: score, holdoutCi95: [score - 0.01, score + 0.01] },
    onnxParityMaxAbsDiff: 0,
    throughputRowsPerSecond: 1000,
    latencyMs: { p50: 0.1, p95: 0.2, p99: 0.3 },
    profiles: Object.entries(run.profileScores).map(([name, holdoutScore]) => ({ name, dir: '', modelBytes: 1, holdoutScore, model: 'gbdt', latencyP95Ms: 0.2, reason: '' })),
    checks: { leakage: [], rowOverlap: '', dataUsage: [] },
    phaseSeconds: { search: 0, foundation: 0, refinement: 0, ensemble: 0, validation: 0 },
    totalSeconds: 1,
  };
}

/** 10,000 runs over five datasets, with every status, gaps (no score, not started) and profile scores. */
export function seedRuns(store: Store, datasetRecord: (id: string, over: Partial<DatasetRecord>) => DatasetRecord, { runs = SEED_RUNS, statuses = ALL_STATUSES } = {}): Seeded[] {
  SEED_DATASETS.forEach((name, i) => store.datasets.insert(datasetRecord(`d${i}`, { name })));
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const seeded: Seeded[] = [];
  for (let i = 0; i < runs; i++) {
    const status = statuses[i % statuses.length];
    const task: TaskKind = i % 3 === 0 ? 'regression' : i % 3 === 1 ? 'binary' : 'multiclass';
    const started = status === 'queued' ? null : new Date(base + i * 60_000 + 1000).toISOString();
    const finished = started && status !== 'running' ? new Date(base + i * 60_000 + 1000 + ((i * 37) % 500) * 1000).toISOString() : null;
    const scored = status === 'succeeded' || (status === 'cancelled' && i % 2 === 0);
    const bestScore = scored ? ((i * 7919) % 10_000) / 10_000 : null;
    const profileScores: Record<string, number> =
      status === 'succeeded' ? Object.fromEntries(PROFILE_NAMES.map((p, k) => [p, Math.round(((i * (k + 3) * 104_729) % 10_000)) / 10_000])) : {};
    seeded.push({
      id: `run-${String(i).padStart(5, '0')}-${(i * 2_654_435_761 % 2 ** 32).toString(16)}`,
      datasetId: `d${i % SEED_DATASETS.length}`,
      datasetName: SEED_DATASETS[i % SEED_DATASETS.length],
      target: TARGETS[i % TARGETS.length],
      task,
      metric: task === 'regression' ? 'rmse' : task === 'binary' ? 'roc_auc' : 'accuracy',
      status,
      bestScore,
      createdAt: new Date(base + i * 60_000).toISOString(),
      startedAt: started,
      finishedAt: finished,
      profileScores,
      order: i,
    });
  }
  store.transaction(() => {
    for (const run of seeded) {
      store.runs.create({ id: run.id, createdAt: run.createdAt, settings: { datasetId: run.datasetId, target: run.target, budgetSeconds: 60, seed: 1 } });
      store.runs.update(run.id, {
        task: run.task,
        metric: run.metric,
        greaterIsBetter: run.metric !== 'rmse',
        status: run.status,
        bestScore: run.bestScore,
        ...(run.startedAt ? { startedAt: run.startedAt } : {}),
        ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
        ...(run.status === 'succeeded' ? { report: report(run) } : {}),
      });
    }
  });
  return seeded;
}

/** The value a sort key orders by, as the query defines it (null = no value, sorted last). */
export function sortValue(run: Seeded, key: RunSortKey): string | number | null {
  switch (key) {
    case 'dataset':
      return run.datasetName.toLowerCase();
    case 'target':
      return run.target.toLowerCase();
    case 'metric':
      return run.metric;
    case 'bestScore':
      // Larger is better whatever the metric: an RMSE (lower is better) sorts by its negation.
      return run.bestScore === null ? null : run.metric === 'rmse' ? -run.bestScore : run.bestScore;
    case 'status':
      return run.status;
    case 'duration':
      return run.startedAt ? Date.parse(run.finishedAt ?? SEED_NOW.toISOString()) - Date.parse(run.startedAt) : null;
    case 'startedAt':
      return run.startedAt ?? run.createdAt;
    default: {
      // The profiles' scores are oriented the same way.
      const score = run.profileScores[key.slice('profile:'.length)];
      return score === undefined || score === null ? null : run.metric === 'rmse' ? -score : score;
    }
  }
}

/** The page the query should answer, worked out in plain code. */
export function expectedPage(seeded: Seeded[], q: RunQuery): { ids: string[]; total: number } {
  const needle = q.search?.trim().toLowerCase();
  const matching = seeded.filter(
    (r) =>
      (!needle || r.datasetName.toLowerCase().includes(needle) || r.target.toLowerCase().includes(needle) || r.id.toLowerCase().includes(needle)) &&
      (!q.status?.length || q.status.includes(r.status)) &&
      (!q.task || r.task === q.task) &&
      (!q.metric || r.metric === q.metric) &&
      (!q.datasetId || r.datasetId === q.datasetId),
  );
  const sign = q.direction === 'asc' ? 1 : -1;
  matching.sort((a, b) => {
    const va = sortValue(a, q.sort);
    const vb = sortValue(b, q.sort);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      return (va < vb ? -1 : 1) * sign;
    }
    return b.order - a.order;
  });
  return { ids: matching.slice(q.offset, q.offset + q.limit).map((r) => r.id), total: matching.length };
}
