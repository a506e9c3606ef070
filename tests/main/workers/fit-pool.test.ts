import { afterAll, describe, expect, it } from 'vitest';
import { defaultTreeSpec, fitTreePipeline, type TreeSpec } from '../../../src/main/ml/trees/tree-pipeline';
import { isCancelled } from '../../../src/main/onnx/errors';
import { createFitPool } from '../../../src/main/workers/fit-pool';
import { createRng, syntheticData } from '../ml/models/synthetic';

describe('fit pool (worker threads)', () => {
  const pool = createFitPool(2);
  afterAll(() => pool.close());
  const spec: TreeSpec = { family: 'gbdt', params: { ...defaultTreeSpec('gbdt').params, numIterations: 40 } } as TreeSpec;

  it('fits off the main thread with the same result as in-process, and the event loop keeps ticking', async () => {
    const { features, y, classes } = syntheticData('binary', 20_000, 5, 0.1);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const remote = await pool.fit({ features, y, task: 'binary', classes, spec, seed: 9 });
    clearInterval(timer);
    const local = await fitTreePipeline(features, y, 'binary', classes, spec, { rng: createRng(9) });
    expect(remote.toJSON()).toEqual(local.toJSON());
    expect(ticks).toBeGreaterThan(0);
  });

  it('cancels a running fit with an AbortError', async () => {
    const { features, y } = syntheticData('regression', 50_000, 6);
    const controller = new AbortController();
    const big: TreeSpec = { family: 'gbdt', params: { ...defaultTreeSpec('gbdt').params, numIterations: 5000 } } as TreeSpec;
    const running = pool.fit({ features, y, task: 'regression', classes: null, spec: big, seed: 1 }, controller.signal);
    setTimeout(() => controller.abort(), 300);
    const error = await running.then(() => null, (e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
  });
});
