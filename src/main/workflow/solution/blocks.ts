/**
 * The blocks a solution is made of, and for each its small space of alternatives: MLE-STAR's code
 * blocks turned into data, so that an agent can switch, ablate and search one block at a time and
 * every step is explainable and reproducible.
 *
 * Each block has a `plainest` value — what the ablation study switches it to. For a block that is
 * an optional step (cleaning, scaling, feature engineering, feature selection, class weighting,
 * target transform)
 * the plainest value is "none", i.e. the block removed; for a block every pipeline needs
 * (imputation, encoding, model family, hyperparameters) it is the simplest working alternative.
 */
import type { TaskKind } from '../../../shared/domain';
import { categoricalParam, floatParam, intParam, type ParamValue, type Params, type SearchSpace } from '../../ml/search/space';

export const BLOCK_NAMES = ['cleaning', 'imputation', 'encoding', 'scaling', 'featureEngineering', 'featureSelection', 'classWeighting', 'targetTransform', 'modelFamily', 'hyperparameters'] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

/** A block's setting: one of its alternatives, with that alternative's parameters. */
export interface BlockValue {
  readonly choice: string;
  readonly params: Params;
}

/** The feature-engineering steps, each a boolean parameter of the `steps` choice. */
export const FEATURE_STEPS = ['interactions', 'ratios', 'datetimeParts', 'textStats', 'targetEncoding'] as const;

/** What the caller knows that the catalog does not: the families on offer and their hyperparameter spaces. */
export interface BlockContext {
  task: TaskKind;
  /** Model families the search may switch between (default: the catalog's list). */
  families?: readonly string[];
  /** Hyperparameter space of a family (from the knowledge base); absent → only "defaults" is possible. */
  hyperparameterSpace?: (family: string) => SearchSpace;
}

export interface BlockSpec {
  readonly description: string;
  /** The choices this block can take (for modelFamily, the default family list). */
  readonly alternatives: readonly string[];
  /** What the ablation switches the block to. */
  readonly plainest: BlockValue;
  /** True when the plainest value means the block is removed. */
  readonly removable: boolean;
  /** False when the block means nothing for the task (class weighting in regression). */
  appliesTo(task: TaskKind): boolean;
  /** The search space of this block's alternatives, for the refinement's inner loop. */
  space(ctx: BlockContext, solutionFamily: string): SearchSpace;
  /** A block value from a point of {@link space} (dropping parameters the choice does not use). */
  fromParams(params: Params): BlockValue;
}

const none: BlockValue = Object.freeze({ choice: 'none', params: Object.freeze({}) });
const always = (): boolean => true;
const value = (choice: string, params: Record<string, ParamValue> = {}): BlockValue => ({ choice, params });
const pickParams = (params: Params, names: readonly string[]): Record<string, ParamValue> => Object.fromEntries(names.filter((n) => params[n] !== undefined).map((n) => [n, params[n]]));

/** Default model families (the knowledge base may offer a different list through {@link BlockContext}). */
export const DEFAULT_FAMILIES = ['linear', 'gbdt', 'random-forest', 'extra-trees', 'mlp'] as const;

