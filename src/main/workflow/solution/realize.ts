/**
 * A solution made real: the candidate (model family, parameters, columns left out) that
 * fit-candidate.ts fits and cross-validates and that validation exports as one ONNX graph — and
 * the way back, from the foundation's best candidate to a solution.
 *
 * Only blocks that work end to end (fit, predict, export, parity) are realized; the others stay
 * in the catalog but are marked unavailable for the run, with the reason the report shows, so the
 * refinement never searches (or claims) what the pipeline cannot do:
 * - modelFamily and hyperparameters: every family the search offered; "defaults" is the family's
 *   starting configuration from the search (its best foundation candidate), "tuned" swaps in a
 *   point of the family's TPE space (search-spaces.ts).
 * - imputation and encoding: linear pipelines (LinearPreprocessParams, exported to ONNX). Trees
 *   route missing values and split categories natively, and the MLP's preprocessing is fixed,
 *   so for them these blocks are inactive.
 * - featureSelection 'importance': the columns with no importance and, past `keepShare`, the
 *   least important ones are left out of the pipeline (Candidate.dropColumns), which then neither
 *   takes nor exports them. The ranking comes from one fit of the incumbent on the training rows,
 *   so the cross-validated score of a selection is slightly optimistic (the ranking saw every
 *   fold); 'variance' and 'mutual-information' are not built.
 * - classWeighting: gradient boosting ('balanced' or 'sqrt-balanced' class weights on the
 *   gradients, GbdtParams.classWeight); the other families take no weights yet.
 * - cleaning: 'drop-duplicates' for every family (duplicate training rows count once, ml/dedupe.ts);
 *   'clip-outliers' and the scaling block (standard, robust, min-max) for linear pipelines (in
 *   their design and ONNX graph): trees split on ranks, for which neither changes anything, and
 *   the MLP's preprocessing is fixed.
 * - featureEngineering: products (interactions) and ratios of the most important numeric columns
 *   (ml/features/derived.ts), for every family; the pipeline computes them itself, in the app
 *   and in its graph. Datetime parts and free-text statistics (characters, words, digits:
 *   ml/text-stats.ts) are derived for every model when the run starts, and target encoding is the
 *   encoding block's 'target' alternative.
 */
import type { RefinementBlockStatus, TaskKind } from '../../../shared/domain';
import { DEFAULT_LINEAR_PARAMS, PREPROCESS_KEYS, type LinearParams, type LinearPreprocessParams } from '../../ml/models/linear';
import { DEFAULT_MLP_PARAMS } from '../../ml/models/mlp';
import { categoricalParam, floatParam, type SearchSpace } from '../../ml/search/space';
import { defaultTreeSpec } from '../../ml/trees/tree-pipeline';
import type { Candidate } from '../run-state';
import { applyPoint, SEARCH_SPACES } from '../search-spaces';
import { MAX_BASE_COLUMNS, planDerived, type DerivedFeature } from '../../ml/features/derived';
import { BLOCK_NAMES, BLOCKS, FEATURE_STEPS, type BlockName, type BlockValue } from './blocks';
import { createSolution, describeValue, type Solution } from './solution';

export type Family = Candidate['model'];

/** What the run knows that a solution does not. */
export interface RealizeContext {
  task: TaskKind;
  /** Families the search offered, in its order. */
  families: readonly Family[];
  /** Each family's starting configuration ("defaults"); a family without one starts from the library defaults. */
  base: Partial<Record<Family, Candidate>>;
  /** The training frame's columns (feature selection chooses among them). */
  columns: readonly string[];
  /** Its numeric columns (feature engineering derives from them). */
  numericColumns: readonly string[];
  hasMissingNumeric: boolean;
  hasCategorical: boolean;
  /** Regression: every training target is a number ≥ 0 (a target transform is possible). */
  nonNegativeTarget?: boolean;
  /** Per column, the incumbent's importance (from one fit on the training rows); needed by feature selection. */
  importance?: readonly { feature: string; importance: number }[];
  /** Model-free column scores on the training rows (ml/features/column-scores.ts): feature selection by mutual information or variance. */
  columnScores?: { mutualInformation: readonly { feature: string; score: number }[]; nearConstant: readonly string[] };
}


