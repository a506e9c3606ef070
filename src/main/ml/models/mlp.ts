/**
 * MLP pipelines: the linear family's preprocessing (mean-impute + standardize numerics, one-hot
 * categoricals), then a multilayer perceptron (dense layers with relu or tanh, softmax output for
 * classification, a standardized value for regression) trained with Adam by ONNX Runtime
 * (onnx/mlp-training-graph.ts, onnx/mlp-trainer.ts), with early stopping on a held-out share of
 * the rows. The fitted pipeline predicts in JS and exports to one ONNX graph that reproduces the
 * same numbers (onnx/export-mlp.ts).
 */
import type { TaskKind } from '../../../shared/domain';
import { exportMlpPipeline, type MlpGraphSpec } from '../../onnx/export-mlp';
import { ACTIVATIONS, type Activation } from '../../onnx/mlp-training-graph';
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import { designInputs, designMatrix, designWidth, fitDesign, type DesignSpec, type InputSpec } from '../preprocess/design';
import { linearImportance } from './linear-importance';
import { mlpModelToJSON, parseMlpPipelineJSON, type MlpPipelineJSON } from './mlp-json';
import { predictMlp, trainMlpModel, type MlpModel } from './mlp-model';
import type { FitOptions, FittedPipeline } from './pipeline';
import { validateTarget } from './validate-target';

export interface MlpParams {
  /** Hidden layer widths, comma-separated, input side first: "64,32" is two hidden layers. */
  hiddenLayers: string;
  activation: Activation;
  /** Adam step size. */
  learningRate: number;
  batchSize: number;
  /** Most passes over the training rows; early stopping usually ends sooner. */
  epochs: number;
  /** L2 weight decay on the weights (not the biases). */
  l2: number;
  /**
   * Share of the rows held out to decide when to stop (the best epoch's weights are kept).
   * 0 trains on every row and stops when the training loss plateaus.
   */
  validationFraction: number;
  /** Epochs without improvement before stopping (patience). */
  earlyStoppingRounds: number;
}

export const DEFAULT_MLP_PARAMS: MlpParams = {
  hiddenLayers: '64,32',
  activation: 'relu',
  learningRate: 1e-3,
  batchSize: 128,
  epochs: 100,
  l2: 1e-4,
  validationFraction: 0.1,
  earlyStoppingRounds: 10,
};

/** Most hidden layers and widest layer accepted (a desktop app training on CPU). */
const MAX_LAYERS = 8;
const MAX_WIDTH = 4096;

/** Hidden widths from "64,32"; throws an Error saying what is wrong. */
export function parseHiddenLayers(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (text.trim() === '' || parts.some((p) => !/^\d+$/.test(p))) {
    throw new Error(`hiddenLayers must be comma-separated positive whole numbers like "64,32", got "${text}".`);
  }
  const widths = parts.map(Number);
  if (widths.some((w) => w < 1 || w > MAX_WIDTH)) throw new Error(`hiddenLayers widths must be between 1 and ${MAX_WIDTH}, got "${text}".`);
  if (widths.length > MAX_LAYERS) throw new Error(`hiddenLayers allows at most ${MAX_LAYERS} layers, got ${widths.length}.`);
  return widths;
}

/** Throws an Error naming the first bad parameter. */
export function validateMlpParams(p: MlpParams): void {
  parseHiddenLayers(p.hiddenLayers);
  if (!ACTIVATIONS.includes(p.activation)) throw new Error(`activation must be one of ${ACTIVATIONS.join(', ')}, got "${String(p.activation)}".`);
  if (!(Number.isFinite(p.learningRate) && p.learningRate > 0 && p.learningRate <= 1)) throw new Error(`learningRate must be in (0, 1], got ${p.learningRate}.`);
  if (!(Number.isInteger(p.batchSize) && p.batchSize >= 1)) throw new Error(`batchSize must be a positive whole number, got ${p.batchSize}.`);
  if (!(Number.isInteger(p.epochs) && p.epochs >= 1)) throw new Error(`epochs must be a positive whole number, got ${p.epochs}.`);
  if (!(Number.isFinite(p.l2) && p.l2 >= 0)) throw new Error(`l2 must be a number ≥ 0, got ${p.l2}.`);
  if (!(Number.isFinite(p.validationFraction) && p.validationFraction >= 0 && p.validationFraction <= 0.5)) {
    throw new Error(`validationFraction must be between 0 (no early-stopping holdout) and 0.5, got ${p.validationFraction}.`);
  }
  if (!(Number.isInteger(p.earlyStoppingRounds) && p.earlyStoppingRounds >= 1)) throw new Error(`earlyStoppingRounds must be a positive whole number, got ${p.earlyStoppingRounds}.`);
}

