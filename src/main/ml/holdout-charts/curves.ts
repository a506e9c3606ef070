/**
 * ROC and precision-recall curves of one score against 0/1 labels, swept over every distinct
 * score (ties move together, as scikit-learn's roc_curve / precision_recall_curve do). The areas
 * are computed on the full curves; only the points kept for drawing are thinned to a few hundred,
 * so a 10k-row holdout costs one sort.
 */

/** Points kept per curve for drawing. */
export const MAX_CURVE_POINTS = 200;

export interface Curves {
  /** [false positive rate, true positive rate] from (0, 0) to (1, 1). */
  roc: [number, number][];
  /** Trapezoid area under the full ROC curve (equals the rank-based AUC, ties included). */
  auc: number;
  /** [recall, precision], recall increasing, starting at (0, 1). */
  pr: [number, number][];
  /** Σ (Rₙ − Rₙ₋₁) Pₙ over the thresholds (scikit-learn's average_precision_score). */
  averagePrecision: number;
  positives: number;
  negatives: number;
}

/**
 * Curves of `score` (larger = more likely positive) against `positive` (1 = positive row). With
 * no positive or no negative row the areas are NaN and the curves hold their end points only.
 */
export function rocPrCurves(positive: ArrayLike<number>, score: ArrayLike<number>, maxPoints = MAX_CURVE_POINTS): Curves {
  const n = positive.length;
  if (score.length !== n) throw new RangeError(`rocPrCurves: ${n} labels but ${score.length} scores.`);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => score[b] - score[a]);
  let positives = 0;
  for (let i = 0; i < n; i++) if (positive[i] > 0.5) positives++;
  const negatives = n - positives;

  // One point per distinct score: the counts of rows scored at or above it.
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; ) {
    const s = score[order[i]];
    let j = i;
    while (j < n && (score[order[j]] === s || (Number.isNaN(s) && Number.isNaN(score[order[j]])))) {
      if (positive[order[j]] > 0.5) tp++;
      else fp++;
      j++;
    }
    tps.push(tp);
    fps.push(fp);
    i = j;
  }

  let auc = Number.NaN;
  let averagePrecision = Number.NaN;
  const roc: [number, number][] = [[0, 0]];
  const pr: [number, number][] = [[0, 1]];
  if (positives > 0 && negatives > 0) {
    auc = 0;
    let prevFpr = 0;
    let prevTpr = 0;
    for (let k = 0; k < tps.length; k++) {
      const fpr = fps[k] / negatives;
      const tpr = tps[k] / positives;
      auc += ((fpr - prevFpr) * (tpr + prevTpr)) / 2;
      prevFpr = fpr;
      prevTpr = tpr;
    }
  }
  if (positives > 0) {
    averagePrecision = 0;
    let prevRecall = 0;
    for (let k = 0; k < tps.length; k++) {
      const recall = tps[k] / positives;
      averagePrecision += (recall - prevRecall) * (tps[k] / (tps[k] + fps[k]));
      prevRecall = recall;
    }
  }
  for (const k of thinIndexes(tps.length, maxPoints - 1)) {
    roc.push([negatives > 0 ? fps[k] / negatives : 0, positives > 0 ? tps[k] / positives : 0]);
    pr.push([positives > 0 ? tps[k] / positives : 0, tps[k] / (tps[k] + fps[k])]);
  }
  return { roc, auc, pr, averagePrecision, positives, negatives };
}

/** At most `max` of 0..n−1, evenly spaced, always with the last one (where both curves end). */
export function thinIndexes(n: number, max: number): number[] {
  if (n <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const step = (n - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(Math.round(i * step));
  return [...new Set(out)];
}
