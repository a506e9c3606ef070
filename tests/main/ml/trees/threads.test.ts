import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { liveHistHelpers, PARALLEL_MIN_ROWS } from '../../../../src/main/ml/trees/hist-threads';
import { DEFAULT_GBDT_PARAMS, type GbdtParams } from '../../../../src/main/ml/trees/params';
import { fitTreePipeline } from '../../../../src/main/ml/trees/tree-pipeline';
import { isCancelled } from '../../../../src/main/onnx/errors';
import type { TaskKind } from '../../../../src/shared/domain';
import { syntheticData } from '../models/synthetic';

/** Helper threads report their exit asynchronously: wait until none is left (or fail). */
async function noHelpersLeft(): Promise<number> {
  for (let i = 0; i < 200 && liveHistHelpers() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return liveHistHelpers();
}

const rows = PARALLEL_MIN_ROWS + 5_000;

describe('histogram helper threads', () => {
  it.each<TaskKind>(['binary', 'multiclass', 'regression'])('a %s fit gives the same model with 1 and 2 threads, and leaves no thread behind', async (task) => {
    const { features, y, classes } = syntheticData(task, rows, 7, 0.1);
    const fit = (numThreads: number, onIteration?: () => void) => {
      const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, numIterations: 12, numThreads };
      return fitTreePipeline(features, y, task, classes, { family: 'gbdt', params }, { rng: createRng(3), onIteration });
    };
    let helpersDuringFit = 0;
    const two = await fit(2, () => (helpersDuringFit = Math.max(helpersDuringFit, liveHistHelpers())));
    const one = await fit(1);
    expect(helpersDuringFit).toBe(1);
    expect(two.toJSON().model).toEqual(one.toJSON().model);
    expect(await noHelpersLeft()).toBe(0);
  });

  it('stops its helpers when the fit is cancelled or fails', async () => {
    const { features, y, classes } = syntheticData('binary', rows, 8);
    const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, numIterations: 1000, numThreads: 2 };
    const controller = new AbortController();
    const cancelled = fitTreePipeline(features, y, 'binary', classes, { family: 'gbdt', params }, { rng: createRng(1), signal: controller.signal, onIteration: ({ iteration }) => iteration === 2 && controller.abort() });
    expect(isCancelled(await cancelled.then(() => null, (e: unknown) => e))).toBe(true);
    expect(await noHelpersLeft()).toBe(0);

    const failing = fitTreePipeline(features, y, 'binary', classes, { family: 'gbdt', params }, {
      rng: createRng(1),
      onIteration: () => {
        throw new Error('listener failed');
      },
    });
    await expect(failing).rejects.toThrow('listener failed');
    expect(await noHelpersLeft()).toBe(0);
  });
});
