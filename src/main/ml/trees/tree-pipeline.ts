/**
 * Tree pipelines (gbdt, random-forest, extra-trees): binning is the only preprocessing (trees
 * need no imputation or scaling: missing values have their own bin and branch), then the
 * ensemble. Implements the FittedPipeline contract: JS prediction, gain importance, versioned
 * JSON, and one ONNX graph (onnx/export-trees.ts) that reproduces the same numbers.
 */
import { z } from 'zod';
import type { TaskKind } from '../../../shared/domain';
import { exportTreePipeline, treeInputs, type TreeGraphSpec } from '../../onnx/export-trees';
import type { Frame } from '../frame';
import type { Prediction } from '../prediction';
import type { InputSpec } from '../preprocess/design';
import type { FitOptions, FittedPipeline } from '../models/pipeline';
import { validateTarget } from '../models/validate-target';
import { binFrame, fitBinning } from './binning';
import { fitForest } from './forest';
import { boost } from './gbdt';
import { createObjective } from './objectives';
import { DEFAULT_EXTRA_TREES_PARAMS, DEFAULT_GBDT_PARAMS, DEFAULT_RANDOM_FOREST_PARAMS, validateForestParams, validateGbdtParams, type ForestParams, type GbdtParams } from './params';
import { treeModelFromJSON, treeModelSchema, treeModelToJSON } from './tree-json';
import { gainByFeature, predictTreeModel, type TreeModel } from './tree-model';

export type TreeFamily = 'gbdt' | 'random-forest' | 'extra-trees';

/** Family and params together, so the pair is always consistent. */
export type TreeSpec = { family: 'gbdt'; params: GbdtParams } | { family: 'random-forest' | 'extra-trees'; params: ForestParams };

/** Training facts kept with the model. */
export interface TreeTraining {
  /** Boosting rounds kept (after early stopping) or trees grown. */
  iterations: number;
  validationLoss: number[];
  /** The fit's deadline ended the rounds early (gbdt): `iterations` is what time allowed. */
  cutByDeadline?: boolean;
}

/** A fitted tree pipeline. Immutable; build with fitTreePipeline or treePipelineFromJSON. */
export class TreePipeline implements FittedPipeline {
  readonly inputs: InputSpec[];
  readonly family: TreeFamily;
  readonly params: GbdtParams | ForestParams;

  constructor(
    spec: TreeSpec,
    readonly task: TaskKind,
    readonly classes: string[] | null,
    readonly model: TreeModel,
    readonly training: TreeTraining,
  ) {
    this.family = spec.family;
    this.params = spec.params;
    this.inputs = treeInputs(model);
  }

  predict(frame: Frame): Prediction {
    return predictTreeModel(this.model, frame, this.task, this.classes);
  }

  featureImportance(): { feature: string; importance: number }[] {
    const gains = gainByFeature(this.model);
    const total = gains.reduce((a, g) => a + g, 0);
    return this.model.features
      .map((f, i) => ({ feature: f.name, importance: total > 0 ? gains[i] / total : 1 / gains.length }))
      .sort((a, b) => b.importance - a.importance);
  }

  graphSpec(): TreeGraphSpec {
    return { task: this.task, classes: this.classes, model: this.model };
  }

  toOnnx(): Uint8Array {
    return exportTreePipeline(this.graphSpec());
  }

  toJSON() {
    return {
      format: 'mlestar.pipeline' as const,
      version: 1 as const,
      family: this.family,
      task: this.task,
      classes: this.classes ? [...this.classes] : null,
      params: { ...this.params },
      inputs: this.inputs.map((i) => ({ ...i })),
      model: treeModelToJSON(this.model),
      training: { iterations: this.training.iterations, validationLoss: [...this.training.validationLoss], ...(this.training.cutByDeadline ? { cutByDeadline: true } : {}) },
    };
  }
}

/** Default params of a tree family. */
export function defaultTreeSpec(family: TreeFamily): TreeSpec {
  if (family === 'gbdt') return { family, params: { ...DEFAULT_GBDT_PARAMS } };
  return { family, params: { ...(family === 'random-forest' ? DEFAULT_RANDOM_FOREST_PARAMS : DEFAULT_EXTRA_TREES_PARAMS) } };
}

