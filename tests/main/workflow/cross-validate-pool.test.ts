/**
 * Cross-validation on the run's fit pool (worker threads): the same out-of-fold predictions as
 * in-process for a seed, the main event loop stays responsive while folds fit, pruning and errors
 * behave as in-process, and a cancel leaves no worker behind.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { metricForTask } from '../../../src/main/ml/metrics';
import { DEFAULT_LINEAR_PARAMS } from '../../../src/main/ml/models/linear';
import { DEFAULT_MLP_PARAMS } from '../../../src/main/ml/models/mlp';
import { createRng } from '../../../src/main/ml/rng';
import { TrialPruned } from '../../../src/main/ml/search/study';
import { DEFAULT_EXTRA_TREES_PARAMS, DEFAULT_GBDT_PARAMS, DEFAULT_RANDOM_FOREST_PARAMS } from '../../../src/main/ml/trees/params';
import { isCancelled } from '../../../src/main/onnx/errors';
import { createFitPool } from '../../../src/main/workers/fit-pool';
import { crossValidate, runFolds } from '../../../src/main/workflow/cross-validate';
import type { Candidate, PreparedData } from '../../../src/main/workflow/run-state';
import { syntheticData } from '../ml/models/synthetic';

function prepared(kind: 'binary' | 'multiclass' | 'regression', n: number): PreparedData {
  const { features, y } = syntheticData(kind, n, 3, 0.05);
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const classes = kind === 'regression' ? null : kind === 'binary' ? ['0', '1'] : ['0', '1', '2'];
  return { fileName: 'synthetic.csv', task: kind, classes, y, features, droppedMissingTarget: 0, metric: metricForTask(kind), train: rows.slice(0, Math.floor(n * 0.8)), holdout: rows.slice(Math.floor(n * 0.8)), folds: 5 };
}

const gbdt = (numIterations: number): Candidate => ({ model: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numIterations, earlyStoppingRounds: 0 }, reason: 'test' });

describe('cross-validation on the fit pool', () => {
  const pool = createFitPool(2);
  afterAll(() => pool.close());

  it.each([
    ['binary', gbdt(30)],
    ['regression', { model: 'extra-trees', params: { ...DEFAULT_EXTRA_TREES_PARAMS, numTrees: 10 }, reason: 'test' } as Candidate],
    ['multiclass', { model: 'random-forest', params: { ...DEFAULT_RANDOM_FOREST_PARAMS, numTrees: 8 }, reason: 'test', dropColumns: ['noise'] } as Candidate],
  ] as const)('gives the in-process out-of-fold predictions (%s, %s)', async (kind, candidate) => {
    const data = prepared(kind, 3000);
    const folds = runFolds(data, 5);
    const signal = new AbortController().signal;
    const local = await crossValidate(data, candidate, { rng: createRng(11), signal, folds });
    const remote = await crossValidate(data, candidate, { rng: createRng(11), signal, folds, pool });
    expect(remote.oof).toEqual(local.oof);
    expect(remote.foldRounds).toEqual(local.foldRounds);
    if (candidate.model === 'gbdt') expect(local.foldRounds).toHaveLength(5);
    else expect(local.foldRounds).toBeUndefined();
    expect(remote.cvScore).toBe(local.cvScore);
    expect(remote.cvStd).toBe(local.cvStd);
    expect(remote.candidate).toBe(candidate); // the recorded candidate keeps its own num_threads
  }, 60_000);

  it('gives the in-process out-of-fold predictions for boosting on log(1 + y), on the target scale', async () => {
    const data = prepared('regression', 2000);
    data.y = data.y.map((v) => Math.exp(v / 2));
    const candidate: Candidate = { ...gbdt(20), targetTransform: 'log1p' };
    const folds = runFolds(data, 5);
    const signal = new AbortController().signal;
    const local = await crossValidate(data, candidate, { rng: createRng(5), signal, folds });
    const remote = await crossValidate(data, candidate, { rng: createRng(5), signal, folds, pool });
    expect(remote.oof).toEqual(local.oof);
    const plain = await crossValidate(data, gbdt(20), { rng: createRng(5), signal, folds, pool });
    if (remote.oof.task !== 'regression' || plain.oof.task !== 'regression') throw new Error('regression expected');
    // Both on the target's scale (log-scale values would be about a third), and not the same model.
    const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(remote.oof.value) / mean(plain.oof.value)).toBeGreaterThan(0.6);
    expect(mean(remote.oof.value) / mean(plain.oof.value)).toBeLessThan(1.4);
    expect(remote.oof.value).not.toEqual(plain.oof.value);
  }, 60_000);

  it('does not report the rounds of folds their deadline cut short, on the pool as in-process', async () => {
    const data = prepared('binary', 3000);
    const folds = runFolds(data, 5);
    const signal = new AbortController().signal;
    const slow = gbdt(5000);
    for (const where of [{}, { pool }]) {
      const cut = await crossValidate(data, slow, { rng: createRng(3), signal, folds, deadline: Date.now() + 500, ...where });
      expect(cut.foldRounds).toBeUndefined();
    }
  }, 60_000);

  it('fits linear and MLP candidates in-process (ONNX Runtime stays out of the workers)', async () => {
    const own = createFitPool(2);
    const data = prepared('binary', 1000);
    const signal = new AbortController().signal;
    for (const candidate of [
      { model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS, epochs: 3 }, reason: 'test' },
      { model: 'mlp', params: { ...DEFAULT_MLP_PARAMS, epochs: 2, hiddenLayers: '8' }, reason: 'test' },
    ] as Candidate[]) {
      const result = await crossValidate(data, candidate, { rng: createRng(4), signal, pool: own });
      expect(Number.isFinite(result.cvScore)).toBe(true);
    }
    expect(own.threads).toBe(0);
    await own.close();
  }, 60_000);

  it('prunes on the same fold as in-process', async () => {
    const data = prepared('binary', 2000);
    const folds = runFolds(data, 5);
    const seen: number[][] = [[], []];
    for (const [k, p] of [undefined, pool].entries()) {
      const error = await crossValidate(data, gbdt(10), { rng: createRng(2), signal: new AbortController().signal, folds, pool: p, onFold: (done, mean) => (seen[k].push(done, mean), done === 2) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrialPruned);
    }
    expect(seen[1]).toEqual(seen[0]);
  }, 60_000);

  it('brings a fit error back with its message', async () => {
    const data = prepared('binary', 500);
    const bad = { model: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numLeaves: -3 }, reason: 'test' } as Candidate;
    const local = await crossValidate(data, bad, { rng: createRng(1), signal: new AbortController().signal }).catch((e: unknown) => e as Error);
    const remote = await crossValidate(data, bad, { rng: createRng(1), signal: new AbortController().signal, pool }).catch((e: unknown) => e as Error);
    expect(local).toBeInstanceOf(Error);
    expect((remote as Error).message).toBe((local as Error).message);
  }, 60_000);

  it('keeps the main event loop responsive while a gbdt on 50k rows cross-validates', async () => {
    const data = prepared('binary', 62_500); // 50k training rows
    const candidate = gbdt(500);
    const folds = runFolds(data, 5);
    const signal = new AbortController().signal;
    // In-process, the same cross-validation: the loop waits on binning, each boosting round, predictions.
    const h0 = monitorEventLoopDelay({ resolution: 10 });
    h0.enable();
    const localStarted = Date.now();
    const local = await crossValidate(data, candidate, { rng: createRng(1), signal, folds });
    const inProcessMs = Date.now() - localStarted;
    h0.disable();
    const inProcessLagMs = h0.max / 1e6;

    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const started = Date.now();
    const remote = await crossValidate(data, candidate, { rng: createRng(1), signal, folds, pool });
    const poolMs = Date.now() - started;
    h.disable();
    const poolLagMs = h.max / 1e6;
    console.log(`event-loop lag, 5-fold CV of a gbdt on 50k rows: in-process ${inProcessMs} ms, max lag ${inProcessLagMs.toFixed(0)} ms; pool of ${pool.size} ${poolMs} ms, max lag ${poolLagMs.toFixed(0)} ms`);
    expect(remote.oof).toEqual(local.oof);
    expect(local.foldFitMs).toBeGreaterThan(5 * poolLagMs); // a fold fit takes about a second or more…
    // …and the loop never waits long (in-process, binning and predicting hold it for whole steps;
    // the bound leaves room for a loaded 2-core machine descheduling the main thread now and then).
    expect(poolLagMs).toBeLessThan(500);
  }, 180_000);

  it('cancels: the fold fits end at once and the pool holds no thread after closing', async () => {
    const own = createFitPool(2);
    const data = prepared('regression', 40_000);
    const controller = new AbortController();
    const running = crossValidate(data, gbdt(5000), { rng: createRng(1), signal: controller.signal, folds: runFolds(data, 1), pool: own });
    await new Promise((r) => setTimeout(r, 1500));
    expect(own.threads).toBeGreaterThan(0);
    const abortedAt = Date.now();
    controller.abort();
    const error = await running.catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(2000);
    await own.close();
    expect(own.threads).toBe(0);
  }, 60_000);
});
