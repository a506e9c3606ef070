/**
 * The linear model itself, on a design matrix: target encoding, training through ONNX Runtime
 * (onnx/trainer.ts) and scoring in plain JS.
 *
 * Scoring runs in double precision on the float32 design matrix and float32 weights; the
 * exported graph does the same products in float32, which keeps the two within ~1e-6.
 */
import type { TaskKind } from '../../../shared/domain';
import { trainLinear, type EarlyStopping, type TrainResult } from '../../onnx/trainer';
import type { ExecutionProvider } from '../../onnx/session';
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';

/** Fitted weights of a linear model over a design matrix of width `features`. */
export interface LinearModel {
  features: number;
  /** K: classes for classification, 1 for regression. */
  outputs: number;
  /** [features, outputs] row-major. */
  weights: Float32Array;
  bias: Float32Array;
  /** Regression: the model predicts (y − mean) / std; null for classification. */
  target: { mean: number; std: number } | null;
}

export interface LinearTrainingSettings {
  learningRate: number;
  epochs: number;
  batchSize: number;
  l2: number;
  rng: Rng;
  signal?: AbortSignal;
  onIteration?: (info: { iteration: number; loss: number }) => void;
  executionProvider?: ExecutionProvider;
  earlyStopping?: EarlyStopping;
}

/** One-hot rows [n, k] from class indexes. */
export function oneHotTargets(y: Float64Array, k: number): Float32Array {
  const out = new Float32Array(y.length * k);
  for (let i = 0; i < y.length; i++) out[i * k + y[i]] = 1;
  return out;
}

/** Mean and std (0 → 1) of a regression target, rounded to float32 as the graph stores them. */
export function targetScaling(y: Float64Array): { mean: number; std: number } {
  const mean = y.reduce((a, v) => a + v, 0) / y.length;
  const std = Math.fround(Math.sqrt(y.reduce((a, v) => a + (v - mean) ** 2, 0) / y.length));
  return { mean: Math.fround(mean), std: std > 0 && Number.isFinite(std) ? std : 1 };
}

/**
 * Targets as the ONNX training graphs take them: one-hot rows for classification (k = classes),
 * standardized values for regression (k = 1, with the scaling to undo on prediction).
 */
export function encodeTargets(y: Float64Array, task: TaskKind, classCount: number): { k: number; target: { mean: number; std: number } | null; yEncoded: Float32Array } {
  const k = task === 'regression' ? 1 : classCount;
  const target = task === 'regression' ? targetScaling(y) : null;
  const yEncoded = target ? Float32Array.from(y, (v) => (v - target.mean) / target.std) : oneHotTargets(y, k);
  return { k, target, yEncoded };
}

/** Trains on a design matrix x [n, d]. `y` holds class indexes (classification) or values. */
export async function trainLinearModel(
  x: Float32Array,
  n: number,
  d: number,
  y: Float64Array,
  task: TaskKind,
  classCount: number,
  s: LinearTrainingSettings,
): Promise<{ model: LinearModel; training: TrainResult }> {
  const regression = task === 'regression';
  const { k, target, yEncoded } = encodeTargets(y, task, classCount);
  const training = await trainLinear(
    { x, y: yEncoded, rows: n, features: d, outputs: k },
    {
      loss: regression ? 'squared-error' : 'softmax-cross-entropy',
      epochs: s.epochs,
      batchSize: s.batchSize,
      learningRate: s.learningRate,
      l2: s.l2,
      rng: s.rng,
      signal: s.signal,
      onIteration: s.onIteration,
      executionProvider: s.executionProvider,
      earlyStopping: s.earlyStopping,
      schedule: 'inverse-sqrt',
      // Mini-batch GEMMs this small run faster on one thread than with a pool's sync cost,
      // and fits often run side by side in workers.
      threads: 1,
    },
  );
  return { model: { features: d, outputs: k, weights: training.weights, bias: training.bias, target }, training };
}

/** Raw scores x·W + b, [n, K] in double precision. */
export function linearScores(model: LinearModel, x: Float32Array, n: number): Float64Array {
  const { features: d, outputs: k, weights: w, bias } = model;
  const z = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < k; j++) {
      let acc = bias[j];
      for (let f = 0; f < d; f++) acc += x[row + f] * w[f * k + j];
      z[i * k + j] = acc;
    }
  }
  return z;
}

/** Row-wise softmax, in place. */
export function softmaxRows(z: Float64Array, k: number): Float64Array {
  for (let r = 0; r < z.length; r += k) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) max = Math.max(max, z[r + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += z[r + j] = Math.exp(z[r + j] - max);
    for (let j = 0; j < k; j++) z[r + j] /= sum;
  }
  return z;
}

/** Predictions for a design matrix x [n, d]. */
export function predictLinear(model: LinearModel, x: Float32Array, n: number, task: TaskKind, classes: string[] | null): Prediction {
  const z = linearScores(model, x, n);
  if (task === 'regression') {
    const t = model.target ?? { mean: 0, std: 1 };
    return { task, value: z.map((v) => v * t.std + t.mean) };
  }
  return { task, classes: classes ?? [], proba: softmaxRows(z, model.outputs) };
}