/** A fitted MLP pipeline. Immutable; build with fitMlpPipeline or mlpPipelineFromJSON. */
export class MlpPipeline implements FittedPipeline {
  readonly family = 'mlp' as const;
  readonly inputs: InputSpec[];

  constructor(
    readonly params: MlpParams,
    readonly task: TaskKind,
    readonly classes: string[] | null,
    readonly design: DesignSpec,
    readonly model: MlpModel,
    private readonly training: MlpPipelineJSON['training'],
  ) {
    this.inputs = designInputs(design);
  }

  predict(frame: Frame): Prediction {
    return predictMlp(this.model, designMatrix(frame, this.design), frame.rowCount, this.task, this.classes);
  }

  /**
   * Per raw column: Σ |first-layer weight| × the design column's training std (the linear
   * family's standardized-coefficient reading applied to the first layer), normalized.
   */
  featureImportance(): { feature: string; importance: number }[] {
    const first = this.model.layers[0];
    return linearImportance(this.design, { features: first.inputs, outputs: first.outputs, weights: first.weights, bias: first.bias, target: null });
  }

  graphSpec(): MlpGraphSpec {
    return { task: this.task, classes: this.classes, design: this.design, activation: this.model.activation, layers: this.model.layers, target: this.model.target };
  }

  toOnnx(): Uint8Array {
    return exportMlpPipeline(this.graphSpec());
  }

  toJSON(): MlpPipelineJSON {
    return {
      format: 'mlestar.pipeline',
      version: 1,
      family: 'mlp',
      task: this.task,
      classes: this.classes ? [...this.classes] : null,
      params: { ...this.params },
      inputs: this.inputs.map((i) => ({ ...i })),
      preprocess: { columns: this.design.columns.map((c) => ({ ...c })) },
      model: mlpModelToJSON(this.model),
      training: { ...this.training, losses: [...this.training.losses], validationLosses: [...this.training.validationLosses] },
    };
  }
}

/**
 * Fits preprocessing and an MLP. `y` holds class indexes 0..k−1 into `classes` (classification)
 * or target values (regression). Rejects with a plain Error on bad input or parameters and with
 * CancelledError when `options.signal` fires.
 */
export async function fitMlpPipeline(
  features: Frame,
  y: Float64Array,
  task: TaskKind,
  classes: string[] | null,
  params: MlpParams,
  options: FitOptions,
): Promise<FittedPipeline> {
  validateTarget(features.rowCount, y, task, classes);
  validateMlpParams(params);
  const design = fitDesign(features);
  const d = designWidth(design);
  if (d === 0) throw new Error('No usable feature column: every column is empty or missing.');
  const x = designMatrix(features, design);
  const { model, training } = await trainMlpModel(x, features.rowCount, d, y, task, classes?.length ?? 1, {
    hidden: parseHiddenLayers(params.hiddenLayers),
    activation: params.activation,
    learningRate: params.learningRate,
    epochs: params.epochs,
    batchSize: params.batchSize,
    l2: params.l2,
    validationFraction: params.validationFraction,
    patience: params.earlyStoppingRounds,
    rng: options.rng,
    signal: options.signal,
    onIteration: options.onIteration,
    executionProvider: options.executionProvider,
    deadline: options.deadline,
  });
  const taskClasses = task === 'regression' ? null : [...(classes ?? [])];
  return new MlpPipeline({ ...params }, task, taskClasses, design, model, {
    losses: training.losses,
    validationLosses: training.validationLosses,
    bestEpoch: training.bestEpoch,
    executionProvider: training.provider,
  });
}

/** Rebuilds a fitted MLP pipeline from its toJSON() document; throws an Error naming what is wrong. */
export function mlpPipelineFromJSON(json: unknown): MlpPipeline {
  const { doc, design, model } = parseMlpPipelineJSON(json);
  return new MlpPipeline(doc.params, doc.task, doc.classes, design, model, doc.training);
}

/** What the ONNX exporters need from an MLP pipeline (works on any FittedPipeline via its JSON). */
export function mlpGraphSpec(pipeline: FittedPipeline): MlpGraphSpec {
  if (pipeline instanceof MlpPipeline) return pipeline.graphSpec();
  return mlpPipelineFromJSON(pipeline.toJSON()).graphSpec();
}
