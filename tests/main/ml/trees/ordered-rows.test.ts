import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import type { BinnedData } from '../../../../src/main/ml/trees/binning';
import { buildHistogram, createScratch, histogramLayout } from '../../../../src/main/ml/trees/histogram';
import { HistThreads, liveHistHelpers, sharedFloat64, sharedInt32 } from '../../../../src/main/ml/trees/hist-threads';
import { rowSetViews } from '../../../../src/main/ml/trees/ordered-move';
import { buildOrderedRange, OrderedRows } from '../../../../src/main/ml/trees/ordered-rows';
import { quantizeGradients } from '../../../../src/main/ml/trees/quantize';

const n = 90_000;

function data(binCounts: number[], seed: number): BinnedData {
  const rng = createRng(seed);
  return {
    rowCount: n,
    bins: binCounts.map((b) => Uint8Array.from({ length: n }, () => rng.int(b))),
    binCounts: Int32Array.from(binCounts),
    missingBin: Int32Array.from(binCounts, (b) => b - 1),
  };
}

/** Training rows in a scrambled order (as after earlier trees), a target and scores by row. */
function setup(binCounts: number[], shared: boolean) {
  const d = data(binCounts, 4);
  const layout = histogramLayout(d, 1, shared);
  const train = Int32Array.from({ length: n - 1000 }, (_, i) => (i * 7919) % n);
  const y = Float64Array.from({ length: n }, (_, r) => r % 3);
  return { d, layout, train, y, ordered: new OrderedRows(layout, d, train, y, 0.5, shared) };
}

/** Everything set `set` holds for positions [0..count), as plain arrays. */
function snapshot(o: OrderedRows, set: 0 | 1, count: number) {
  const v = rowSetViews(o.buffers, set);
  return { rows: Array.from(v.rows.subarray(0, count)), y: Array.from(v.y.subarray(0, count)), bins: Array.from(v.binsU8.subarray(0, count * o.buffers.width)) };
}

