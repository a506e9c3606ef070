/**
 * The MLP itself, on a design matrix: target encoding, training through ONNX Runtime
 * (onnx/mlp-trainer.ts) and scoring in plain JS.
 *
 * Scoring runs in double precision on the float32 design matrix and float32 weights, layer by
 * layer; the exported graph (onnx/export-mlp.ts) does the same in double, which keeps the two
 * within float32 rounding of the output.
 */
import type { TaskKind } from '../../../shared/domain';
import { trainMlp, type MlpLayer, type MlpTrainResult } from '../../onnx/mlp-trainer';
import type { Activation } from '../../onnx/mlp-training-graph';
import type { ExecutionProvider } from '../../onnx/session';
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';
import { encodeTargets, softmaxRows } from './linear-model';

export type { MlpLayer } from '../../onnx/mlp-trainer';

/** Fitted weights of an MLP over a design matrix of width `features`. */
export interface MlpModel {
  features: number;
  /** K: classes for classification, 1 for regression. */
  outputs: number;
  activation: Activation;
  /** Dense layers in order; every one but the last is followed by `activation`. */
  layers: MlpLayer[];
  /** Regression: the model predicts (y − mean) / std; null for classification. */
  target: { mean: number; std: number } | null;
}

export interface MlpTrainingSettings {
  hidden: number[];
  activation: Activation;
  learningRate: number;
  epochs: number;
  batchSize: number;
  l2: number;
  validationFraction: number;
  patience: number;
  rng: Rng;
  signal?: AbortSignal;
  onIteration?: (info: { iteration: number; loss: number }) => void;
  executionProvider?: ExecutionProvider;
  deadline?: number;
}

/** Trains on a design matrix x [n, d]. `y` holds class indexes (classification) or values. */
export async function trainMlpModel(
  x: Float32Array,
  n: number,
  d: number,
  y: Float64Array,
  task: TaskKind,
  classCount: number,
  s: MlpTrainingSettings,
): Promise<{ model: MlpModel; training: MlpTrainResult }> {
  const regression = task === 'regression';
  const { k, target, yEncoded } = encodeTargets(y, task, classCount);
  const training = await trainMlp(
    { x, y: yEncoded, rows: n, features: d, outputs: k },
    {
      hidden: s.hidden,
      activation: s.activation,
      loss: regression ? 'squared-error' : 'softmax-cross-entropy',
      epochs: s.epochs,
      batchSize: s.batchSize,
      learningRate: s.learningRate,
      l2: s.l2,
      validationFraction: s.validationFraction,
      patience: s.patience,
      rng: s.rng,
      signal: s.signal,
      onIteration: s.onIteration,
      executionProvider: s.executionProvider,
      threads: 1,
      deadline: s.deadline,
    },
  );
  return { model: { features: d, outputs: k, activation: s.activation, layers: training.layers, target }, training };
}

/** Output-layer scores [n, K] in double precision: the forward pass, row by row. */
export function mlpScores(model: MlpModel, x: Float32Array, n: number): Float64Array {
  const { layers, activation } = model;
  const k = model.outputs;
  const widest = Math.max(model.features, ...layers.map((l) => l.outputs));
  let input = new Float64Array(widest);
  let output = new Float64Array(widest);
  const z = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * model.features;
    for (let f = 0; f < model.features; f++) input[f] = x[row + f];
    for (let l = 0; l < layers.length; l++) {
      const { inputs: din, outputs: dout, weights: w, bias } = layers[l];
      for (let j = 0; j < dout; j++) output[j] = bias[j];
      for (let f = 0; f < din; f++) {
        const v = input[f];
        if (v === 0) continue;
        const base = f * dout;
        for (let j = 0; j < dout; j++) output[j] += v * w[base + j];
      }
      if (l < layers.length - 1) {
        if (activation === 'relu') for (let j = 0; j < dout; j++) output[j] = output[j] > 0 ? output[j] : 0;
        else for (let j = 0; j < dout; j++) output[j] = Math.tanh(output[j]);
      }
      [input, output] = [output, input];
    }
    for (let j = 0; j < k; j++) z[i * k + j] = input[j];
  }
  return z;
}

/** Predictions for a design matrix x [n, d]. */
export function predictMlp(model: MlpModel, x: Float32Array, n: number, task: TaskKind, classes: string[] | null): Prediction {
  const z = mlpScores(model, x, n);
  if (task === 'regression') {
    const t = model.target ?? { mean: 0, std: 1 };
    return { task, value: z.map((v) => v * t.std + t.mean) };
  }
  return { task, classes: classes ?? [], proba: softmaxRows(z, model.outputs) };
}
