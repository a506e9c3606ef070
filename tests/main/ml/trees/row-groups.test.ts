import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../src/main/ml/frame';
import { createRng } from '../../../../src/main/ml/rng';
import { binFrame, fitBinning, type BinnedData } from '../../../../src/main/ml/trees/binning';
import { boost } from '../../../../src/main/ml/trees/gbdt';
import { createObjective } from '../../../../src/main/ml/trees/objectives';
import { DEFAULT_GBDT_PARAMS, type GbdtParams } from '../../../../src/main/ml/trees/params';
import { bagGroups, binomial, groupable, groupedLoss, groupRows, groupWeightsAndLabels, selectBinnedRows } from '../../../../src/main/ml/trees/row-groups';
import { rawScores } from '../../../../src/main/ml/trees/tree-model';

const binned = (columns: number[][]): BinnedData => ({
  rowCount: columns[0].length,
  bins: columns.map((c) => Uint8Array.from(c)),
  binCounts: Int32Array.from(columns, () => 8),
  missingBin: Int32Array.from(columns, () => 7),
});
const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** A census-like table: few codes per column, so many rows repeat (5 × 4 × 12 × 2 = 480 distinct rows at most, missing counted). */
function codedTable(n: number, seed: number): { frame: Frame; binary: Float64Array; amount: Float64Array } {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const age = new Float64Array(n);
  const flag = new Float64Array(n);
  const binary = new Float64Array(n);
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.int(5);
    b[i] = rng.next() < 0.1 ? Number.NaN : rng.int(3);
    age[i] = 20 + rng.int(12);
    flag[i] = rng.int(2);
    const z = 0.4 * a[i] - 0.8 * flag[i] + 0.05 * (age[i] - 25) + (Number.isNaN(b[i]) ? 0.5 : -0.3 * b[i]);
    binary[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    amount[i] = 3 * z + rng.normal();
  }
  const col = (name: string, values: Float64Array) => ({ kind: 'numeric' as const, name, values });
  return { frame: { rowCount: n, columns: [col('a', a), col('b', b), col('age', age), col('flag', flag)] }, binary, amount };
}