describe('leaf-ordered rows', () => {
  it.each([
    ['row cells only', [255, 255, 7, 255, 40]],
    ['with bundles', [3, 3, 3, 16, 54, 255]],
  ])('%s: a split partitions every row and its data in place, moving only misplaced rows, and helpers do it the same', async (_name, binCounts) => {
    const alone = setup(binCounts, false);
    const parallel = setup(binCounts, true);
    const goLeft = new Uint8Array(256).map((_, b) => (b % 3 === 0 ? 1 : 0));
    const count = alone.train.length;
    const before = snapshot(alone.ordered, 0, count);
    const mid = alone.ordered.partition(0, 0, count, 4, goLeft);
    const threads = HistThreads.start({
      helpers: 1,
      data: parallel.d,
      layout: parallel.layout,
      grads: [sharedFloat64(n)],
      hesses: [sharedFloat64(n)],
      rows: sharedInt32(count),
      ordered: parallel.ordered,
    });
    try {
      await threads.ready;
      expect(parallel.ordered.partition(0, 0, count, 4, goLeft, threads)).toBe(mid);
      // A second split of each child, on another cell, through the helpers and alone.
      const parallelMids = [parallel.ordered.partition(0, 0, mid, 0, goLeft, threads), parallel.ordered.partition(0, mid, count, 2, goLeft, threads)];
      const aloneMids = [alone.ordered.partition(0, 0, mid, 0, goLeft), alone.ordered.partition(0, mid, count, 2, goLeft)];
      expect(parallelMids).toEqual(aloneMids);
    } finally {
      await threads.close();
    }
    const twice = snapshot(alone.ordered, 0, count);
    expect(snapshot(parallel.ordered, 0, count)).toEqual(twice);
    expect(new Set(twice.rows).size).toBe(count);
    // Every row's data moved with it (counted, not asserted per row: 89,000 rows).
    let wrongData = 0;
    twice.rows.forEach((r, i) => {
      if (twice.y[i] !== alone.y[r]) wrongData++;
      for (const f of binCounts.keys()) if (twice.bins[i * alone.ordered.buffers.width + f] !== alone.d.bins[f][r]) wrongData++;
    });
    expect(wrongData).toBe(0);

    // One split alone: the left rows are those whose bin goes left, and a row already on its side stays where it was.
    const once = setup(binCounts, false);
    // The per-row numbers a round reads at positions (packed gradient, score, exact gradient and hessian) move with their rows.
    const v = rowSetViews(once.ordered.buffers, 0);
    const tag = (r: number, k: number): number => r * 4 + k + 0.25;
    for (let i = 0; i < count; i++) {
      const r = v.rows[i];
      [v.packed[i], v.score[i], v.grad[i], v.hess[i]] = [tag(r, 0), tag(r, 1), tag(r, 2), tag(r, 3)];
    }
    const m = once.ordered.partition(0, 0, count, 4, goLeft);
    const after = snapshot(once.ordered, 0, count);
    let strayNumbers = 0;
    for (let i = 0; i < count; i++) {
      const r = v.rows[i];
      if (v.packed[i] !== tag(r, 0) || v.score[i] !== tag(r, 1) || v.grad[i] !== tag(r, 2) || v.hess[i] !== tag(r, 3)) strayNumbers++;
    }
    expect(strayNumbers).toBe(0);
    const bin = (r: number) => once.d.bins[4][r];
    const lefts = before.rows.filter((r) => goLeft[bin(r)] === 1);
    expect(m).toBe(lefts.length);
    expect(new Set(after.rows.slice(0, m))).toEqual(new Set(lefts));
    let stayed = 0;
    let movedThoughPlaced = 0;
    before.rows.forEach((r, i) => {
      if ((goLeft[bin(r)] === 1) === i < m) {
        stayed++;
        if (after.rows[i] !== r) movedThoughPlaced++;
      }
    });
    expect(movedThoughPlaced).toBe(0);
    expect(stayed).toBeGreaterThan(count / 3);
    // The helper is gone once closed (its exit is reported asynchronously).
    for (let i = 0; i < 200 && liveHistHelpers() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(liveHistHelpers()).toBe(0);
  });

  it('histograms from leaf-ordered rows equal packed histograms built through row indexes', () => {
    for (const binCounts of [[255, 255, 7, 255, 40], [3, 3, 3, 16, 54, 255]]) {
      const { d, layout, train, ordered } = setup(binCounts, false);
      const rng = createRng(9);
      const grad = Float64Array.from({ length: n }, () => rng.normal());
      const hess = Float64Array.from({ length: n }, () => rng.next() * 0.25);
      const count = train.length;
      // Gradients by position for the ordered rows, by row for the indexed build.
      const gradAt = Float64Array.from(train, (r) => grad[r]);
      const hessAt = Float64Array.from(train, (r) => hess[r]);
      quantizeGradients(gradAt, hessAt, ordered.identity, count, ordered.arrays[0].packed, 50, 3);
      const packedByRow = new Float64Array(n);
      quantizeGradients(grad, hess, train, count, packedByRow, 50, 3);
      const features = Int32Array.from(binCounts, (_, f) => f);
      const byIndex = new Float64Array(layout.totalBins + 1);
      buildHistogram(byIndex, layout, d, features, packedByRow, null, train, 10_000, 60_000, createScratch(n, 1, layout));
      const byPosition = new Float64Array(layout.totalBins + 1);
      const bundled = !!layout.bundles;
      const joint = new Float64Array(layout.bundles ? layout.bundles.totalCells + 1 : 0);
      buildOrderedRange(byPosition, layout, ordered.arrays[0], null, bundled, 10_000, 60_000, joint);
      expect(Array.from(byPosition.subarray(0, layout.totalBins))).toEqual(Array.from(byIndex.subarray(0, layout.totalBins)));
    }
  });

  it('bags a stable share of the rows', () => {
    const { ordered, train } = setup([255, 9, 255], false);
    const count = train.length;
    const goLeft = new Uint8Array(256).map((_, b) => (b < 100 ? 1 : 0));
    ordered.partition(0, 0, count, 0, goLeft);
    const expected = snapshot(ordered, 0, count);
    const rng = createRng(1);
    const kept = ordered.bag(0.3, rng.next);
    expect(kept / count).toBeGreaterThan(0.27);
    expect(kept / count).toBeLessThan(0.33);
    const after = snapshot(ordered, 0, count).rows;
    expect(new Set(after).size).toBe(count);
    const positionBefore = new Map(expected.rows.map((r, i) => [r, i]));
    const inBag = after.slice(0, kept).map((r) => positionBefore.get(r) ?? -1);
    expect(inBag).toEqual([...inBag].sort((a, b) => a - b));
  });
});
