import { describe, expect, it } from 'vitest';
import type { ArtifactRecord, TrialRecord } from '../../../src/main/ports/repositories';
import { datasetRecord, newRun, tempStore } from './helpers';

function storeWithRuns() {
  const ctx = tempStore();
  ctx.store.datasets.insert(datasetRecord('d1'));
  ctx.store.runs.create(newRun('r1', 'd1'));
  ctx.store.runs.create(newRun('r2', 'd1'));
  return ctx;
}

describe('TrialRepository', () => {
  it('round-trips trials per run, in insertion order', () => {
    const { store } = storeWithRuns();
    const taskId = store.tasks.create('r1', 'search', 'tpe');
    const a: Omit<TrialRecord, 'id'> = {
      runId: 'r1',
      taskId,
      phase: 'search',
      model: 'gbt',
      params: { depth: 4, lr: 0.05, objective: 'binary', native: true },
      score: 0.871,
      status: 'complete',
      durationMs: 1234.5,
      createdAt: 't1',
    };
    const b: Omit<TrialRecord, 'id'> = { ...a, taskId: null, model: 'mlp', params: {}, score: null, status: 'pruned', durationMs: 10, createdAt: 't2' };
    const idA = store.trials.insert(a);
    const idB = store.trials.insert(b);
    store.trials.insert({ ...a, runId: 'r2' });

    expect(idB).toBeGreaterThan(idA);
    expect(store.trials.list('r1')).toEqual([
      { id: idA, ...a },
      { id: idB, ...b },
    ]);
    expect(store.trials.list('r2')).toHaveLength(1);
  });

  it('refuses an unknown status', () => {
    const { store } = storeWithRuns();
    expect(() =>
      store.trials.insert({ runId: 'r1', taskId: null, phase: 'search', model: 'x', params: {}, score: 1, status: 'weird' as never, durationMs: 1, createdAt: 't' }),
    ).toThrow(/CHECK/);
  });
});

describe('MetricRepository', () => {
  it('round-trips points per run in recording order, NaN included', () => {
    const { store } = storeWithRuns();
    store.metrics.insert('r1', { name: 'best', step: 1, value: 0.5, at: 't1' });
    store.metrics.insert('r1', { name: 'loss', step: 1, value: Number.NaN, at: 't2' });
    store.metrics.insert('r2', { name: 'best', step: 1, value: 0.1, at: 't3' });
    store.metrics.insert('r1', { name: 'best', step: 2, value: 0.75, at: 't4' });

    const points = store.metrics.list('r1');
    expect(points.map((p) => [p.name, p.step, p.at])).toEqual([
      ['best', 1, 't1'],
      ['loss', 1, 't2'],
      ['best', 2, 't4'],
    ]);
    expect(points[0].value).toBe(0.5);
    expect(points[1].value).toBeNaN();
    expect(points[2].value).toBe(0.75);
    expect(store.metrics.list('none')).toEqual([]);
  });
});

describe('ArtifactRepository', () => {
  it('round-trips artifacts per run', () => {
    const { store } = storeWithRuns();
    const model: Omit<ArtifactRecord, 'id'> = {
      runId: 'r1',
      kind: 'onnx',
      path: 'runs/r1/model.onnx',
      checksum: 'abc123',
      bytes: 40960,
      meta: { opset: 17, profile: 'fast', inputs: ['x'] },
      createdAt: 't1',
    };
    const id = store.artifacts.insert(model);
    const reportId = store.artifacts.insert({ ...model, kind: 'report', path: 'runs/r1/report.json', meta: {} });
    expect(store.artifacts.list('r1')).toEqual([
      { id, ...model },
      { id: reportId, ...model, kind: 'report', path: 'runs/r1/report.json', meta: {} },
    ]);
    expect(store.artifacts.list('r2')).toEqual([]);
  });
});