/**
 * Fits a tree pipeline. `y` holds class indexes 0..k−1 into `classes` (classification) or values
 * (regression). Rejects with a plain Error on bad input (zero rows, NaN target, a single class,
 * no feature column, invalid params) and with CancelledError when `options.signal` fires.
 * Infinite feature values are clipped (treated as the largest / smallest value), not missing.
 */
export async function fitTreePipeline(features: Frame, y: Float64Array, task: TaskKind, classes: string[] | null, spec: TreeSpec, options: FitOptions): Promise<TreePipeline> {
  validateTarget(features.rowCount, y, task, classes);
  if (spec.family === 'gbdt') validateGbdtParams(spec.params);
  else validateForestParams(spec.params);
  if (features.columns.length === 0) throw new Error('No feature column: a tree model needs at least one input column besides the target.');
  options.signal?.throwIfAborted();
  const binning = fitBinning(features, spec.params.maxBin, options.rng.fork());
  const data = binFrame(features, binning);
  const k = task === 'regression' ? 0 : (classes?.length ?? 0);
  const taskClasses = task === 'regression' ? null : [...(classes ?? [])];
  const run = { rng: options.rng, signal: options.signal, onIteration: options.onIteration, deadline: options.deadline };
  if (spec.family === 'gbdt') {
    const name = task === 'regression' ? spec.params.objective : k === 2 ? 'binary' : 'multiclass';
    const result = await boost(data, binning, y, createObjective(name, k, spec.params.huberDelta), spec.params, run);
    return new TreePipeline({ family: 'gbdt', params: { ...spec.params } }, task, taskClasses, result.model, { iterations: result.bestIteration, validationLoss: result.validationLoss, cutByDeadline: result.cutByDeadline });
  }
  const model = await fitForest(data, binning, y, k, spec.params, spec.family === 'extra-trees', run);
  return new TreePipeline({ family: spec.family, params: { ...spec.params } }, task, taskClasses, model, { iterations: model.trees.length, validationLoss: [] });
}

const docSchema = z.object({
  format: z.literal('mlestar.pipeline'),
  version: z.literal(1),
  family: z.enum(['gbdt', 'random-forest', 'extra-trees']),
  task: z.enum(['binary', 'multiclass', 'regression']),
  classes: z.array(z.string()).nullable(),
  params: z.record(z.string(), z.unknown()),
  model: treeModelSchema,
  training: z.object({ iterations: z.number().int().nonnegative(), validationLoss: z.array(z.number().nullable()), cutByDeadline: z.boolean().optional() }),
});

/** Rebuilds a fitted tree pipeline from its toJSON() document; throws an Error naming what is wrong. */
export function treePipelineFromJSON(json: unknown): TreePipeline {
  const parsed = docSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Not a valid tree pipeline document: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const doc = parsed.data;
  const model = treeModelFromJSON(doc.model);
  const base = defaultTreeSpec(doc.family);
  const spec = { family: doc.family, params: { ...base.params, ...doc.params } } as TreeSpec;
  if (spec.family === 'gbdt') validateGbdtParams(spec.params);
  else validateForestParams(spec.params);
  const k = doc.task === 'regression' ? 1 : (doc.classes?.length ?? 0);
  if (doc.task !== 'regression' && k < 2) throw new Error('Not a valid tree pipeline document: a classifier needs at least two classes.');
  const expected = doc.task === 'regression' || model.transform !== 'sigmoid' ? k : 1;
  if (model.outputs !== expected) throw new Error(`Not a valid tree pipeline document: ${model.outputs} outputs for ${k} classes.`);
  const validationLoss = doc.training.validationLoss.map((v) => v ?? Number.NaN);
  return new TreePipeline(spec, doc.task, doc.classes, model, { iterations: doc.training.iterations, validationLoss, ...(doc.training.cutByDeadline ? { cutByDeadline: true } : {}) });
}
