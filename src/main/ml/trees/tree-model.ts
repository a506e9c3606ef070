/**
 * A fitted tree ensemble (boosted or forest) with its binning, and its in-app prediction.
 * Raw scores are Σ leaf values (in tree order, in double) + `init`; the output transform turns
 * them into probabilities or values. The ONNX export (onnx/export-trees.ts) computes the same.
 */
import type { TaskKind } from '../../../shared/domain';
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import { featureColumns, type BinnedFeature } from './binning';
import { accumulateTrees, type Tree } from './tree';

/** sigmoid: binary booster (1 raw score → P(class 1)); softmax: multiclass booster; identity: values or forest probabilities. */
export type OutputTransform = 'sigmoid' | 'softmax' | 'identity';

export interface TreeModel {
  features: BinnedFeature[];
  trees: Tree[];
  /** Raw score columns. */
  outputs: number;
  /** Base score per output column. */
  init: Float64Array;
  transform: OutputTransform;
}

/** Raw scores, row-major rowCount × outputs. */
export function rawScores(model: TreeModel, frame: Frame): Float64Array {
  const n = frame.rowCount;
  const out = new Float64Array(n * model.outputs);
  accumulateTrees(model.trees, featureColumns(frame, model.features), n, model.outputs, out);
  for (let i = 0; i < n; i++) for (let k = 0; k < model.outputs; k++) out[i * model.outputs + k] += model.init[k];
  return out;
}

/** Predictions in the app's shape. */
export function predictTreeModel(model: TreeModel, frame: Frame, task: TaskKind, classes: string[] | null): Prediction {
  const n = frame.rowCount;
  const raw = rawScores(model, frame);
  if (task === 'regression') return { task, value: raw };
  if (!classes) throw new Error(`A ${task} model needs its class labels.`);
  const k = classes.length;
  if (model.transform === 'identity') return { task, classes, proba: raw };
  const proba = new Float64Array(n * k);
  if (model.transform === 'sigmoid') {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]));
      proba[i * 2] = 1 - p;
      proba[i * 2 + 1] = p;
    }
    return { task, classes, proba };
  }
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, raw[i * k + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += proba[i * k + c] = Math.exp(raw[i * k + c] - max);
    for (let c = 0; c < k; c++) proba[i * k + c] /= sum;
  }
  return { task, classes, proba };
}

/** Total split gain per feature, in feature order. */
export function gainByFeature(model: TreeModel): Float64Array {
  const gains = new Float64Array(model.features.length);
  for (const tree of model.trees) for (let i = 0; i < tree.feature.length; i++) gains[tree.feature[i]] += tree.gain[i];
  return gains;
}

/** The threshold of split bin `bin` on feature f (numeric: its float32 upper bound; categorical: the category index). */
export function thresholdOf(features: readonly BinnedFeature[], f: number, bin: number): number {
  const feature = features[f];
  return feature.kind === 'numeric' ? feature.upper[bin] : bin;
}
