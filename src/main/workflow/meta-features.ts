/**
 * Meta-features of a prepared dataset: the facts the search agent keys its choices on
 * (auto-sklearn's meta-learning, offline). The knowledge base's rules test these by name
 * (resources/knowledge/rules.json, workflow/knowledge/schema.ts).
 */
import type { ColumnProfile, TaskKind } from '../../shared/domain';
import type { PreparedData } from './run-state';
import { canTransformTarget } from '../ml/target-transform';

/** A categorical column with more levels than this counts as high-cardinality. */
export const HIGH_CARDINALITY_LEVELS = 50;

export interface MetaFeatures {
  task: TaskKind;
  rows: number;
  features: number;
  numeric: number;
  categorical: number;
  categoricalShare: number;
  categoricalLevels: number;
  /** Levels of the categorical column with the most (0 without categoricals). */
  maxCategoricalLevels: number;
  /** Categorical columns with more than {@link HIGH_CARDINALITY_LEVELS} levels. */
  highCardinalityColumns: number;
  missingShare: number;
  /** Share of the rarest class (classification), else null. */
  imbalance: number | null;
  /** Class count (classification), else null. */
  classes: number | null;
  /**
   * Sample skewness of a regression target whose values are all ≥ 0 (so a log or square-root
   * target transform applies: ml/target-transform.ts), else null.
   */
  targetSkewness: number | null;
}

/** Skewness of the training targets when the task is regression and every target is ≥ 0, else null. */
export function nonNegativeTargetSkewness(task: TaskKind, y: ArrayLike<number>): number | null {
  if (task !== 'regression' || y.length < 3 || !canTransformTarget(y)) return null;
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < y.length; i++) {
    const d = y[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= y.length;
  m3 /= y.length;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
}

export function computeMetaFeatures(data: PreparedData, columns: ColumnProfile[]): MetaFeatures {
  const rows = data.features.rowCount;
  // Stored as a dictionary of strings (the encoders' concern), whatever the inferred meaning.
  const categorical = columns.filter((c) => c.storage === 'categorical');
  const missing = columns.reduce((sum, c) => sum + c.missing, 0);
  let imbalance: number | null = null;
  if (data.classes) {
    const counts = new Array<number>(data.classes.length).fill(0);
    for (const v of data.y) counts[v]++;
    imbalance = Math.min(...counts) / Math.max(1, data.y.length);
  }
  return {
    task: data.task,
    rows,
    features: columns.length,
    numeric: columns.length - categorical.length,
    categorical: categorical.length,
    categoricalShare: columns.length ? categorical.length / columns.length : 0,
    categoricalLevels: categorical.reduce((sum, c) => sum + c.distinct, 0),
    maxCategoricalLevels: categorical.reduce((max, c) => Math.max(max, c.distinct), 0),
    highCardinalityColumns: categorical.filter((c) => c.distinct > HIGH_CARDINALITY_LEVELS).length,
    missingShare: rows && columns.length ? missing / (rows * columns.length) : 0,
    imbalance,
    classes: data.classes ? data.classes.length : null,
    targetSkewness: nonNegativeTargetSkewness(data.task, Float64Array.from(data.train, (r) => data.y[r])),
  };
}
