/**
 * Voting ensembles. Soft voting averages probabilities (or values, for regression) with optional
 * weights. Hard voting counts each member's most probable class, weighted, and returns the vote
 * shares as probabilities: their argmax is the majority class (ties to the lower class index),
 * and the shares still rank rows for AUC.
 */
import { argmaxRows } from '../metrics';
import type { Prediction } from '../prediction';
import { memberShape, predictionOf, valuesOf } from './members';

function normalizedWeights(count: number, weights: readonly number[] | undefined): number[] {
  const w = weights ?? new Array<number>(count).fill(1);
  if (w.length !== count) throw new RangeError(`Got ${w.length} weights for ${count} members.`);
  if (w.some((v) => !(v >= 0))) throw new RangeError('Voting weights must be non-negative numbers.');
  const total = w.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('At least one voting weight must be positive.');
  return w.map((v) => v / total);
}

/** Weighted average of the members' probabilities or values (equal weights by default). */
export function softVote(members: readonly Prediction[], weights?: readonly number[]): Prediction {
  const shape = memberShape(members);
  const w = normalizedWeights(members.length, weights);
  const out = new Float64Array(shape.rows * shape.width);
  members.forEach((m, j) => {
    if (w[j] === 0) return;
    const v = valuesOf(m);
    for (let i = 0; i < out.length; i++) out[i] += w[j] * v[i];
  });
  return predictionOf(shape, out);
}

/** Weighted majority of the members' predicted classes, as vote shares (classification only). */
export function hardVote(members: readonly Prediction[], weights?: readonly number[]): Prediction {
  const shape = memberShape(members);
  if (shape.task === 'regression') throw new TypeError('Hard voting needs class predictions; use softVote for regression.');
  const w = normalizedWeights(members.length, weights);
  const k = shape.width;
  const out = new Float64Array(shape.rows * k);
  members.forEach((m, j) => {
    const winners = argmaxRows(valuesOf(m), k);
    for (let i = 0; i < shape.rows; i++) out[i * k + winners[i]] += w[j];
  });
  return predictionOf(shape, out);
}
