/**
 * Linear pipelines: mean-impute + standardize numerics, one-hot categoricals, then softmax
 * regression (binary as K=2, multiclass) or least squares on a standardized target, trained with
 * Adam by ONNX Runtime. The fitted pipeline predicts in JS and exports to one ONNX graph that
 * reproduces the same numbers.
 */
import type { TaskKind } from '../../../shared/domain';
import { exportLinearPipeline, type LinearGraphSpec } from '../../onnx/export-pipeline';
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import { designInputs, designMatrix, designWidth, fitDesignForTraining, type DesignOptions, type DesignSpec, type InputSpec } from '../preprocess/design';
import { linearImportance } from './linear-importance';
import { modelToJSON, parseLinearPipelineJSON, type LinearPipelineJSON } from './linear-json';
import { predictLinear, trainLinearModel, type LinearModel } from './linear-model';
import type { FitOptions, FittedPipeline } from './pipeline';
import { validateTarget } from './validate-target';

export type { FitOptions, FittedPipeline, InputSpec } from './pipeline';

export interface LinearParams {
  learningRate: number;
  /** Most passes over the data; training stops earlier when the loss plateaus. */
  epochs: number;
  batchSize: number;
  /** L2 weight decay on the weights (not the bias). */
  l2: number;
}

/**
 * Preprocessing options a linear params object may also carry (all absent: the defaults, mean
 * imputation and one-hot, see preprocess/design.ts). Kept apart from LinearParams, whose fields
 * are all numbers (the CLI sets them by name).
 */
export type LinearPreprocessParams = Pick<DesignOptions, (typeof PREPROCESS_KEYS)[number]>;

/** The design options a linear pipeline's params may set (see DesignOptions for each one's meaning). */
export const PREPROCESS_KEYS = ['imputation', 'fillValue', 'missingIndicators', 'encoding', 'rareMinCount', 'targetSmoothing', 'maxCategories', 'scaling', 'clipQuantile'] as const;

/** The preprocessing options a linear params object sets (those it leaves undefined keep their defaults). */
export function designOptionsOf(params: LinearParams & LinearPreprocessParams): DesignOptions {
  const options: Record<string, unknown> = {};
  for (const key of PREPROCESS_KEYS) if (params[key] !== undefined) options[key] = params[key];
  return options as DesignOptions;
}

export const DEFAULT_LINEAR_PARAMS: LinearParams = { learningRate: 0.01, epochs: 30, batchSize: 256, l2: 1e-4 };

/** Early stopping: 5 epochs with less than 0.01% improvement of the training loss. */
const PLATEAU = { patience: 5, tolerance: 1e-4 };

/** A fitted linear pipeline. Immutable; build with fitLinearPipeline or pipelineFromJSON. */
class LinearPipeline implements FittedPipeline {
  readonly family = 'linear' as const;
  readonly inputs: InputSpec[];

  constructor(
    readonly params: LinearParams,
    readonly task: TaskKind,
    readonly classes: string[] | null,
    readonly design: DesignSpec,
    readonly model: LinearModel,
    private readonly training: LinearPipelineJSON['training'],
  ) {
    this.inputs = designInputs(design);
  }

  predict(frame: Frame): Prediction {
    return predictLinear(this.model, designMatrix(frame, this.design), frame.rowCount, this.task, this.classes);
  }

  featureImportance(): { feature: string; importance: number }[] {
    return linearImportance(this.design, this.model);
  }

  graphSpec(): LinearGraphSpec {
    const { weights, bias, target } = this.model;
    return { task: this.task, classes: this.classes, design: this.design, weights, bias, target };
  }

  toOnnx(): Uint8Array {
    return exportLinearPipeline(this.graphSpec());
  }

  toJSON(): LinearPipelineJSON {
    return {
      format: 'mlestar.pipeline',
      version: 1,
      family: 'linear',
      task: this.task,
      classes: this.classes ? [...this.classes] : null,
      params: { ...this.params },
      inputs: this.inputs.map((i) => ({ ...i })),
      preprocess: { columns: this.design.columns.map((c) => ({ ...c })) },
      model: modelToJSON(this.model),
      training: { losses: [...this.training.losses], executionProvider: this.training.executionProvider },
    };
  }
}

/**
 * Fits preprocessing and a linear model. `y` holds class indexes 0..k−1 into `classes`
 * (classification) or target values (regression). Rejects with a plain Error on bad input
 * (zero rows, NaN target, a single class, no usable feature) and with CancelledError when
 * `options.signal` fires.
 */
export async function fitLinearPipeline(
  features: Frame,
  y: Float64Array,
  task: TaskKind,
  classes: string[] | null,
  params: LinearParams & LinearPreprocessParams,
  options: FitOptions,
): Promise<FittedPipeline> {
  validateTarget(features.rowCount, y, task, classes);
  const designOptions = designOptionsOf(params);
  const q = designOptions.clipQuantile;
  if (q !== undefined && !(q > 0 && q < 0.5)) throw new Error(`Invalid parameter: clip_quantile must be in (0, 0.5), got ${q}`);
  const target = designOptions.encoding === 'target' ? { y, task, classCount: classes?.length ?? 1, rng: options.rng.fork() } : null;
  const { design, x } = fitDesignForTraining(features, designOptions, target);
  const d = designWidth(design);
  if (d === 0) throw new Error('No usable feature column: every column is empty or missing.');
  const { model, training } = await trainLinearModel(x, features.rowCount, d, y, task, classes?.length ?? 1, {
    ...params,
    rng: options.rng,
    signal: options.signal,
    onIteration: options.onIteration,
    executionProvider: options.executionProvider,
    earlyStopping: PLATEAU,
  });
  const taskClasses = task === 'regression' ? null : [...(classes ?? [])];
  return new LinearPipeline({ ...params }, task, taskClasses, design, model, { losses: training.losses, executionProvider: training.provider });
}

/** Rebuilds a fitted pipeline from its toJSON() document; throws an Error naming what is wrong. */
export function pipelineFromJSON(json: unknown): FittedPipeline {
  const { doc, design, model } = parseLinearPipelineJSON(json);
  return new LinearPipeline(doc.params, doc.task, doc.classes, design, model, doc.training);
}

/** What the ONNX exporters need from a linear pipeline (works on any FittedPipeline via its JSON). */
export function linearGraphSpec(pipeline: FittedPipeline): LinearGraphSpec {
  if (pipeline instanceof LinearPipeline) return pipeline.graphSpec();
  const restored = pipelineFromJSON(pipeline.toJSON());
  if (!(restored instanceof LinearPipeline)) throw new Error(`Cannot export a ${pipeline.family} pipeline as a linear graph.`);
  return restored.graphSpec();
}
