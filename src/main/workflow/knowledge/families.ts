/**
 * What the code knows about each family and the knowledge base builds on: the default
 * parameters a portfolio entry overrides, the names a knowledge file may set, and the facts
 * that tie parameters together (boosting rounds follow the learning rate).
 */
import { DEFAULT_LINEAR_PARAMS } from '../../ml/models/linear';
import { DEFAULT_MLP_PARAMS } from '../../ml/models/mlp';
import { DEFAULT_EXTRA_TREES_PARAMS, DEFAULT_GBDT_PARAMS, DEFAULT_RANDOM_FOREST_PARAMS } from '../../ml/trees/params';
import type { FamilyName } from './schema';

type Defaults = Readonly<Record<string, number | string | boolean>>;

export const FAMILY_DEFAULTS: Readonly<Record<FamilyName, Defaults>> = {
  gbdt: { ...DEFAULT_GBDT_PARAMS },
  linear: { ...DEFAULT_LINEAR_PARAMS },
  mlp: { ...DEFAULT_MLP_PARAMS },
  'random-forest': { ...DEFAULT_RANDOM_FOREST_PARAMS },
  'extra-trees': { ...DEFAULT_EXTRA_TREES_PARAMS },
};

/** Parameters a family takes beyond its defaults (all optional), with their type. */
const OPTIONAL_PARAMS: Partial<Record<FamilyName, Readonly<Record<string, 'number' | 'string' | 'boolean'>>>> = {
  linear: { imputation: 'string', fillValue: 'number', missingIndicators: 'boolean', encoding: 'string', rareMinCount: 'number', targetSmoothing: 'number', maxCategories: 'number' },
};

/** The type a family's parameter takes, or null when the family has no such parameter. */
export function paramType(family: FamilyName, name: string): 'number' | 'string' | 'boolean' | null {
  const value = FAMILY_DEFAULTS[family][name];
  if (value !== undefined) return typeof value as 'number' | 'string' | 'boolean';
  return OPTIONAL_PARAMS[family]?.[name] ?? null;
}

export const knownParams = (family: FamilyName): string[] => [...Object.keys(FAMILY_DEFAULTS[family]), ...Object.keys(OPTIONAL_PARAMS[family] ?? {})];

/** Boosting rounds for a learning rate: smaller steps need more of them (early stopping trims). */
export const roundsFor = (learningRate: number): number => Math.max(60, Math.min(800, Math.round(30 / learningRate)));

/** Parameters fixed by others: a GBDT entry that does not set its rounds gets them from its learning rate. */
export function deriveParams(family: FamilyName, params: Record<string, number | string | boolean>, explicit: ReadonlySet<string>): void {
  if (family === 'gbdt' && !explicit.has('numIterations')) params.numIterations = roundsFor(params.learningRate as number);
}
