/**
 * Exports a fitted MLP pipeline as one ONNX graph that takes raw columns, with the I/O of
 * export-pipeline.ts (one [N,1] input per raw column; `label` + `probabilities`, or `variable`).
 *
 * Inside: the design matrix of export-pipeline.ts (impute, standardize, one-hot) → Cast to
 * double → the forward pass of mlp-training-graph.ts (Gemm, Relu/Tanh, …, Gemm) with the fitted
 * weights as double constants → Softmax (classification) or · std + mean (regression). Double,
 * as in the linear export, because the in-app forward pass (ml/models/mlp-model.ts) runs in
 * double on the same float32 design matrix and weights.
 */
import type { TaskKind } from '../../shared/domain';
import type { DesignSpec } from '../ml/preprocess/design';
import { designInputs } from '../ml/preprocess/design';
import { addDesignMatrix, addPredictionOutputs, addRawInputs } from './export-pipeline';
import { DATA_TYPE, GraphBuilder, attr, tensor } from './graph-builder';
import type { MlpLayer } from './mlp-trainer';
import { addMlpForward, type Activation } from './mlp-training-graph';

/** Everything the graph of one MLP pipeline needs. */
export interface MlpGraphSpec {
  task: TaskKind;
  /** Class labels in probability-column order; null for regression. */
  classes: string[] | null;
  design: DesignSpec;
  activation: Activation;
  layers: readonly MlpLayer[];
  /** Regression only: the model predicts (y − mean) / std. */
  target: { mean: number; std: number } | null;
}

/**
 * Adds one MLP pipeline on top of the raw inputs. Returns a double tensor: probabilities [N, K]
 * (classification) or predictions [N, 1] in target units (regression).
 */
export function addMlpPipeline(g: GraphBuilder, spec: MlpGraphSpec, input: (name: string) => string): string {
  if (spec.layers.length === 0) throw new Error('An MLP pipeline needs at least one layer.');
  const x = g.op('Cast', [addDesignMatrix(g, spec.design, input)], { to: attr.int(DATA_TYPE.double) });
  const layers = spec.layers.map((layer, l) => ({
    w: g.constant(tensor.double(layer.weights, [layer.inputs, layer.outputs]), `mlp_W${l}`),
    b: g.constant(tensor.double(layer.bias, [layer.outputs]), `mlp_b${l}`),
  }));
  const { output } = addMlpForward(g, x, layers, spec.activation);
  if (spec.task !== 'regression') return g.op('Softmax', [output], { axis: attr.int(-1) });
  if (!spec.target) throw new Error('A regression pipeline needs its target mean and std.');
  const std = g.constant(tensor.double([spec.target.std], []), 'target_std');
  const mean = g.constant(tensor.double([spec.target.mean], []), 'target_mean');
  return g.op('Add', [g.op('Mul', [output, std]), mean]);
}

/** The whole MLP pipeline as one serialized ONNX model. */
export function exportMlpPipeline(spec: MlpGraphSpec): Uint8Array {
  const g = new GraphBuilder('mlestar_mlp_pipeline');
  const input = addRawInputs(g, designInputs(spec.design));
  addPredictionOutputs(g, spec.task, spec.classes, addMlpPipeline(g, spec, input));
  return g.toBytes(`MLE-STAR Studio MLP pipeline (${spec.task})`);
}