const LINEAR_ONLY = 'linear';

/** Is `block` searchable for this solution, and if not, why. */
export function blockStatus(block: BlockName, solution: Solution, rctx: RealizeContext): RefinementBlockStatus {
  const family = solution.blocks.modelFamily.choice as Family;
  const status = (s: RefinementBlockStatus['status'], reason: string): RefinementBlockStatus => ({ block, status: s, reason });
  if (!BLOCKS[block].appliesTo(rctx.task)) return status('inactive', `does not apply to ${rctx.task} tasks`);
  switch (block) {
    case 'imputation':
      if (family !== LINEAR_ONLY) return status('inactive', family === 'mlp' ? 'the MLP pipeline always imputes the mean' : 'trees route missing values natively');
      return rctx.hasMissingNumeric ? status('active', 'mean, median, most frequent or constant, with or without missing indicators') : status('inactive', 'no numeric column has missing values in the training rows');
    case 'encoding':
      if (family !== LINEAR_ONLY) return status('inactive', family === 'mlp' ? 'the MLP pipeline always one-hot encodes' : 'trees split on categories natively');
      return rctx.hasCategorical ? status('active', 'ordinal, one-hot (with a cap), out-of-fold target or frequency encoding') : status('inactive', 'no categorical column');
    case 'featureEngineering':
      return rctx.numericColumns.length >= 2
        ? status('active', `products and ratios of the ${MAX_BASE_COLUMNS} most important numeric columns (datetime parts and free-text statistics are always derived from their columns; target encoding is an encoding)`)
        : status('inactive', 'fewer than 2 numeric columns');
    case 'cleaning':
      if (family !== LINEAR_ONLY) return status('active', 'drop duplicate training rows (clipping outliers is for linear models: trees split on ranks, the MLP does not clip)');
      return status('active', 'drop duplicate training rows, or clip numeric outliers to training quantiles');
    case 'scaling':
      if (family !== LINEAR_ONLY) return status('inactive', family === 'mlp' ? 'the MLP pipeline always standardizes' : 'trees ignore the scale of a column');
      return status('active', "standard, robust (median, IQR) or min-max scaling ('none' keeps the standard scaler: a linear model always scales)");
    case 'classWeighting':
      if (family !== 'gbdt') return status('inactive', 'only gradient boosting takes class weights yet');
      return status('active', 'none, balanced or square-root balanced class weights on the boosting gradients');
    case 'targetTransform':
      return rctx.nonNegativeTarget
        ? status('active', 'none, log(1 + y) or √y: fitted on the transformed target, predicted through the inverse')
        : status('inactive', 'some targets are negative: log(1 + y) and √y need every target ≥ 0');
    case 'featureSelection':
      return rctx.columns.length >= 3
        ? status('active', 'leave out the least important columns (importance from one fit of the incumbent), the least informative about the target (mutual information), or the nearly constant ones (variance)')
        : status('inactive', 'fewer than 3 columns');
    case 'modelFamily':
      return rctx.families.length >= 2 ? status('active', `families offered by the search: ${rctx.families.join(', ')}`) : status('inactive', 'the search offered a single family');
    case 'hyperparameters':
      return Object.keys(SEARCH_SPACES[family] ?? {}).length > 0 ? status('active', `TPE space of ${family}`) : status('inactive', `no search space for ${family}`);
    default:
      return status('unavailable', 'not realized');
  }
}

/** Every block's status for this solution, in pipeline order. */
export function blockStatuses(solution: Solution, rctx: RealizeContext): RefinementBlockStatus[] {
  return BLOCK_NAMES.map((b) => blockStatus(b, solution, rctx));
}

/** The blocks the refinement may ablate and search for this solution. */
export function activeBlocks(solution: Solution, rctx: RealizeContext): BlockName[] {
  return BLOCK_NAMES.filter((b) => blockStatus(b, solution, rctx).status === 'active');
}

