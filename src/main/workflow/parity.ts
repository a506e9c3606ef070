/**
 * Largest disagreement between two predictions of the same rows: absolute for probabilities,
 * relative to |value| (when above 1) for regression, so large targets such as prices are judged
 * at float32 precision.
 */
import type { Prediction } from '../ml/prediction';

export function maxPredictionDiff(a: Prediction, b: Prediction): number {
  let max = 0;
  if (a.task === 'regression' && b.task === 'regression') {
    for (let i = 0; i < a.value.length; i++) max = Math.max(max, Math.abs(a.value[i] - b.value[i]) / Math.max(1, Math.abs(a.value[i])));
    return max;
  }
  if (a.task !== 'regression' && b.task !== 'regression') {
    for (let i = 0; i < a.proba.length; i++) max = Math.max(max, Math.abs(a.proba[i] - b.proba[i]));
    return max;
  }
  return Number.POSITIVE_INFINITY;
}
