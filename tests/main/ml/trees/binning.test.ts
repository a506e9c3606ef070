import { describe, expect, it } from 'vitest';
import { binFrame, binNumeric, binOf, featureColumns, fitBinning, numericUpperBounds } from '../../../../src/main/ml/trees/binning';
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

  it('bins every value as the binary search does, on skewed, discrete, infinite and missing values', () => {
    const rng = createRng(7);
    const shapes: (() => number)[] = [
      () => rng.normal(),
      () => Math.exp(rng.normal() * 4),
      () => Math.round(rng.normal() * 3),
      () => (rng.next() < 0.1 ? Number.NaN : rng.next() < 0.05 ? Number.POSITIVE_INFINITY : rng.next() < 0.05 ? Number.NEGATIVE_INFINITY : -rng.next()),
      () => 5,
    ];
    for (const shape of shapes) {
      const values = Float64Array.from({ length: 50_000 }, shape);
      const upper = Float64Array.from(numericUpperBounds(values, 255, createRng(8)));
      const out = new Uint8Array(values.length);
      binNumeric(values, upper, out);
      const mismatches = values.filter((v, i) => {
        const x = Math.fround(v);
        return out[i] !== (x !== x ? upper.length : binOf(upper, x));
      }).length;
      expect(mismatches).toBe(0);
    }
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
