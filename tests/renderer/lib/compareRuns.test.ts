import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/domain';
import { bestIndex, chosenModel, metricRows, runLetter, settingRows } from '../../../src/renderer/lib/compareRuns';
import { run } from '../fixtures';

const report = (over: Partial<RunReport> = {}): RunReport => ({
  runId: 'r',
  dataset: 'telco.csv',
  target: 'churn',
  task: 'binary',
  metric: 'roc_auc',
  greaterIsBetter: true,
  rows: { train: 100, holdout: 20 },
  findings: '',
  leaderboard: [],
  best: { model: 'gbdt', ensemble: 'single', members: 1, cvScore: 0.84, holdoutScore: 0.83, holdoutCi95: [0.8, 0.86] },
  onnxParityMaxAbsDiff: 0,
  throughputRowsPerSecond: 250_000,
  latencyMs: { p50: 0.05, p95: 0.08, p99: 0.12 },
  profiles: [{ name: 'high-performance', dir: '', modelBytes: 20_480, holdoutScore: 0.83, model: 'gbdt', latencyP95Ms: 0.08, reason: '' }],
  checks: { leakage: [], rowOverlap: '', dataUsage: [] },
  phaseSeconds: { search: 0.5, foundation: 3, refinement: 4, ensemble: 1, validation: 1.5 },
  totalSeconds: 10,
  ...over,
});

const a = run('a', { status: 'succeeded', bestScore: 0.84, settings: { datasetId: 'ds1', target: 'churn', budgetSeconds: 10, seed: 1 }, report: report() });
const b = run('b', {
  status: 'succeeded',
  bestScore: 0.86,
  settings: { datasetId: 'ds1', target: 'churn', budgetSeconds: 30, seed: 1, goals: { latencyP95Ms: 5 } },
  report: report({
    best: { model: 'gbdt', ensemble: 'soft-vote', members: 3, cvScore: 0.86, holdoutScore: 0.85, holdoutCi95: [0.82, 0.88] },
    ensemble: { bestSingle: { model: 'gbdt', heldOutScore: 0.84 }, tried: [], chosen: 'greedy', reason: '', markdown: '' },
    latencyMs: { p50: 0.2, p95: 0.3, p99: 0.5 },
    throughputRowsPerSecond: 90_000,
    profiles: [{ name: 'high-performance', dir: '', modelBytes: 80_000, holdoutScore: 0.85, model: 'vote', latencyP95Ms: 0.3, reason: '' }],
    totalSeconds: 29,
  }),
});

describe('settingRows', () => {
  it('puts the settings side by side and marks the rows that differ', () => {
    const rows = settingRows([a, b]);
    const by = Object.fromEntries(rows.map((r) => [r.label, r]));
    expect(by['Dataset']).toEqual({ label: 'Dataset', values: ['telco.csv', 'telco.csv'], differs: false });
    expect(by['Time budget']).toEqual({ label: 'Time budget', values: ['10 s', '30 s'], differs: true });
    expect(by['Seed'].differs).toBe(false);
    expect(by['Latency goal (p95)']).toMatchObject({ values: ['—', '5 ms'], differs: true });
    expect(by['Chosen model']).toMatchObject({ values: ['gbdt', 'greedy of 3 (gbdt)'], differs: true });
    expect(rows.filter((r) => r.differs).map((r) => r.label)).toEqual(['Time budget', 'Latency goal (p95)', 'Chosen model']);
  });

  it('shows the advanced settings, "auto" where the workflow decided', () => {
    const c = run('c', { settings: { datasetId: 'ds1', target: 'churn', budgetSeconds: 10, seed: 1, cvFolds: 3, refinementAttempts: 4, ensemble: false } });
    const by = Object.fromEntries(settingRows([a, c]).map((r) => [r.label, r]));
    expect(by['CV folds']).toMatchObject({ values: ['auto', '3'], differs: true });
    expect(by['Refinement rounds (T)']).toMatchObject({ values: ['auto', 'auto'], differs: false });
    expect(by['Refinement attempts (K)']).toMatchObject({ values: ['auto', '4'], differs: true });
    expect(by['Ensemble']).toMatchObject({ values: ['on', 'off'], differs: true });
    expect(by['Device']).toMatchObject({ values: ['cpu', 'cpu'], differs: false });
  });

  it('marks nothing for a single run', () => {
    expect(settingRows([a]).some((r) => r.differs)).toBe(false);
  });
});

describe('metricRows', () => {
  it('shows the figures and marks the best run of each in its direction', () => {
    const by = Object.fromEntries(metricRows([a, b]).map((r) => [r.label, r]));
    expect(by['CV score']).toMatchObject({ values: ['0.8400', '0.8600'], best: 1, differs: true });
    expect(by['Holdout score (95% CI)'].values[1]).toBe('0.8500 [0.820, 0.880]');
    expect(by['Latency p95']).toMatchObject({ raw: [0.08, 0.3], best: 0 });
    expect(by['Throughput']).toMatchObject({ values: ['250,000 rows/s', '90,000 rows/s'], best: 0 });
    expect(by['Model size']).toMatchObject({ values: ['20.0 KB', '78.1 KB'], best: 0 });
    expect(by['Total time']).toMatchObject({ best: 0 });
    expect(by['Refinement time']).toMatchObject({ best: null, differs: false });
  });

  it('ranks a smaller-is-better metric downwards, and does not rank runs on different metrics', () => {
    const ra = { ...a, metric: 'rmse', greaterIsBetter: false };
    const rb = { ...b, metric: 'rmse', greaterIsBetter: false };
    expect(metricRows([ra, rb])[0].best).toBe(0);
    expect(metricRows([a, { ...b, metric: 'log_loss', greaterIsBetter: false }])[0].best).toBeNull();
  });

  it('leaves figures a run does not have yet as a dash, unranked', () => {
    const live = run('c', { status: 'running', bestScore: 0.8 });
    const rows = metricRows([a, live]);
    expect(rows[0].values).toEqual(['0.8400', '0.8000']);
    expect(rows[1]).toMatchObject({ values: ['0.8300 [0.800, 0.860]', '—'], best: null });
    expect(chosenModel(live)).toBe('— (running)');
  });
});

describe('helpers', () => {
  it('bestIndex skips missing values and ties', () => {
    expect(bestIndex([null, 2, 3], true)).toBe(2);
    expect(bestIndex([null, 2, 3], false)).toBe(1);
    expect(bestIndex([1, 1], true)).toBeNull();
    expect(bestIndex([1, null], true)).toBeNull();
  });
  it('names runs by letters', () => {
    expect([0, 1, 25].map(runLetter)).toEqual(['A', 'B', 'Z']);
  });
});

describe('chosenModel', () => {
  it('does not repeat what an ensemble label already says', () => {
    const r = run('e', { status: 'succeeded', report: report({ best: { model: 'soft vote of 2 (gbdt, gbdt)', ensemble: 'soft-vote', members: 2, cvScore: 0.8, holdoutScore: 0.8, holdoutCi95: [0.7, 0.9] } }) });
    expect(chosenModel(r)).toBe('soft vote of 2 (gbdt, gbdt)');
  });
});
