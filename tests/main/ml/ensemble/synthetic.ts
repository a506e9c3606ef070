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

/**
 * Members complementary in a way no weighted average can use: rows fall in one of two regions;
 * member A knows the target in region 0 and guesses in region 1, member B the other way round,
 * and member C knows only the region (its output says nothing about the target). Trusting A or B
 * by what C says is a non-linear rule; the linear meta-learner can only average A and B.
 */
export function complementaryMembers(task: 'binary' | 'multiclass' | 'regression', n: number, rng: Rng): { y: Float64Array; members: Prediction[] } {
  const k = task === 'binary' ? 2 : task === 'multiclass' ? 4 : 1;
  const classes = Array.from({ length: k }, (_, c) => String(c));
  const y = new Float64Array(n);
  const outputs = [0, 1, 2].map(() => new Float64Array(n * k));
  for (let i = 0; i < n; i++) {
    const region = rng.next() < 0.5 ? 0 : 1;
    if (task === 'regression') {
      y[i] = rng.normal();
      outputs[0][i] = region === 0 ? y[i] + 0.2 * rng.normal() : rng.normal();
      outputs[1][i] = region === 1 ? y[i] + 0.2 * rng.normal() : rng.normal();
      outputs[2][i] = region + 0.1 * rng.normal();
      continue;
    }
    y[i] = Math.floor(rng.next() * k);
    outputs.forEach((proba, member) => {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const logit = member === 2 ? (c === region ? 2 : 0) + 0.3 * rng.normal() : (member === region && c === y[i] ? 2.5 : 0) + rng.normal();
        sum += proba[i * k + c] = Math.exp(logit);
      }
      for (let c = 0; c < k; c++) proba[i * k + c] /= sum;
    });
  }
  const members: Prediction[] = outputs.map((values) => (task === 'regression' ? { task, value: values } : { task, classes, proba: values }));
  return { y, members };
}
