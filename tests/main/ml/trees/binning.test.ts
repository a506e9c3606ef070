import { describe, expect, it } from 'vitest';
import { binFrame, featureColumns, fitBinning, numericUpperBounds } from '../../../../src/main/ml/trees/binning';
import { createRng, categorical, frame, numeric } from '../models/synthetic';

describe('quantile binning', () => {
  it('keeps few distinct values apart with float32 bounds strictly between neighbours', () => {
    const upper = numericUpperBounds(Float64Array.from([0.1, 0.2, 0.2, 0.3, Number.NaN]), 255, createRng(1));
    expect(upper).toHaveLength(3);
    expect(upper.at(-1)).toBe(Number.POSITIVE_INFINITY);
    for (const u of upper.slice(0, -1)) expect(Math.fround(u)).toBe(u);
    expect(upper[0]).toBeGreaterThanOrEqual(Math.fround(0.1));
    expect(upper[0]).toBeLessThan(Math.fround(0.2));
  });

  it('caps the bins at max_bin with roughly equal counts', () => {
    const rng = createRng(2);
    const values = Float64Array.from({ length: 10_000 }, () => rng.normal());
    const upper = numericUpperBounds(values, 16, createRng(3));
    expect(upper.length).toBeLessThanOrEqual(16);
    const data = binFrame(frame([numeric('x', values)]), [{ kind: 'numeric', name: 'x', upper }]);
    const counts = new Array<number>(upper.length).fill(0);
    for (const b of data.bins[0]) counts[b]++;
    expect(Math.max(...counts)).toBeLessThan(2 * (10_000 / upper.length));
  });

  it('puts missing in its own last bin, clips ±Infinity into the end bins, and bins categories by frequency', () => {
    const f = frame([numeric('x', [1, 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]), categorical('c', ['a', 'b', 'b', null, 'a'])]);
    const binning = fitBinning(f, 255, createRng(4));
    const data = binFrame(f, binning);
    expect(Array.from(data.bins[0])).toEqual([0, 1, 2, 1, 0]);
    expect(data.missingBin[0]).toBe(2);
    expect(binning[1]).toEqual({ kind: 'categorical', name: 'c', categories: ['a', 'b'] });
    expect(Array.from(data.bins[1])).toEqual([0, 1, 1, 2, 0]);
    // Unseen categories become −1 for traversal (they go right at every category split).
    const other = frame([numeric('x', [0]), categorical('c', ['zzz'])]);
    expect(Array.from(featureColumns(other, binning)[1])).toEqual([-1]);
  });
});
