/**
 * How well one feature alone predicts the target: the score of a one-feature model, computed so
 * that the feature cannot cheat by memorising rows.
 *
 * - The feature becomes groups: categories as they are, numbers cut at (up to 20) quantiles, and
 *   missing as a group of its own. Each row gets the target statistics of its group computed
 *   out of fold (from the other folds' rows, smoothed toward the overall rate), and that
 *   prediction is scored: ROC AUC (macro one-vs-rest for several classes) or R².
 * - Numbers are also scored raw, where that is exact and needs no fitting: the AUC of the value
 *   itself for binary targets (either direction), the squared correlation for regression. The
 *   larger of the two figures is the feature's score.
 */
import type { TaskKind } from '../../../shared/domain';
import type { Column } from '../../ml/frame';
import { rocAuc, squaredCorrelation } from '../../ml/metrics';
import { quantileGroups } from '../../ml/quantile-groups';
import type { Split } from '../../ml/splits';

const MAX_BINS = 20;
/** Pseudo-rows of the overall rate added to each group. */
const SMOOTHING = 1;

export interface OneFeatureScore {
  metric: 'roc_auc' | 'r2';
  score: number;
}

/** Group index per row (0..groups-1); missing values get their own group. */
export function groupsOf(column: Column, rows: Int32Array): { group: Int32Array; groups: number } {
  const group = new Int32Array(rows.length);
  if (column.kind === 'categorical') {
    const k = column.categories.length;
    for (let i = 0; i < rows.length; i++) {
      const c = column.codes[rows[i]];
      group[i] = c < 0 ? k : c;
    }
    return { group, groups: k + 1 };
  }
  return quantileGroups(column, rows, MAX_BINS);
}

/**
 * Out-of-fold group statistics: per row, a vector of `width` numbers — the smoothed share of each
 * class (classification, width = classes) or the smoothed mean (regression, width = 1).
 */
function outOfFoldStats(group: Int32Array, groups: number, target: Float64Array, width: number, isClass: boolean, folds: readonly Split[]): Float64Array {
  const out = new Float64Array(group.length * width);
  for (const fold of folds) {
    const count = new Float64Array(groups);
    const sums = new Float64Array(groups * width);
    const prior = new Float64Array(width);
    for (const r of fold.train) {
      count[group[r]]++;
      if (isClass) {
        sums[group[r] * width + target[r]]++;
        prior[target[r]]++;
      } else {
        sums[group[r]] += target[r];
        prior[0] += target[r];
      }
    }
    for (let c = 0; c < width; c++) prior[c] /= Math.max(1, fold.train.length);
    for (const r of fold.test) {
      const g = group[r];
      for (let c = 0; c < width; c++) out[r * width + c] = (sums[g * width + c] + SMOOTHING * prior[c]) / (count[g] + SMOOTHING);
    }
  }
  return out;
}

function rSquared(y: Float64Array, predicted: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - predicted[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return ssTot > 0 ? 1 - ssRes / ssTot : 0;
}

/**
 * ROC AUC (ties averaged, as {@link rocAuc}) of a score with few distinct values — the
 * out-of-fold group statistics take at most folds × groups values — by counting positives and
 * negatives per value instead of sorting every row. NaN when one class is absent.
 */
export function aucOfFewValues(y01: ArrayLike<number>, score: ArrayLike<number>): number {
  const counts = new Map<number, [number, number]>();
  for (let i = 0; i < y01.length; i++) {
    let c = counts.get(score[i]);
    if (!c) counts.set(score[i], (c = [0, 0]));
    c[y01[i] > 0.5 ? 0 : 1]++;
  }
  let positives = 0;
  let negatives = 0;
  let wins = 0;
  for (const value of [...counts.keys()].sort((a, b) => a - b)) {
    const [pos, neg] = counts.get(value) as [number, number];
    wins += pos * negatives + 0.5 * pos * neg; // negatives so far score lower; ties count half
    positives += pos;
    negatives += neg;
  }
  return positives && negatives ? wins / (positives * negatives) : Number.NaN;
}

/** Symmetric AUC (a feature predicting the target backwards is as leaky as one predicting it forwards). */
const symmetricAuc = (y01: Float64Array, score: Float64Array, fewValues = false): number => {
  const auc = fewValues ? aucOfFewValues(y01, score) : rocAuc(y01, score);
  return Number.isNaN(auc) ? 0.5 : Math.max(auc, 1 - auc);
};

/**
 * Score of a one-feature model of `column` over `rows` (row indexes into the column) for target
 * `y` (one entry per row in `rows`), with `folds` over positions 0..rows.length-1. `classes` is the
 * class count for classification.
 */
export function oneFeatureScore(column: Column, rows: Int32Array, y: Float64Array, task: TaskKind, classes: number, folds: readonly Split[]): OneFeatureScore {
  const { group, groups } = groupsOf(column, rows);
  let raw: Float64Array | null = null;
  if (column.kind === 'numeric') {
    raw = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) raw[i] = column.values[rows[i]];
  }
  if (task === 'regression') {
    const stats = outOfFoldStats(group, groups, y, 1, false, folds);
    const r2 = Math.max(0, rSquared(y, stats));
    return { metric: 'r2', score: raw ? Math.max(r2, squaredCorrelation(raw, y)) : r2 };
  }
  const stats = outOfFoldStats(group, groups, y, classes, true, folds);
  const classAucs: number[] = [];
  const y01 = new Float64Array(y.length);
  const classScore = new Float64Array(y.length);
  for (let c = 0; c < (classes === 2 ? 1 : classes); c++) {
    const cls = classes === 2 ? 1 : c;
    let positives = 0;
    for (let i = 0; i < y.length; i++) {
      y01[i] = y[i] === cls ? 1 : 0;
      positives += y01[i];
      classScore[i] = stats[i * classes + cls];
    }
    if (positives === 0 || positives === y.length) continue;
    classAucs.push(symmetricAuc(y01, classScore, true));
  }
  let score = classAucs.length ? classAucs.reduce((a, b) => a + b, 0) / classAucs.length : 0.5;
  if (raw && classes === 2) {
    let low = Infinity;
    for (const v of raw) if (v < low) low = v;
    score = Math.max(score, symmetricAuc(y, raw.map((v) => (Number.isNaN(v) ? low - 1 : v)))); // missing ranks lowest
  }
  return { metric: 'roc_auc', score };
}
