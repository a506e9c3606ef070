import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/shared/domain';
import { PHASES } from '../../../src/shared/domain';
import { datasetRecord, newRun, tempStore } from './helpers';

const report: RunReport = {
  runId: 'r1',
  dataset: 'Dataset d1',
  target: 'species',
  task: 'multiclass',
  metric: 'accuracy',
  greaterIsBetter: true,
  rows: { train: 120, holdout: 30 },
  findings: 'Trees win.',
  leaderboard: [{ model: 'gbt', params: { depth: 3, lr: 0.1, native: true }, cvScore: 0.95, cvStd: 0.01 }],
  best: { model: 'gbt', ensemble: 'soft-vote', members: 3, cvScore: 0.95, holdoutScore: 0.93, holdoutCi95: [0.9, 0.96] },
  onnxParityMaxAbsDiff: 1e-7,
  throughputRowsPerSecond: 250000,
  latencyMs: { p50: 0.1, p95: 0.2, p99: 0.3 },
  profiles: [{ name: 'fast', dir: 'exports/r1/fast', modelBytes: 2048, holdoutScore: 0.92, model: 'gbt', latencyP95Ms: 0.2, reason: 'fastest' }],
  checks: { leakage: [], rowOverlap: 'No holdout row repeats a training row.', dataUsage: [{ column: 'x', used: true, detail: 'used as a feature' }] },
  phaseSeconds: { search: 1, foundation: 2, refinement: 3, ensemble: 4, validation: 5 },
  totalSeconds: 15,
};

function storeWithDataset() {
  const ctx = tempStore();
  ctx.store.datasets.insert(datasetRecord('d1'));
  return ctx;
}

describe('RunRepository', () => {
  it('creates a queued run with the dataset name and default direction', () => {
    const { store } = storeWithDataset();
    store.runs.create(newRun('r1', 'd1'));
    expect(store.runs.get('r1')).toEqual({
      id: 'r1',
      datasetId: 'd1',
      datasetName: 'Dataset d1',
      target: 'species',
      task: null,
      metric: null,
      greaterIsBetter: true,
      status: 'queued',
      bestScore: null,
      error: null,
      createdAt: '2026-01-02T00:00:00.000Z',
      startedAt: null,
      finishedAt: null,
    });
    expect(store.runs.get('nope')).toBeNull();
  });

  it('round-trips settings, taking the task from them when given', () => {
    const { store } = storeWithDataset();
    const run = newRun('r1', 'd1');
    run.settings.task = 'binary';
    store.runs.create(run);
    expect(store.runs.getSettings('r1')).toEqual(run.settings);
    expect(store.runs.get('r1')?.task).toBe('binary');
    expect(store.runs.getSettings('nope')).toBeNull();
  });

  it('refuses a run on a dataset that does not exist', () => {
    const { store } = tempStore();
    expect(() => store.runs.create(newRun('r1', 'missing'))).toThrow(/FOREIGN KEY/);
  });

  it('updates only the fields given, and clears fields set to null', () => {
    const { store } = storeWithDataset();
    store.runs.create(newRun('r1', 'd1'));
    store.runs.update('r1', { status: 'running', startedAt: 't1', task: 'multiclass', metric: 'log_loss', greaterIsBetter: false, error: 'transient' });
    store.runs.update('r1', { bestScore: 0.42 });
    expect(store.runs.get('r1')).toMatchObject({
      status: 'running',
      startedAt: 't1',
      task: 'multiclass',
      metric: 'log_loss',
      greaterIsBetter: false,
      bestScore: 0.42,
      error: 'transient',
    });
    store.runs.update('r1', { error: null, bestScore: null, greaterIsBetter: true });
    expect(store.runs.get('r1')).toMatchObject({ error: null, bestScore: null, greaterIsBetter: true, metric: 'log_loss' });
  });

  it('refuses a status outside the allowed values', () => {
    const { store } = storeWithDataset();
    store.runs.create(newRun('r1', 'd1'));
    expect(() => store.runs.update('r1', { status: 'exploded' as never })).toThrow(/CHECK/);
  });

  it('round-trips the report', () => {
    const { store } = storeWithDataset();
    store.runs.create(newRun('r1', 'd1'));
    expect(store.runs.getReport('r1')).toBeNull();
    store.runs.update('r1', { report, status: 'succeeded', finishedAt: 't9' });
    expect(store.runs.getReport('r1')).toEqual(report);
    expect(store.runs.getReport('nope')).toBeNull();
  });

  it('lists newest first', () => {
    const { store } = storeWithDataset();
    store.runs.create(newRun('mid', 'd1', '2026-02-02T00:00:00.000Z'));
    store.runs.create(newRun('new', 'd1', '2026-02-03T00:00:00.000Z'));
    store.runs.create(newRun('old', 'd1', '2026-02-01T00:00:00.000Z'));
    expect(store.runs.list().map((r) => r.id)).toEqual(['new', 'mid', 'old']);
    expect(store.runs.list()[0].datasetName).toBe('Dataset d1');
  });

  it('marks unfinished runs, their running phases and their queued or running tasks interrupted', () => {
    const { store } = storeWithDataset();
    for (const id of ['queued', 'running', 'done']) {
      store.runs.create(newRun(id, 'd1'));
      store.phases.createAll(id, PHASES);
    }
    store.runs.update('running', { status: 'running', startedAt: 't0' });
    store.phases.update('running', 'search', { status: 'succeeded', startedAt: 't0', finishedAt: 't1' });
    store.phases.update('running', 'foundation', { status: 'running', startedAt: 't1' });
    const finished = store.tasks.create('running', 'search', 'profile data');
    store.tasks.update(finished, { status: 'succeeded', finishedAt: 't1' });
    const active = store.tasks.create('running', 'foundation', 'fit gbt');
    store.tasks.update(active, { status: 'running', startedAt: 't1' });
    const waiting = store.tasks.create('running', 'foundation', 'fit forest');

    store.runs.update('done', { status: 'succeeded', finishedAt: 't5' });
    store.phases.update('done', 'search', { status: 'running' }); // inconsistent on purpose: a finished run is left alone
    const doneTask = store.tasks.create('done', 'search', 'left alone');

    const ids = store.runs.markUnfinishedInterrupted('t9');
    expect([...ids].sort()).toEqual(['queued', 'running']);

    expect(store.runs.get('running')).toMatchObject({ status: 'interrupted', finishedAt: 't9', startedAt: 't0' });
    expect(store.runs.get('queued')).toMatchObject({ status: 'interrupted', finishedAt: 't9' });
    expect(store.runs.get('done')).toMatchObject({ status: 'succeeded', finishedAt: 't5' });

    expect(store.phases.list('running').map((p) => [p.name, p.status, p.finishedAt])).toEqual([
      ['search', 'succeeded', 't1'],
      ['foundation', 'interrupted', 't9'],
      ['refinement', 'pending', null],
      ['ensemble', 'pending', null],
      ['validation', 'pending', null],
    ]);
    expect(store.tasks.get(finished)?.status).toBe('succeeded');
    expect(store.tasks.get(active)).toMatchObject({ status: 'interrupted', finishedAt: 't9' });
    expect(store.tasks.get(waiting)?.status).toBe('interrupted');
    expect(store.phases.list('done')[0].status).toBe('running');
    expect(store.tasks.get(doneTask)?.status).toBe('queued');

    expect(store.runs.markUnfinishedInterrupted('t10')).toEqual([]);
  });
});

