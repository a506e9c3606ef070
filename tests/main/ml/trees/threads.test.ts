import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { binFrame, fitBinning, type BinnedData } from '../../../../src/main/ml/trees/binning';
import { boost } from '../../../../src/main/ml/trees/gbdt';
import { createObjective } from '../../../../src/main/ml/trees/objectives';
import { rawScores } from '../../../../src/main/ml/trees/tree-model';
import { buildHistogramByParts, createScratch, histogramLayout, ROW_PARTS } from '../../../../src/main/ml/trees/histogram';
import { HELPERS_MIN_CELLS, HistThreads, liveHistHelpers, PARALLEL_MIN_ROWS, sharedFloat64, sharedInt32 } from '../../../../src/main/ml/trees/hist-threads';
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

// Enough rows × features (4 columns) for helpers and by-parts builds of the larger leaves.
const rows = Math.max(PARALLEL_MIN_ROWS, HELPERS_MIN_CELLS / 4, 70_000);

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

  it('bagging, feature sampling, class weights and float gradients give the same model with 1 and 2 threads too', async () => {
    const { features, y, classes } = syntheticData('binary', rows, 7, 0.1);
    for (const extra of [{ baggingFraction: 0.7, featureFraction: 0.75 }, { useQuantizedGrad: false }, { classWeight: 'balanced' as const }]) {
      const fit = (numThreads: number) => {
        const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, numIterations: 8, numThreads, ...extra };
        return fitTreePipeline(features, y, 'binary', classes, { family: 'gbdt', params }, { rng: createRng(5) });
      };
      const [one, two] = [await fit(1), await fit(2)];
      expect(two.toJSON().model).toEqual(one.toJSON().model);
    }
    expect(await noHelpersLeft()).toBe(0);
  });

  it.each<['binary' | 'regression', Partial<GbdtParams>]>([
    ['binary', {}],
    ['regression', { baggingFraction: 0.7, featureFraction: 0.75 }],
  ])('leaf-ordered rows (%s, %j): the same model with 1 and 2 threads, and the same quality as through row indexes', async (task, extra) => {
    const { features, y } = syntheticData(task, rows, 7, 0.1);
    const binning = fitBinning(features, 255, createRng(1));
    const data = binFrame(features, binning);
    const fit = (numThreads: number, leafOrderFromBytes: number) => {
      const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, numIterations: 10, numThreads, ...extra, ...(task === 'regression' ? { objective: 'l2' as const } : {}) };
      return boost(data, binning, y, createObjective(task === 'binary' ? 'binary' : 'l2', 2, 1), params, { rng: createRng(6), leafOrderFromBytes });
    };
    const [one, two, indexed] = [await fit(1, 0), await fit(2, 0), await fit(1, Number.POSITIVE_INFINITY)];
    expect(two.model).toEqual(one.model);
    expect(one.model).not.toEqual(indexed.model);
    const loss = (m: typeof one) => {
      const objective = createObjective(task === 'binary' ? 'binary' : 'l2', 2, 1);
      const scores = rawScores(m.model, features);
      return objective.loss(y, scores, Int32Array.from({ length: rows }, (_, i) => i));
    };
    expect(Math.abs(loss(one) - loss(indexed))).toBeLessThan(0.01 * loss(indexed));
    expect(await noHelpersLeft()).toBe(0);
  });

  it.each([
    ['row-wise', [256, 256, 256, 256, 256, 256]],
    ['bundled', [3, 3, 3, 16, 54, 256]],
  ])('%s: histograms built with a helper equal those built by parts alone, bit for bit', async (_name, binCounts) => {
    const n = 60_000;
    const rng = createRng(5);
    const data: BinnedData = {
      rowCount: n,
      bins: binCounts.map((b) => Uint8Array.from({ length: n }, () => rng.int(b))),
      binCounts: Int32Array.from(binCounts),
      missingBin: Int32Array.from(binCounts, (b) => b - 1),
    };
    const layout = histogramLayout(data, 1, true);
    expect(!!layout.bundles).toBe(_name === 'bundled');
    const grad = sharedFloat64(n);
    const hess = sharedFloat64(n);
    for (let i = 0; i < n; i++) {
      grad[i] = rng.normal();
      hess[i] = rng.next() + 0.01;
    }
    const rows = sharedInt32(n);
    for (let i = 0; i < n; i++) rows[i] = (i * 7919) % n;
    rows.subarray(0, 50_000).sort();
    const features = Int32Array.from(binCounts, (_, f) => f);
    const scratch = createScratch(n, 1, layout);
    const alone = new Float64Array(layout.totalBins * layout.stride);
    const parts = Array.from({ length: ROW_PARTS }, () => new Float64Array(alone.length));
    const helped = new Float64Array(alone.length);
    const threads = HistThreads.start({ helpers: 1, data, layout, grads: [grad], hesses: [hess], rows });
    try {
      await threads.ready;
      const started = Date.now();
      // Until the helper has built some items (it may get no core for a while on a busy machine).
      while (threads.helperItems === 0 && Date.now() - started < 20_000) {
        for (const [begin, end] of [[0, 50_000], [1_000, 41_000]]) {
          buildHistogramByParts(alone, parts, layout, data, features, grad, hess, rows, begin, end, scratch);
          threads.build(helped, features, 0, begin, end, scratch);
          expect(helped).toEqual(alone);
        }
        await new Promise((r) => setTimeout(r, 1));
      }
      expect(threads.helperItems).toBeGreaterThan(0);
    } finally {
      await threads.close();
    }
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
