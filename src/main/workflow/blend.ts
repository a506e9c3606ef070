/**
 * Weighted averaging of predictions (soft voting): class probabilities for classification,
 * values for regression.
 */
import type { Prediction } from '../ml/prediction';

export function blendPredictions(predictions: Prediction[], weights: number[]): Prediction {
  const total = weights.reduce((a, b) => a + b, 0);
  const first = predictions[0];
  if (first.task === 'regression') {
    const value = new Float64Array(first.value.length);
    predictions.forEach((p, m) => {
      if (p.task !== 'regression') throw new Error('Cannot blend predictions of different tasks.');
      for (let i = 0; i < value.length; i++) value[i] += (weights[m] / total) * p.value[i];
    });
    return { task: 'regression', value };
  }
  const proba = new Float64Array(first.proba.length);
  predictions.forEach((p, m) => {
    if (p.task === 'regression') throw new Error('Cannot blend predictions of different tasks.');
    for (let i = 0; i < proba.length; i++) proba[i] += (weights[m] / total) * p.proba[i];
  });
  return { task: first.task, classes: first.classes, proba };
}
