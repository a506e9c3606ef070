/**
 * Hyperparameters of the tree families, with defaults and validation. Names are LightGBM's in
 * camelCase (see param-names.ts for the snake_case spelling the CLI takes).
 */
import { CLASS_WEIGHTINGS, type ClassWeighting } from '../class-weights';

export interface GbdtParams {
  numIterations: number;
  numLeaves: number;
  /** ≤ 0: unlimited. */
  maxDepth: number;
  learningRate: number;
  maxBin: number;
  minDataInLeaf: number;
  minSumHessianInLeaf: number;
  lambdaL1: number;
  lambdaL2: number;
  minGainToSplit: number;
  /** Share of features each tree may use. */
  featureFraction: number;
  /** Share of rows each iteration trains on (sampled without replacement). */
  baggingFraction: number;
  /** Regression loss. */
  objective: 'l2' | 'huber';
  huberDelta: number;
  /** Stop after this many rounds without validation improvement; 0 = off. */
  earlyStoppingRounds: number;
  /** Share of training rows held out for early stopping (when on). */
  validationFraction: number;
  /** Threads building histograms: the fit's own plus num_threads − 1 helpers (≥ 20k training rows). */
  numThreads: number;
  /**
   * Choose splits on stochastically rounded gradients packed one number per row (quantize.ts;
   * LightGBM's use_quantized_grad): about twice as fast histograms; leaf values stay exact.
   */
  useQuantizedGrad: boolean;
  /**
   * Class weights of a classification fit: 'balanced' weighs class c by n / (K · n_c) (every
   * class counts as much in total), 'sqrt-balanced' by the square root of that (halfway);
   * gradients and hessians of a row are multiplied by its class's weight. Ignored in regression.
   */
  classWeight: ClassWeighting;
}

export interface ForestParams {
  numIterations: number;
  numLeaves: number;
  maxDepth: number;
  maxBin: number;
  minDataInLeaf: number;
  /** Share of features tried per split; 0 = auto (√F/F for classification, 1 for regression). */
  featureFraction: number;
  /** Rows per tree as a share of the training rows (drawn with replacement when bootstrapping). */
  baggingFraction: number;
  /** Draw rows with replacement (random forest) or use them all (extra trees default). */
  bootstrap: boolean;
  numThreads: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  numIterations: 100,
  numLeaves: 31,
  maxDepth: -1,
  learningRate: 0.1,
  maxBin: 255,
  minDataInLeaf: 20,
  minSumHessianInLeaf: 1e-3,
  lambdaL1: 0,
  lambdaL2: 0,
  minGainToSplit: 0,
  featureFraction: 1,
  baggingFraction: 1,
  objective: 'l2',
  huberDelta: 1,
  earlyStoppingRounds: 0,
  validationFraction: 0.1,
  numThreads: 2,
  useQuantizedGrad: true,
  classWeight: 'none',
};

export const DEFAULT_RANDOM_FOREST_PARAMS: ForestParams = {
  numIterations: 100,
  numLeaves: 1024,
  maxDepth: -1,
  maxBin: 255,
  minDataInLeaf: 2,
  featureFraction: 0,
  baggingFraction: 1,
  bootstrap: true,
  numThreads: 2,
};

export const DEFAULT_EXTRA_TREES_PARAMS: ForestParams = { ...DEFAULT_RANDOM_FOREST_PARAMS, bootstrap: false };

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(`Invalid parameter: ${message}`);
}

const isInt = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;
const inUnit = (v: number): boolean => Number.isFinite(v) && v > 0 && v <= 1;

export function validateGbdtParams(p: GbdtParams): void {
  check(isInt(p.numIterations, 1), `num_iterations must be a whole number ≥ 1, got ${p.numIterations}`);
  check(isInt(p.numLeaves, 2) && p.numLeaves <= 131072, `num_leaves must be a whole number in 2..131072, got ${p.numLeaves}`);
  check(Number.isInteger(p.maxDepth), `max_depth must be a whole number (≤ 0 for no limit), got ${p.maxDepth}`);
  check(Number.isFinite(p.learningRate) && p.learningRate > 0, `learning_rate must be > 0, got ${p.learningRate}`);
  check(isInt(p.maxBin, 2) && p.maxBin <= 255, `max_bin must be a whole number in 2..255, got ${p.maxBin}`);
  check(isInt(p.minDataInLeaf, 1), `min_data_in_leaf must be a whole number ≥ 1, got ${p.minDataInLeaf}`);
  check(Number.isFinite(p.minSumHessianInLeaf) && p.minSumHessianInLeaf >= 0, `min_sum_hessian_in_leaf must be ≥ 0`);
  check(Number.isFinite(p.lambdaL1) && p.lambdaL1 >= 0, `lambda_l1 must be ≥ 0, got ${p.lambdaL1}`);
  check(Number.isFinite(p.lambdaL2) && p.lambdaL2 >= 0, `lambda_l2 must be ≥ 0, got ${p.lambdaL2}`);
  check(Number.isFinite(p.minGainToSplit) && p.minGainToSplit >= 0, `min_gain_to_split must be ≥ 0`);
  check(inUnit(p.featureFraction), `feature_fraction must be in (0, 1], got ${p.featureFraction}`);
  check(inUnit(p.baggingFraction), `bagging_fraction must be in (0, 1], got ${p.baggingFraction}`);
  check(p.objective === 'l2' || p.objective === 'huber', `objective must be l2 or huber (regression), got ${String(p.objective)}`);
  check(Number.isFinite(p.huberDelta) && p.huberDelta > 0, `huber_delta (alpha) must be > 0`);
  check(isInt(p.earlyStoppingRounds, 0), `early_stopping_round must be a whole number ≥ 0`);
  check(Number.isFinite(p.validationFraction) && p.validationFraction > 0 && p.validationFraction < 1, `validation_fraction must be in (0, 1)`);
  check(isInt(p.numThreads, 1), `num_threads must be a whole number ≥ 1`);
  check(typeof p.useQuantizedGrad === 'boolean', `use_quantized_grad must be true or false`);
  check(CLASS_WEIGHTINGS.includes(p.classWeight), `class_weight must be one of ${CLASS_WEIGHTINGS.join(', ')}, got ${String(p.classWeight)}`);
}

export function validateForestParams(p: ForestParams): void {
  check(isInt(p.numIterations, 1), `num_iterations must be a whole number ≥ 1, got ${p.numIterations}`);
  check(isInt(p.numLeaves, 2) && p.numLeaves <= 131072, `num_leaves must be a whole number in 2..131072, got ${p.numLeaves}`);
  check(Number.isInteger(p.maxDepth), `max_depth must be a whole number (≤ 0 for no limit)`);
  check(isInt(p.maxBin, 2) && p.maxBin <= 255, `max_bin must be a whole number in 2..255, got ${p.maxBin}`);
  check(isInt(p.minDataInLeaf, 1), `min_data_in_leaf must be a whole number ≥ 1`);
  check(p.featureFraction === 0 || inUnit(p.featureFraction), `feature_fraction must be 0 (auto) or in (0, 1]`);
  check(inUnit(p.baggingFraction), `bagging_fraction must be in (0, 1]`);
  check(isInt(p.numThreads, 1), `num_threads must be a whole number ≥ 1`);
}