describe('row groups', () => {
  it('groups rows with equal bins in every feature, with counts and label sums, in order of first appearance', () => {
    const data = binned([
      [1, 2, 1, 1, 2, 3],
      [0, 0, 0, 5, 0, 0],
    ]);
    const y = Float64Array.of(1, 0, 0, 1, 1, 1);
    const groups = groupRows(data, all(6), y, 1);
    expect(groups).not.toBeNull();
    expect(Array.from(groups?.representative ?? [])).toEqual([0, 1, 3, 5]);
    expect(Array.from(groups?.count ?? [])).toEqual([2, 2, 1, 1]);
    expect(Array.from(groups?.sumY ?? [])).toEqual([1, 1, 1, 1]);
    // Only the listed rows count; and where more than the allowed share would remain, no grouping.
    expect(Array.from(groupRows(data, Int32Array.of(1, 4), y, 1)?.count ?? [])).toEqual([2]);
    expect(groupRows(data, all(6), y, 0.5)).toBeNull();
  });

  it('gives each group the weight and label whose gradients are the sums of its rows’, class weights folded in', () => {
    const groups = { representative: Int32Array.of(0, 1), count: Float64Array.of(4, 3), sumY: Float64Array.of(1, 3), sumYY: Float64Array.of(1, 3) };
    const plain = groupWeightsAndLabels(groups, 'binary', null);
    expect(Array.from(plain.weight)).toEqual([4, 3]);
    expect(Array.from(plain.label)).toEqual([0.25, 1]);
    const weighted = groupWeightsAndLabels(groups, 'binary', Float64Array.of(0.5, 2));
    // Group 0: three negatives at 0.5 and one positive at 2 → W = 3.5; W·(p − label) = 3.5p − 2.
    expect(weighted.weight[0]).toBeCloseTo(3.5, 12);
    expect(weighted.label[0]).toBeCloseTo(2 / 3.5, 12);
    const p = 0.3;
    expect(weighted.weight[0] * (p - weighted.label[0])).toBeCloseTo(3 * 0.5 * p + 2 * (p - 1), 12);
  });

  it('computes the mean loss of the original rows from the groups’ scores', () => {
    const rng = createRng(2);
    const n = 500;
    const data = binned([Array.from({ length: n }, () => rng.int(4)), Array.from({ length: n }, () => rng.int(3))]);
    for (const name of ['binary', 'l2'] as const) {
      const y = Float64Array.from({ length: n }, () => (name === 'binary' ? rng.int(2) : rng.normal() * 3));
      const groups = groupRows(data, all(n), y);
      if (!groups) throw new Error('expected groups');
      const groupScore = Float64Array.from(groups.representative, () => rng.normal());
      const groupOf = new Map<string, number>();
      groups.representative.forEach((r, g) => groupOf.set(`${data.bins[0][r]},${data.bins[1][r]}`, g));
      const scores = Float64Array.from({ length: n }, (_, i) => groupScore[groupOf.get(`${data.bins[0][i]},${data.bins[1][i]}`) ?? -1]);
      const objective = createObjective(name, 2, 1);
      expect(groupedLoss(groups, name, (g) => groupScore[g])).toBeCloseTo(objective.loss(y, scores, all(n)), 10);
    }
  });

  it('copies the bins of chosen rows in order', () => {
    const data = binned([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const picked = selectBinnedRows(data, Int32Array.of(2, 0));
    expect(picked.rowCount).toBe(2);
    expect(picked.bins.map((b) => Array.from(b))).toEqual([
      [3, 1],
      [6, 4],
    ]);
  });

  it('draws binomial bags with the mean and variance of bagging each row', () => {
    const rng = createRng(8);
    for (const [n, p] of [
      [12, 0.3],
      [500, 0.8],
    ]) {
      const draws = Array.from({ length: 4000 }, () => binomial(n, p, rng));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
      expect(draws.every((k) => Number.isInteger(k) && k >= 0 && k <= n)).toBe(true);
      expect(Math.abs(mean - n * p)).toBeLessThan(0.05 * n * p);
      expect(Math.abs(variance - n * p * (1 - p))).toBeLessThan(0.1 * n * p * (1 - p));
    }
    expect(binomial(7, 1, rng)).toBe(7);
    expect(binomial(7, 0, rng)).toBe(0);
  });

  it('bags each group’s negatives and positives, with their round weight, label and count', () => {
    const groups = { representative: Int32Array.of(0, 1, 2), count: Float64Array.of(1000, 1000, 1), sumY: Float64Array.of(0, 1000, 1), sumYY: Float64Array.of(0, 1000, 1) };
    const out = { bag: new Int32Array(3), weight: new Float64Array(3), label: new Float64Array(3), count: new Float64Array(3) };
    const m = bagGroups(groups, 0.5, Float64Array.of(1, 3), createRng(1), out);
    expect(m).toBeGreaterThanOrEqual(2);
    expect(Array.from(out.bag.subarray(0, 2))).toEqual([0, 1]);
    expect(out.label[0]).toBe(0);
    expect(out.label[1]).toBe(1);
    expect(Math.abs(out.count[0] - 500)).toBeLessThan(100);
    expect(out.weight[1]).toBe(3 * out.count[1]);
  });

  it('applies where the grouped fit is exact or bags alike: binary, or L2 without bagging', () => {
    expect(groupable('binary', 1)).toBe(true);
    expect(groupable('l2', 1)).toBe(true);
    expect(groupable('binary', 0.8)).toBe(true);
    expect(groupable('l2', 0.8)).toBe(false);
    expect(groupable('huber', 1)).toBe(false);
    expect(groupable('multiclass', 1)).toBe(false);
  });

  it.each<[string, 'binary' | 'l2', Partial<GbdtParams>]>([
    ['binary', 'binary', {}],
    ['binary, class weights, early stopping, min_data_in_leaf 60', 'binary', { classWeight: 'balanced', earlyStoppingRounds: 5, minDataInLeaf: 60 }],
    ['l2, depth 3', 'l2', { maxDepth: 3, objective: 'l2' }],
  ])('a grouped fit grows the trees of a fit on every row (%s)', async (_name, objectiveName, extra) => {
    const { frame, binary, amount } = codedTable(6000, 4);
    const y = objectiveName === 'binary' ? binary : amount;
    const binning = fitBinning(frame, 255, createRng(1));
    const data = binFrame(frame, binning);
    expect(groupRows(data, all(data.rowCount), y)?.count.length).toBeLessThanOrEqual(480);
    const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, numIterations: 30, numThreads: 1, ...extra };
    const fit = (groupDuplicateRows: boolean) => boost(data, binning, y, createObjective(objectiveName, 2, 1), params, { rng: createRng(9), groupDuplicateRows });
    const [grouped, everyRow] = [await fit(true), await fit(false)];
    expect(grouped.bestIteration).toBe(everyRow.bestIteration);
    expect(grouped.model.trees.map((t) => Array.from(t.feature))).toEqual(everyRow.model.trees.map((t) => Array.from(t.feature)));
    expect(grouped.model.trees.map((t) => Array.from(t.binThreshold))).toEqual(everyRow.model.trees.map((t) => Array.from(t.binThreshold)));
    const a = rawScores(grouped.model, frame);
    const b = rawScores(everyRow.model, frame);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
    expect(diff).toBeLessThan(1e-9);
  });

  it('a grouped fit with row bagging fits as well as bagging every row', async () => {
    const { frame, binary } = codedTable(8000, 6);
    const binning = fitBinning(frame, 255, createRng(1));
    const data = binFrame(frame, binning);
    const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, numIterations: 60, numThreads: 1, learningRate: 0.05, baggingFraction: 0.6 };
    const loss = async (groupDuplicateRows: boolean, seed: number) => {
      const fit = await boost(data, binning, binary, createObjective('binary', 2, 1), params, { rng: createRng(seed), groupDuplicateRows });
      return createObjective('binary', 2, 1).loss(binary, rawScores(fit.model, frame), all(frame.rowCount));
    };
    const grouped = [await loss(true, 1), await loss(true, 2)];
    const everyRow = [await loss(false, 1), await loss(false, 2)];
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(mean(grouped) - mean(everyRow))).toBeLessThan(0.002);
    // Bagging draws differ by seed, as they do for rows.
    expect(grouped[0]).not.toBe(grouped[1]);
  });
});
