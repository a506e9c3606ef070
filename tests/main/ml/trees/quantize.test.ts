import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { decodeHistogram, MIN_LEVELS, PACK_SHIFT, quantizationLevels, quantizeGradients } from '../../../../src/main/ml/trees/quantize';
import { publishLeaves, renewedLeafValues, renewPart, type RowPassArrays } from '../../../../src/main/ml/trees/row-passes';
import { ROW_PARTS } from '../../../../src/main/ml/trees/histogram';
import type { Tree } from '../../../../src/main/ml/trees/tree';

describe('quantised gradients', () => {
  it('chooses levels so that any leaf sum packs exactly, and none past ~16M rows', () => {
    for (const n of [1, 1_000, 43_152, 800_000, 10_000_000]) {
      const q = quantizationLevels(n);
      expect(q).toBeGreaterThanOrEqual(MIN_LEVELS);
      // |G|·2^26 + H < 2^53 with |G|, H ≤ Q·n < 2^26.
      expect(q * n).toBeLessThan(PACK_SHIFT);
    }
    expect(quantizationLevels(20_000_000)).toBe(0);
  });

  it('packs every row into [−Q, Q] × [0, Q] and sums decode to the exact integer sums', () => {
    const n = 50_000;
    const rng = createRng(1);
    const grad = Float64Array.from({ length: n }, () => rng.normal() * 3);
    const hess = Float64Array.from({ length: n }, () => rng.next() * 0.25 + 1e-6);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const packed = new Float64Array(n);
    const levels = quantizationLevels(n);
    const scale = quantizeGradients(grad, hess, rows, n, packed, levels, 7);
    let gSum = 0;
    let hSum = 0;
    let packedSum = 0;
    for (let i = 0; i < n; i++) {
      const g = Math.floor(packed[i] / PACK_SHIFT);
      const h = packed[i] - g * PACK_SHIFT;
      expect(Math.abs(g)).toBeLessThanOrEqual(levels);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThanOrEqual(levels);
      gSum += g;
      hSum += h;
      packedSum += packed[i];
    }
    const out = new Float64Array(2);
    decodeHistogram(Float64Array.of(packedSum), 1, scale, out);
    expect(out[0]).toBeCloseTo(gSum * scale.grad, 6);
    expect(out[1]).toBeCloseTo(hSum * scale.hess, 6);
  });

  it('rounds stochastically without bias: quantised sums track the exact ones', () => {
    const n = 200_000;
    const rng = createRng(2);
    const grad = Float64Array.from({ length: n }, () => rng.next() - 0.3);
    const hess = Float64Array.from({ length: n }, () => rng.next() * 0.25);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const packed = new Float64Array(n);
    // Few levels, so that plain rounding would be visibly biased.
    const scale = quantizeGradients(grad, hess, rows, n, packed, 4, 11);
    let g = 0;
    let h = 0;
    let gq = 0;
    let hq = 0;
    for (let i = 0; i < n; i++) {
      g += grad[i];
      h += hess[i];
      const q = Math.floor(packed[i] / PACK_SHIFT);
      gq += q * scale.grad;
      hq += (packed[i] - q * PACK_SHIFT) * scale.hess;
    }
    expect(Math.abs(gq - g) / n).toBeLessThan(0.005);
    expect(Math.abs(hq - h) / n).toBeLessThan(0.002);
  });

  it('the same seed gives the same packing; another seed another', () => {
    const n = 1_000;
    const grad = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const hess = new Float64Array(n).fill(0.2);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const pack = (seed: number) => {
      const p = new Float64Array(n);
      quantizeGradients(grad, hess, rows, n, p, 8, seed);
      return p;
    };
    expect(pack(5)).toEqual(pack(5));
    expect(pack(5)).not.toEqual(pack(6));
  });

  it('renews leaf values from the exact gradients of each leaf’s rows, by parts', () => {
    const grad = Float64Array.of(1, 2, 3, -4, -5);
    const hess = Float64Array.of(1, 1, 1, 2, 2);
    const tree = { leafValues: new Float64Array(2) } as unknown as Tree;
    // Leaf 0 holds rows 4, 3 (through the index); leaf 1 rows 0, 1, 2.
    const a: RowPassArrays = {
      y: new Float64Array(5),
      scores: new Float64Array(5),
      rows: Int32Array.of(4, 3, 0, 1, 2),
      grads: [grad],
      hesses: [hess],
      packed: [],
      classWeights: null,
      rowWeights: null,
      partMax: new Float64Array(2 * ROW_PARTS),
      leaves: new Float64Array(7),
      leafSums: new Float64Array(ROW_PARTS * 2 * 2),
    };
    publishLeaves(a, Int32Array.of(0, 2), Int32Array.of(2, 5), tree.leafValues);
    for (let i = 0; i < ROW_PARTS; i++) renewPart(a, 0, 0, 5, i);
    renewedLeafValues(a, tree, 0, 1);
    expect(tree.leafValues[0]).toBeCloseTo(9 / 5, 12);
    expect(tree.leafValues[1]).toBeCloseTo(-6 / 4, 12);
  });
});
