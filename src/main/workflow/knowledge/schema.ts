/**
 * The shape of the search agent's knowledge base (`resources/knowledge/*.json`), checked with zod
 * when it is loaded. Three files:
 *
 * - `families.json`: per model family a summary and the hyperparameter space the refinement searches;
 * - `portfolio.json`: the default portfolio, an ordered list of starting configurations (params
 *   are overrides of the family's code defaults; a value may scale with the row count);
 * - `rules.json`: rules keyed on meta-features (`when`), each with the reason it exists
 *   (`because`) and actions that remove, add, adjust or move candidates.
 */
import { z } from 'zod';
import { TARGET_TRANSFORMS } from '../../ml/target-transform';

export const FAMILY_NAMES = ['gbdt', 'linear', 'mlp', 'random-forest', 'extra-trees'] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

const family = z.enum(FAMILY_NAMES);

const paramSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('float'), low: z.number(), high: z.number(), log: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('int'), low: z.number().int(), high: z.number().int(), log: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('categorical'), choices: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1) }).strict(),
]);

export const familiesFile = z
  .object({
    version: z.literal(1),
    families: z.record(family, z.object({ summary: z.string().min(1), searchSpace: z.record(z.string(), paramSpec) }).strict()),
  })
  .strict();

/** A parameter value, or one that scales with the data: round(perRows / rows), clamped to [min, max]. */
export const paramValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.object({ perRows: z.number().positive(), min: z.number(), max: z.number() }).strict(),
]);
export type ParamValueSpec = z.infer<typeof paramValue>;

const params = z.record(z.string(), paramValue);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

export const portfolioEntry = z
  .object({
    id,
    family,
    params,
    /** Regression: fit on log(1 + y) or √y (ml/target-transform.ts). */
    targetTransform: z.enum(TARGET_TRANSFORMS).optional(),
    reason: z.string().min(1),
  })
  .strict();
export type PortfolioEntry = z.infer<typeof portfolioEntry>;

export const portfolioFile = z.object({ version: z.literal(1), candidates: z.array(portfolioEntry).min(1) }).strict();

/** The meta-features a rule may test (see meta-features.ts). */
export const NUMERIC_META_FEATURES = [
  'rows',
  'features',
  'numeric',
  'categorical',
  'categoricalShare',
  'categoricalLevels',
  'maxCategoricalLevels',
  'highCardinalityColumns',
  'missingShare',
  'imbalance',
  'classes',
  'targetSkewness',
] as const;
export type NumericMetaFeature = (typeof NUMERIC_META_FEATURES)[number];

const comparison = z
  .object({ gt: z.number().optional(), gte: z.number().optional(), lt: z.number().optional(), lte: z.number().optional() })
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'needs at least one of gt, gte, lt, lte');
export type Comparison = z.infer<typeof comparison>;

const when = z
  .object({
    ...Object.fromEntries(NUMERIC_META_FEATURES.map((name) => [name, comparison.optional()])),
    task: z.array(z.enum(['binary', 'multiclass', 'regression'])).min(1).optional(),
  } as Record<NumericMetaFeature, z.ZodOptional<typeof comparison>> & { task: z.ZodOptional<z.ZodArray<z.ZodEnum<{ binary: 'binary'; multiclass: 'multiclass'; regression: 'regression' }>>> })
  .strict();
export type Condition = z.infer<typeof when>;

/** A candidate is named by its portfolio id, or by its family (every candidate of that family); an id wins where the two coincide. */
const target = z.string().min(1);

export const ruleAction = z.union([
  z.object({ remove: z.array(target).min(1) }).strict(),
  z.object({ add: portfolioEntry, position: z.number().int().positive().optional() }).strict(),
  z.object({ set: target, params, reason: z.string().min(1).optional() }).strict(),
  z.object({ moveTo: target, position: z.number().int().positive() }).strict(),
]);
export type RuleAction = z.infer<typeof ruleAction>;

export const rule = z.object({ id, when, because: z.string().min(1), actions: z.array(ruleAction) }).strict();
export type Rule = z.infer<typeof rule>;

export const rulesFile = z.object({ version: z.literal(1), rules: z.array(rule) }).strict();
