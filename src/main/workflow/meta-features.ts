/**
 * Meta-features of a prepared dataset: the facts the search agent keys its choices on
 * (auto-sklearn's meta-learning, offline).
 */
import type { ColumnProfile } from '../../shared/domain';
import type { PreparedData } from './run-state';

export interface MetaFeatures {
  rows: number;
  features: number;
  numeric: number;
  categorical: number;
  categoricalShare: number;
  categoricalLevels: number;
  missingShare: number;
  /** Share of the rarest class (classification), else null. */
  imbalance: number | null;
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
    rows,
    features: columns.length,
    numeric: columns.length - categorical.length,
    categorical: categorical.length,
    categoricalShare: columns.length ? categorical.length / columns.length : 0,
    categoricalLevels: categorical.reduce((sum, c) => sum + c.distinct, 0),
    missingShare: rows && columns.length ? missing / (rows * columns.length) : 0,
    imbalance,
  };
}