/** The search space of an active block, restricted to the alternatives that are realized. */
export function activeSpace(block: BlockName, solution: Solution, rctx: RealizeContext): SearchSpace {
  switch (block) {
    case 'encoding': {
      const full = BLOCKS.encoding.space({ task: rctx.task }, solution.blocks.modelFamily.choice);
      return { ...full, choice: categoricalParam(['ordinal', 'one-hot', 'target', 'frequency']) };
    }
    case 'featureSelection':
      return { choice: categoricalParam(rctx.columnScores ? ['none', 'importance', 'mutual-information', 'variance'] : ['none', 'importance']), keepShare: floatParam(0.2, 1) };
    case 'featureEngineering':
      return { interactions: categoricalParam([false, true]), ratios: categoricalParam([false, true]) };
    case 'cleaning':
      return solution.blocks.modelFamily.choice === LINEAR_ONLY
        ? { choice: categoricalParam(['none', 'drop-duplicates', 'clip-outliers']), clipQuantile: floatParam(0.001, 0.05, { log: true }) }
        : { choice: categoricalParam(['none', 'drop-duplicates']) };
    case 'scaling':
      return { choice: categoricalParam(['standard', 'robust', 'min-max']) };
    case 'modelFamily':
      return { choice: categoricalParam(rctx.families) };
    case 'hyperparameters':
      return SEARCH_SPACES[solution.blocks.modelFamily.choice as Family] ?? {};
    default:
      return BLOCKS[block].space({ task: rctx.task }, solution.blocks.modelFamily.choice);
  }
}

/** The number of points of a space when it is finite (categorical parameters only), else Infinity. */
export function spaceSize(space: SearchSpace): number {
  let n = 1;
  for (const spec of Object.values(space)) {
    if (spec.kind !== 'categorical') return Number.POSITIVE_INFINITY;
    n *= spec.choices.length;
  }
  return n;
}

function defaultCandidate(family: Family): Candidate {
  const reason = `${family} with the library defaults`;
  if (family === 'linear') return { model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS }, reason };
  // The search may skip the MLP for lack of time; the refinement can still try it, from the defaults.
  if (family === 'mlp') return { model: 'mlp', params: { ...DEFAULT_MLP_PARAMS }, reason };
  const spec = defaultTreeSpec(family);
  return spec.family === 'gbdt' ? { model: 'gbdt', params: spec.params, reason } : { model: spec.family, params: spec.params, reason };
}

const DEFAULT_MAX_CATEGORIES = 50;
const DEFAULT_TARGET_SMOOTHING = 10;
const DEFAULT_CLIP_QUANTILE = 0.01;

/** The linear preprocessing a solution's imputation and encoding blocks set (pipeline defaults left out). */
function linearPreprocess(solution: Solution): LinearPreprocessParams {
  const out: LinearPreprocessParams = {};
  const imp = solution.blocks.imputation;
  if (imp.choice !== 'mean') out.imputation = imp.choice as LinearPreprocessParams['imputation'];
  if (imp.params.addIndicator === true) out.missingIndicators = true;
  const enc = solution.blocks.encoding;
  if (enc.choice === 'one-hot') {
    const cap = enc.params.maxCategories;
    if (typeof cap === 'number' && cap !== DEFAULT_MAX_CATEGORIES) out.maxCategories = cap;
  } else if (enc.choice === 'ordinal' || enc.choice === 'target' || enc.choice === 'frequency') {
    out.encoding = enc.choice;
    if (enc.choice === 'target' && typeof enc.params.smoothing === 'number' && enc.params.smoothing !== DEFAULT_TARGET_SMOOTHING) out.targetSmoothing = enc.params.smoothing;
  } else {
    throw new Error(`The encoding "${enc.choice}" is not built.`);
  }
  const scaling = solution.blocks.scaling.choice;
  if (scaling === 'robust' || scaling === 'min-max') out.scaling = scaling;
  const cleaning = solution.blocks.cleaning;
  if (cleaning.choice === 'clip-outliers') out.clipQuantile = typeof cleaning.params.clipQuantile === 'number' ? cleaning.params.clipQuantile : DEFAULT_CLIP_QUANTILE;
  return out;
}

