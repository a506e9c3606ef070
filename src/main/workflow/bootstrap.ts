/**
 * Bootstrap confidence interval of a holdout score: resample the holdout rows with replacement
 * and take the 2.5% and 97.5% quantiles of the metric.
 */
import type { Metric } from '../ml/metrics';
import type { Prediction } from '../ml/prediction';
import type { Rng } from '../ml/rng';
import { selectPredictionRows, takeRows } from './cross-validate';

export function bootstrapInterval(metric: Metric, y: Float64Array, prediction: Prediction, rng: Rng, resamples = 200): [number, number] {
  const n = y.length;
  const scores: number[] = [];
  const rows = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    const score = metric.score(takeRows(y, rows), selectPredictionRows(prediction, rows));
    if (Number.isFinite(score)) scores.push(score);
  }
  if (scores.length === 0) return [Number.NaN, Number.NaN];
  scores.sort((a, b) => a - b);
  const at = (q: number): number => scores[Math.min(scores.length - 1, Math.max(0, Math.floor(q * (scores.length - 1))))];
  return [at(0.025), at(0.975)];
}