export const BLOCKS: Readonly<Record<BlockName, BlockSpec>> = {
  cleaning: {
    description: 'row and value cleaning before anything is fitted',
    alternatives: ['none', 'drop-duplicates', 'clip-outliers'],
    plainest: none,
    removable: true,
    appliesTo: always,
    space: () => ({ choice: categoricalParam(['none', 'drop-duplicates', 'clip-outliers']), clipQuantile: floatParam(0.001, 0.05, { log: true }) }),
    fromParams: (p) => value(String(p.choice), p.choice === 'clip-outliers' ? pickParams(p, ['clipQuantile']) : {}),
  },
  imputation: {
    description: 'how missing values are filled',
    alternatives: ['mean', 'median', 'most-frequent', 'constant'],
    plainest: value('mean', { addIndicator: false }),
    removable: false,
    appliesTo: always,
    space: () => ({ choice: categoricalParam(['mean', 'median', 'most-frequent', 'constant']), addIndicator: categoricalParam([false, true]) }),
    fromParams: (p) => value(String(p.choice), pickParams(p, ['addIndicator'])),
  },
  encoding: {
    description: 'how categorical columns become numbers',
    alternatives: ['ordinal', 'one-hot', 'target', 'frequency'],
    plainest: value('ordinal'),
    removable: false,
    appliesTo: always,
    space: () => ({ choice: categoricalParam(['ordinal', 'one-hot', 'target', 'frequency']), maxCategories: intParam(4, 256, { log: true }), smoothing: floatParam(0.1, 100, { log: true }) }),
    fromParams: (p) => value(String(p.choice), p.choice === 'one-hot' ? pickParams(p, ['maxCategories']) : p.choice === 'target' ? pickParams(p, ['smoothing']) : {}),
  },
  scaling: {
    description: 'how numeric columns are rescaled',
    alternatives: ['none', 'standard', 'robust', 'min-max'],
    plainest: none,
    removable: true,
    appliesTo: always,
    space: () => ({ choice: categoricalParam(['none', 'standard', 'robust', 'min-max']) }),
    fromParams: (p) => value(String(p.choice)),
  },
  featureEngineering: {
    description: 'derived features: interactions, ratios, datetime parts, text statistics, target encoding',
    alternatives: ['none', 'steps'],
    plainest: none,
    removable: true,
    appliesTo: always,
    space: () => Object.fromEntries(FEATURE_STEPS.map((s) => [s, categoricalParam([false, true])])),
    fromParams: (p) => {
      const on = FEATURE_STEPS.filter((s) => p[s] === true);
      return on.length === 0 ? none : value('steps', Object.fromEntries(FEATURE_STEPS.map((s) => [s, p[s] === true])));
    },
  },
  featureSelection: {
    description: 'which features the model sees',
    alternatives: ['none', 'variance', 'importance', 'mutual-information'],
    plainest: none,
    removable: true,
    appliesTo: always,
    space: () => ({ choice: categoricalParam(['none', 'variance', 'importance', 'mutual-information']), keepShare: floatParam(0.2, 1) }),
    fromParams: (p) => value(String(p.choice), p.choice === 'importance' || p.choice === 'mutual-information' ? pickParams(p, ['keepShare']) : {}),
  },
  classWeighting: {
    description: 'how classes are weighted in training',
    alternatives: ['none', 'balanced', 'sqrt-balanced'],
    plainest: none,
    removable: true,
    appliesTo: (task) => task !== 'regression',
    space: () => ({ choice: categoricalParam(['none', 'balanced', 'sqrt-balanced']) }),
    fromParams: (p) => value(String(p.choice)),
  },
  targetTransform: {
    description: 'the scale a regression model learns its target on',
    alternatives: ['none', 'log1p', 'sqrt'],
    plainest: none,
    removable: true,
    appliesTo: (task) => task === 'regression',
    space: () => ({ choice: categoricalParam(['none', 'log1p', 'sqrt']) }),
    fromParams: (p) => value(String(p.choice)),
  },
  modelFamily: {
    description: 'the learning algorithm',
    alternatives: DEFAULT_FAMILIES,
    plainest: value('linear'),
    removable: false,
    appliesTo: always,
    space: (ctx) => ({ choice: categoricalParam(ctx.families ?? DEFAULT_FAMILIES) }),
    fromParams: (p) => value(String(p.choice)),
  },
  hyperparameters: {
    description: "the model family's settings",
    alternatives: ['defaults', 'tuned'],
    plainest: value('defaults'),
    removable: false,
    appliesTo: always,
    space: (ctx, family) => ctx.hyperparameterSpace?.(family) ?? {},
    fromParams: (p) => (Object.keys(p).length === 0 ? value('defaults') : value('tuned', { ...p })),
  },
};
