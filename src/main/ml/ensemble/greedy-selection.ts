/**
 * Greedy ensemble selection with replacement (Caruana et al. 2004, as in auto-sklearn): starting
 * from the best single member (or empty), repeatedly add the member whose inclusion gives the best
 * score of the averaged prediction, allowing a member to be added again (which raises its weight).
 * The result is the best ensemble seen over all rounds, as integer counts per member, so it is
 * never worse than the best single member on the selection set.
 */
import type { Metric } from '../metrics';
import { isBetter } from '../metrics';
import type { Prediction } from '../prediction';
import { memberShape, predictionOf, valuesOf } from './members';

export interface GreedySelectionOptions {
  /** Members added after the start (default 25). */
  rounds?: number;
  /** Start from the best single member (default) or from nothing. */
  start?: 'best' | 'empty';
}

export interface GreedySelectionResult {
  /** How many times each member was chosen, in the best ensemble seen (sums to ≥ 1). */
  weights: number[];
  /** Score of that ensemble on the selection set. */
  score: number;
  /** Score after each addition, in order (the start counts as the first entry when starting from the best). */
  history: { added: number; score: number }[];
  /** Index of the best single member and its score. */
  bestSingle: { index: number; score: number };
}

/** Selects weights over `members` (out-of-fold predictions) to optimize `metric` against `y`. */
export function greedyEnsembleSelection(members: readonly Prediction[], y: Float64Array, metric: Metric, options: GreedySelectionOptions = {}): GreedySelectionResult {
  const shape = memberShape(members);
  const rounds = options.rounds ?? 25;
  const size = shape.rows * shape.width;
  const mean = new Float64Array(size); // reused: the metric reads it synchronously
  const scoreOfMean = (sum: Float64Array, count: number): number => {
    for (let i = 0; i < size; i++) mean[i] = sum[i] / count;
    return metric.score(y, predictionOf(shape, mean));
  };

  const singles = members.map((m) => metric.score(y, m));
  let bestIndex = 0;
  singles.forEach((s, i) => {
    if (isBetter(metric, s, singles[bestIndex])) bestIndex = i;
  });

  const counts = new Array<number>(members.length).fill(0);
  const sum = new Float64Array(size);
  let used = 0;
  const history: { added: number; score: number }[] = [];
  const add = (j: number, score: number): void => {
    const v = valuesOf(members[j]);
    for (let i = 0; i < size; i++) sum[i] += v[i];
    counts[j]++;
    used++;
    history.push({ added: j, score });
  };
  if (options.start !== 'empty') add(bestIndex, singles[bestIndex]);

  let best = { weights: [...counts], score: used > 0 ? singles[bestIndex] : Number.NaN };
  const trial = new Float64Array(size);
  for (let r = 0; r < rounds; r++) {
    let pick = -1;
    let pickScore = Number.NaN;
    for (let j = 0; j < members.length; j++) {
      const v = valuesOf(members[j]);
      for (let i = 0; i < size; i++) trial[i] = sum[i] + v[i];
      const s = scoreOfMean(trial, used + 1);
      if (pick < 0 || isBetter(metric, s, pickScore)) {
        pick = j;
        pickScore = s;
      }
    }
    add(pick, pickScore);
    if (isBetter(metric, pickScore, best.score)) best = { weights: [...counts], score: pickScore };
  }
  return { weights: best.weights, score: best.score, history, bestSingle: { index: bestIndex, score: singles[bestIndex] } };
}