/** The columns feature selection leaves out. */
export function selectedDrops(solution: Solution, rctx: RealizeContext): string[] {
  const fs = solution.blocks.featureSelection;
  const keepShare = typeof fs.params.keepShare === 'number' ? fs.params.keepShare : 1;
  switch (fs.choice) {
    case 'none':
      return [];
    case 'importance':
      if (!rctx.importance) throw new Error("Feature selection by importance needs the incumbent's feature importance.");
      return dropByScore(rctx, rctx.importance.map((e) => ({ feature: e.feature, score: e.importance })), keepShare);
    case 'mutual-information':
      if (!rctx.columnScores) throw new Error('Feature selection by mutual information needs the column scores.');
      // By rank only: a bias-corrected estimate at 0 is no proof a column is useless (it may matter in an interaction).
      return dropByScore(rctx, rctx.columnScores.mutualInformation, keepShare, false);
    case 'variance': {
      if (!rctx.columnScores) throw new Error('Feature selection by variance needs the column scores.');
      const constant = new Set(rctx.columnScores.nearConstant);
      // Never leave the model without a column.
      const drops = rctx.columns.filter((c) => constant.has(c));
      return drops.length < rctx.columns.length ? drops : drops.slice(1);
    }
    default:
      throw new Error(`The feature selection "${fs.choice}" is not built.`);
  }
}

/** The columns outside the top `keepShare` by score, and (`dropZero`) those scoring 0; never all of them. */
function dropByScore(rctx: RealizeContext, scores: readonly { feature: string; score: number }[], keepShare: number, dropZero = true): string[] {
  const known = new Map(scores.map((e) => [e.feature, e.score]));
  const ranked = rctx.columns.map((name, i) => ({ name, i, score: known.get(name) ?? 0 })).sort((a, b) => b.score - a.score || a.i - b.i);
  const keep = Math.max(1, Math.ceil(keepShare * ranked.length));
  const dropped = ranked.filter((r, rank) => rank >= keep || (dropZero && r.score <= 0));
  const out = ranked.length - dropped.length > 0 ? dropped : dropped.slice(1);
  return out.map((r) => r.name).sort((a, b) => rctx.columns.indexOf(a) - rctx.columns.indexOf(b));
}

/** The derived features of the feature-engineering block, from the numeric columns left in, most important first. */
export function derivedFeatures(solution: Solution, rctx: RealizeContext, drops: readonly string[]): DerivedFeature[] {
  const fe = solution.blocks.featureEngineering;
  if (fe.choice === 'none') return [];
  const steps = { interactions: fe.params.interactions === true, ratios: fe.params.ratios === true };
  const importance = new Map((rctx.importance ?? []).map((e) => [e.feature, e.importance]));
  const ranked = rctx.numericColumns
    .filter((c) => !drops.includes(c))
    .map((name, i) => ({ name, i, importance: importance.get(name) ?? 0 }))
    .sort((a, b) => b.importance - a.importance || a.i - b.i)
    .map((c) => c.name);
  return planDerived(ranked, steps, rctx.columns);
}

