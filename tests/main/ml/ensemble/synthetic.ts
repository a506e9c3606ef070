/** Synthetic member predictions with known quality, for the ensemble tests. */
import type { Prediction } from '../../../../src/main/ml/prediction';
import { createRng, type Rng } from '../../../../src/main/ml/rng';

/** A classification prediction (has `proba`). */
export type BinaryPrediction = Extract<Prediction, { proba: Float64Array }>;

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Balanced binary labels. */
export function binaryLabels(n: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
}

/** A binary member whose logit is `signal`·(2y−1) plus standard normal noise times `noise`. */
export function binaryMember(y: Float64Array, signal: number, noise: number, rng: Rng): BinaryPrediction {
  const proba = new Float64Array(y.length * 2);
  for (let i = 0; i < y.length; i++) {
    const p = sigmoid(signal * (2 * y[i] - 1) + noise * rng.normal());
    proba[i * 2] = 1 - p;
    proba[i * 2 + 1] = p;
  }
  return { task: 'binary', classes: ['0', '1'], proba };
}

/** Labels plus a strong member, a weak one and a pure-noise one. */
export function binaryCase(seed: number, n = 1500): { y: Float64Array; strong: BinaryPrediction; weak: BinaryPrediction; noise: BinaryPrediction } {
  const rng = createRng(seed);
  const y = binaryLabels(n, rng);
  return { y, strong: binaryMember(y, 1.5, 1.2, rng), weak: binaryMember(y, 0.5, 1.2, rng), noise: binaryMember(y, 0, 1, rng) };
}

/** n rows of 0..k-1 labels and a member scoring the true class with `signal` plus noise. */
export function multiclassMember(y: Float64Array, k: number, signal: number, rng: Rng): Prediction {
  const proba = new Float64Array(y.length * k);
  const classes = Array.from({ length: k }, (_, c) => String(c));
  for (let i = 0; i < y.length; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += proba[i * k + c] = Math.exp((c === y[i] ? signal : 0) + rng.normal());
    for (let c = 0; c < k; c++) proba[i * k + c] /= sum;
  }
  return { task: 'multiclass', classes, proba };
}

/** Contiguous folds over n rows. */
export function contiguousFolds(n: number, k: number): { train: Int32Array; test: Int32Array }[] {
  const out: { train: Int32Array; test: Int32Array }[] = [];
  for (let f = 0; f < k; f++) {
    const lo = Math.floor((f * n) / k);
    const hi = Math.floor(((f + 1) * n) / k);
    const test = Int32Array.from({ length: hi - lo }, (_, i) => lo + i);
    const train = Int32Array.from({ length: n - (hi - lo) }, (_, i) => (i < lo ? i : i + hi - lo));
    out.push({ train, test });
  }
  return out;
}
