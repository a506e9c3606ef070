/**
 * One entry point to fit any model family from LightGBM-style parameter names (what the CLI's
 * `--param NAME=VALUE` and the benchmarks pass): maps the names onto the family's params, checks
 * them, and fits.
 */
import type { TaskKind } from '../../../shared/domain';
import type { Frame } from '../frame';
import { validateForestParams, validateGbdtParams } from '../trees/params';
import { defaultTreeSpec, fitTreePipeline, type TreeSpec } from '../trees/tree-pipeline';
import { CATEGORICAL_ENCODINGS } from '../preprocess/design';
import { IMPUTATION_STRATEGIES } from '../preprocess/imputer';
import { SCALINGS } from '../preprocess/standardizer';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline, type LinearParams, type LinearPreprocessParams } from './linear';
import { DEFAULT_MLP_PARAMS, fitMlpPipeline, validateMlpParams, type MlpParams } from './mlp';
import type { FitOptions, FittedPipeline, PipelineFamily } from './pipeline';

/** Families the CLI can name. */
export const CLI_FAMILIES = ['gbdt', 'random-forest', 'extra-trees', 'linear', 'mlp'] as const;
export type CliFamily = (typeof CLI_FAMILIES)[number];

/** LightGBM name → camelCase param, per family. */
const TREE_NAMES: Record<string, string> = {
  num_iterations: 'numIterations',
  num_leaves: 'numLeaves',
  max_depth: 'maxDepth',
  learning_rate: 'learningRate',
  max_bin: 'maxBin',
  min_data_in_leaf: 'minDataInLeaf',
  min_sum_hessian_in_leaf: 'minSumHessianInLeaf',
  lambda_l1: 'lambdaL1',
  lambda_l2: 'lambdaL2',
  min_gain_to_split: 'minGainToSplit',
  feature_fraction: 'featureFraction',
  bagging_fraction: 'baggingFraction',
  early_stopping_round: 'earlyStoppingRounds',
  validation_fraction: 'validationFraction',
  alpha: 'huberDelta',
  objective: 'objective',
  bootstrap: 'bootstrap',
  num_threads: 'numThreads',
  use_quantized_grad: 'useQuantizedGrad',
  class_weight: 'classWeight',
};

const LINEAR_NAMES: Record<string, keyof (LinearParams & LinearPreprocessParams) | null> = {
  learning_rate: 'learningRate',
  num_iterations: 'epochs',
  batch_size: 'batchSize',
  lambda_l2: 'l2',
  num_threads: null,
  imputation: 'imputation',
  fill_value: 'fillValue',
  missing_indicators: 'missingIndicators',
  encoding: 'encoding',
  rare_min_count: 'rareMinCount',
  target_smoothing: 'targetSmoothing',
  scaling: 'scaling',
  clip_quantile: 'clipQuantile',
};

/** Linear params whose values are words, with the words they take. */
const LINEAR_WORDS: Partial<Record<keyof LinearPreprocessParams, readonly string[]>> = {
  imputation: IMPUTATION_STRATEGIES,
  encoding: CATEGORICAL_ENCODINGS,
  scaling: SCALINGS,
};

const MLP_NAMES: Record<string, keyof MlpParams | null> = {
  hidden_layers: 'hiddenLayers',
  activation: 'activation',
  learning_rate: 'learningRate',
  batch_size: 'batchSize',
  num_iterations: 'epochs',
  epochs: 'epochs',
  lambda_l2: 'l2',
  validation_fraction: 'validationFraction',
  early_stopping_round: 'earlyStoppingRounds',
  num_threads: null,
};

/** MLP params from name → text pairs ("hidden_layers=64,32", "activation=tanh"); throws on an unknown name or bad value. */
export function mlpParams(given: Record<string, string>): MlpParams {
  const params: MlpParams = { ...DEFAULT_MLP_PARAMS };
  for (const [name, text] of Object.entries(given)) {
    if (!(name in MLP_NAMES)) throw new Error(`Unknown parameter "${name}" for mlp; known: ${Object.keys(MLP_NAMES).join(', ')}.`);
    const key = MLP_NAMES[name];
    if (key === 'hiddenLayers') params.hiddenLayers = text.trim();
    else if (key === 'activation') params.activation = text.trim() as MlpParams['activation'];
    else if (key) params[key] = Number(parseValue(name, text));
  }
  validateMlpParams(params);
  return params;
}

function parseValue(name: string, text: string): number | string | boolean {
  if (name === 'objective') return text === 'regression' || text === 'regression_l2' ? 'l2' : text;
  if (name === 'class_weight') return text.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new Error(`Parameter ${name} needs a number, got "${text}".`);
  return v;
}

/** Params of `family` from LightGBM-style name → text pairs; throws on an unknown name or bad value. */
export function familyParams(family: Exclude<CliFamily, 'mlp'>, given: Record<string, string>): { family: 'linear'; params: LinearParams & LinearPreprocessParams } | TreeSpec {
  if (family === 'linear') {
    const params: LinearParams & LinearPreprocessParams = { ...DEFAULT_LINEAR_PARAMS };
    const set = params as unknown as Record<string, unknown>;
    for (const [name, text] of Object.entries(given)) {
      if (!(name in LINEAR_NAMES)) throw new Error(`Unknown parameter "${name}" for linear; known: ${Object.keys(LINEAR_NAMES).join(', ')}.`);
      const key = LINEAR_NAMES[name];
      if (!key) continue;
      const words = LINEAR_WORDS[key as keyof LinearPreprocessParams];
      if (words) {
        if (!words.includes(text.trim())) throw new Error(`Parameter ${name} takes one of ${words.join(', ')}; got "${text}".`);
        set[key] = text.trim();
      } else {
        const value = parseValue(name, text);
        set[key] = key === 'missingIndicators' ? value === true || value === 1 : Number(value);
      }
    }
    return { family, params };
  }
  const spec = defaultTreeSpec(family);
  const params: Record<string, unknown> = { ...spec.params };
  for (const [name, text] of Object.entries(given)) {
    const key = TREE_NAMES[name];
    if (!key || !(key in params)) {
      const known = Object.entries(TREE_NAMES).filter(([, k]) => k in params).map(([n]) => n);
      throw new Error(`Unknown parameter "${name}" for ${family}; known: ${known.join(', ')}.`);
    }
    params[key] = parseValue(name, text);
  }
  return { family, params } as unknown as TreeSpec;
}

/**
 * Builds and checks `family`'s params from name → text pairs without fitting: throws on an
 * unknown name or a bad value (trees: their full validation; linear and mlp: names and words).
 */
export function checkFamilyParams(family: CliFamily, given: Record<string, string>): void {
  if (family === 'mlp') {
    mlpParams(given);
    return;
  }
  const spec = familyParams(family, given);
  if (spec.family === 'gbdt') validateGbdtParams(spec.params);
  else if (spec.family === 'random-forest' || spec.family === 'extra-trees') validateForestParams(spec.params);
}

/** Fits `family` with LightGBM-style params. */
export async function fitFamily(
  family: CliFamily,
  given: Record<string, string>,
  features: Frame,
  y: Float64Array,
  task: TaskKind,
  classes: string[] | null,
  options: FitOptions,
): Promise<FittedPipeline> {
  if (family === 'mlp') return fitMlpPipeline(features, y, task, classes, mlpParams(given), options);
  const spec = familyParams(family, given);
  if (spec.family === 'linear') return fitLinearPipeline(features, y, task, classes, spec.params, options);
  return fitTreePipeline(features, y, task, classes, spec, options);
}

export type { PipelineFamily };