/** The candidate a solution stands for. Parameters come in a fixed order, so equal solutions give equal keys. */
export function realize(solution: Solution, rctx: RealizeContext): Candidate {
  const family = solution.blocks.modelFamily.choice as Family;
  const base = rctx.base[family] ?? defaultCandidate(family);
  const hp = solution.blocks.hyperparameters;
  let candidate: Candidate = hp.choice === 'tuned' ? applyPoint(base, hp.params, '') : { ...base, params: { ...base.params } as never };
  if (candidate.model === 'linear') {
    const params: Record<string, unknown> = { ...candidate.params };
    for (const k of PREPROCESS_KEYS) delete params[k];
    candidate = { ...candidate, model: 'linear', params: { ...(params as unknown as LinearParams), ...linearPreprocess(solution) } };
  }
  const weighting = solution.blocks.classWeighting.choice;
  if (candidate.model === 'gbdt' && rctx.task !== 'regression') candidate = { ...candidate, model: 'gbdt', params: { ...candidate.params, classWeight: weighting === 'balanced' || weighting === 'sqrt-balanced' ? weighting : 'none' } };
  const drops = selectedDrops(solution, rctx);
  const out: Candidate = { ...candidate, reason: `refinement: ${describeSolution(solution, rctx)}` };
  delete out.dropColumns;
  delete out.derived;
  delete out.dropDuplicates;
  delete out.targetTransform;
  if (solution.blocks.cleaning.choice === 'drop-duplicates') out.dropDuplicates = true;
  const transform = solution.blocks.targetTransform.choice;
  if (rctx.task === 'regression' && rctx.nonNegativeTarget && (transform === 'log1p' || transform === 'sqrt')) out.targetTransform = transform;
  if (drops.length > 0) out.dropColumns = drops;
  const derived = derivedFeatures(solution, rctx, drops);
  if (derived.length > 0) out.derived = derived;
  return out;
}

/** The active blocks of a solution, for reasons and logs: "gbdt; hyperparameters: tuned (…); featureSelection: importance (keepShare 0.6)". */
export function describeSolution(solution: Solution, rctx: RealizeContext): string {
  const parts = [solution.blocks.modelFamily.choice];
  for (const b of activeBlocks(solution, rctx)) {
    if (b === 'modelFamily') continue;
    const v = solution.blocks[b];
    if (b === 'hyperparameters' && v.choice === 'defaults') continue;
    // An optional step left out says nothing.
    if (BLOCKS[b].removable && v.choice === 'none') continue;
    parts.push(`${b}: ${describeValue(v)}`);
  }
  return parts.join('; ');
}

/**
 * The solution a candidate stands for, with `hyperparameters: defaults` (the candidate is taken as
 * its family's starting configuration). Linear preprocessing comes from its parameters; for other
 * families imputation and encoding sit at the linear pipeline's defaults (mean, one-hot), so that
 * switching the family to linear gives the default linear pipeline.
 */
export function solutionFromCandidate(candidate: Candidate, task: TaskKind): Solution {
  const p: LinearPreprocessParams = candidate.model === 'linear' ? candidate.params : {};
  const imputation: BlockValue = { choice: p.imputation ?? 'mean', params: { addIndicator: p.missingIndicators === true } };
  const encodingChoice = p.encoding ?? 'one-hot';
  const encoding: BlockValue =
    encodingChoice === 'one-hot'
      ? { choice: 'one-hot', params: { maxCategories: p.maxCategories ?? DEFAULT_MAX_CATEGORIES } }
      : encodingChoice === 'target'
        ? { choice: 'target', params: { smoothing: p.targetSmoothing ?? DEFAULT_TARGET_SMOOTHING } }
        : { choice: encodingChoice, params: {} };
  const weighting = candidate.model === 'gbdt' && task !== 'regression' ? (candidate.params.classWeight ?? 'none') : 'none';
  const classWeighting: BlockValue = { choice: weighting, params: {} };
  const scaling: BlockValue = { choice: p.scaling ?? 'none', params: {} };
  const cleaning: BlockValue =
    p.clipQuantile !== undefined ? { choice: 'clip-outliers', params: { clipQuantile: p.clipQuantile } } : candidate.dropDuplicates ? { choice: 'drop-duplicates', params: {} } : { choice: 'none', params: {} };
  const ops = new Set((candidate.derived ?? []).map((d) => d.op));
  const featureEngineering: BlockValue =
    ops.size > 0 ? { choice: 'steps', params: Object.fromEntries(FEATURE_STEPS.map((s) => [s, (s === 'interactions' && ops.has('product')) || (s === 'ratios' && ops.has('ratio'))])) } : { choice: 'none', params: {} };
  const targetTransform: BlockValue = { choice: task === 'regression' && candidate.targetTransform ? candidate.targetTransform : 'none', params: {} };
  return createSolution(task, { cleaning, imputation, encoding, scaling, featureEngineering, classWeighting, targetTransform, modelFamily: { choice: candidate.model, params: {} } });
}