describe('PhaseRepository', () => {
  it('creates the phases pending, in the given order, and updates them', () => {
    const { store } = storeWithDataset();
    store.runs.create(newRun('r1', 'd1'));
    store.phases.createAll('r1', PHASES);
    expect(store.phases.list('r1')).toEqual(PHASES.map((name) => ({ name, status: 'pending', startedAt: null, finishedAt: null, error: null })));

    store.phases.update('r1', 'refinement', { status: 'running', startedAt: 't1' });
    store.phases.update('r1', 'refinement', { status: 'failed', finishedAt: 't2', error: 'out of budget' });
    expect(store.phases.list('r1')[2]).toEqual({ name: 'refinement', status: 'failed', startedAt: 't1', finishedAt: 't2', error: 'out of budget' });
    store.phases.update('r1', 'refinement', { status: 'succeeded', error: null });
    expect(store.phases.list('r1')[2]).toMatchObject({ status: 'succeeded', error: null, startedAt: 't1' });
    expect(store.phases.list('other')).toEqual([]);
  });

  it('creates all phases or none', () => {
    const { store } = storeWithDataset();
    store.runs.create(newRun('r1', 'd1'));
    expect(() => store.phases.createAll('r1', ['search', 'search'])).toThrow(/UNIQUE/);
    expect(store.phases.list('r1')).toEqual([]);
  });
});

describe('TaskRepository', () => {
  it('creates queued tasks with increasing ids and round-trips updates', () => {
    const { store } = storeWithDataset();
    store.runs.create(newRun('r1', 'd1'));
    const first = store.tasks.create('r1', 'search', 'retrieve candidates');
    const second = store.tasks.create('r1', 'foundation', 'fit gbt');
    expect(second).toBeGreaterThan(first);
    expect(store.tasks.get(first)).toEqual({
      id: first,
      phase: 'search',
      name: 'retrieve candidates',
      status: 'queued',
      attempt: 1,
      startedAt: null,
      finishedAt: null,
      error: null,
      summary: null,
    });

    store.tasks.update(second, { status: 'running', startedAt: 't1' });
    store.tasks.update(second, { status: 'succeeded', attempt: 2, finishedAt: 't2', summary: 'gbt 0.93', error: null });
    expect(store.tasks.get(second)).toMatchObject({ status: 'succeeded', attempt: 2, startedAt: 't1', finishedAt: 't2', summary: 'gbt 0.93' });
    expect(store.tasks.list('r1').map((t) => t.id)).toEqual([first, second]);
    expect(store.tasks.get(9999)).toBeNull();
  });
});
