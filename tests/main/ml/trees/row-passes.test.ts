import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { ROW_PARTS } from '../../../../src/main/ml/trees/histogram';
import { createObjective } from '../../../../src/main/ml/trees/objectives';
import { PACK_SHIFT } from '../../../../src/main/ml/trees/quantize';
import { gradientPart, publishLeaves, quantizePart, quantScale, scorePart, type RowPassArrays } from '../../../../src/main/ml/trees/row-passes';

function arrays(n: number, K: number, weights: Float64Array | null): RowPassArrays {
  const rng = createRng(8);
  return {
    y: Float64Array.from({ length: n }, () => rng.int(Math.max(2, K))),
    scores: Float64Array.from({ length: n * K }, () => rng.normal()),
    rows: Int32Array.from({ length: n - 3 }, (_, i) => i + 3),
    grads: Array.from({ length: K }, () => new Float64Array(n)),
    hesses: Array.from({ length: K }, () => new Float64Array(n)),
    packed: Array.from({ length: K }, () => new Float64Array(n)),
    classWeights: weights,
    rowWeights: null,
    partMax: new Float64Array(K * ROW_PARTS * 2),
    leaves: new Float64Array(1 + 3 * 4),
    leafSums: new Float64Array(ROW_PARTS * 4 * 2),
  };
}

describe('row passes by parts', () => {
  it.each([
    ['binary', 1, null],
    ['multiclass', 3, Float64Array.of(1, 2.5, 0.5)],
  ] as const)('%s: the parts give the objective’s gradients times the class weight, and the largest |g| and h', (name, K, weights) => {
    const n = 1_003;
    const a = arrays(n, K, weights);
    const objective = createObjective(name, K === 1 ? 2 : K, 1);
    for (let i = 0; i < ROW_PARTS; i++) gradientPart(objective, a, 0, a.rows.length, i);
    const g = Array.from({ length: K }, () => new Float64Array(n));
    const h = Array.from({ length: K }, () => new Float64Array(n));
    objective.gradients(a.y, a.scores, a.rows, g, h);
    for (let k = 0; k < K; k++) {
      let gMax = 0;
      let hMax = 0;
      for (const r of a.rows) {
        const w = weights ? weights[a.y[r]] : 1;
        expect(a.grads[k][r]).toBeCloseTo(g[k][r] * w, 14);
        expect(a.hesses[k][r]).toBeCloseTo(h[k][r] * w, 14);
        gMax = Math.max(gMax, Math.abs(a.grads[k][r]));
        hMax = Math.max(hMax, a.hesses[k][r]);
      }
      // Rows not listed are not touched.
      expect(a.grads[k][0]).toBe(0);
      const scale = quantScale(a, k, 50);
      expect(scale.grad).toBeCloseTo(gMax / 50, 14);
      expect(scale.hess).toBeCloseTo(hMax / 50, 14);
    }
  });

  it('quantising by parts stays within the levels and is unbiased', () => {
    const n = 40_000;
    const a = arrays(n, 1, null);
    const objective = createObjective('binary', 2, 1);
    for (let i = 0; i < ROW_PARTS; i++) gradientPart(objective, a, 0, a.rows.length, i);
    const levels = 8;
    const { grad: gs, hess: hs } = quantScale(a, 0, levels);
    for (let i = 0; i < ROW_PARTS; i++) quantizePart(a, 0, 0, a.rows.length, i, levels, 77, gs, hs);
    let exact = 0;
    let rounded = 0;
    for (const r of a.rows) {
      const p = a.packed[0][r];
      const gq = Math.floor(p / PACK_SHIFT);
      const hq = p - gq * PACK_SHIFT;
      expect(Math.abs(gq)).toBeLessThanOrEqual(levels);
      expect(hq).toBeGreaterThanOrEqual(0);
      expect(hq).toBeLessThanOrEqual(levels);
      exact += a.grads[0][r];
      rounded += gq * gs;
    }
    // Stochastic rounding: the sum's error is a random walk of ≤ gs steps, far under n · gs / 2.
    expect(Math.abs(rounded - exact)).toBeLessThan(4 * gs * Math.sqrt(a.rows.length));

    // Unbiased, not merely small: over many seeds the errors scatter around 0 (a deterministic
    // rounding would give the same, non-zero error for every seed).
    const errors = Array.from({ length: 40 }, (_, seed) => {
      for (let i = 0; i < ROW_PARTS; i++) quantizePart(a, 0, 0, a.rows.length, i, levels, 1000 + seed, gs, hs);
      let sum = 0;
      for (const r of a.rows) sum += Math.floor(a.packed[0][r] / PACK_SHIFT) * gs - a.grads[0][r];
      return sum;
    });
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / (errors.length - 1));
    expect(sd).toBeGreaterThan(0);
    expect(Math.abs(mean)).toBeLessThan((4 * sd) / Math.sqrt(errors.length));
  });

  it('the score pass adds each position’s leaf value to its row, for every part', () => {
    const n = 500;
    const K = 2;
    const a = arrays(n, K, null);
    const before = Float64Array.from(a.scores);
    const count = a.rows.length;
    const leafBegin = Int32Array.of(0, 100, 101, 300);
    const leafEnd = Int32Array.of(100, 101, 300, count);
    publishLeaves(a, leafBegin, leafEnd, Float64Array.of(1, -2, 0.5, 4));
    for (let i = 0; i < ROW_PARTS; i++) scorePart(a, 1, K, 0, count, i);
    for (let j = 0; j < count; j++) {
      const r = a.rows[j];
      const v = j < 100 ? 1 : j < 101 ? -2 : j < 300 ? 0.5 : 4;
      expect(a.scores[r * K + 1]).toBe(before[r * K + 1] + v);
      expect(a.scores[r * K]).toBe(before[r * K]);
    }
  });
});
