/**
 * Target-leakage checker: flags features that alone predict the target almost perfectly (a
 * column computed from the target, or recorded after it) and identifier-like columns. Pure: a
 * frame, a target and the rows to look at in; findings with their figures out.
 */
import type { TaskKind } from '../../../shared/domain';
import type { Frame } from '../../ml/frame';
import type { Rng } from '../../ml/rng';
import { kFold } from '../../ml/splits';
import { identifierFinding, type IdentifierFinding } from './identifiers';
import { oneFeatureScore } from './one-feature-score';

export interface LeakageOptions {
  /** Rows to look at (e.g. the training rows); all rows by default. */
  rows?: Int32Array;
  /** Folds for the out-of-fold group statistics (default 5). */
  folds?: number;
  /** A feature whose one-feature AUC reaches this is flagged (default 0.99). */
  aucThreshold?: number;
  /** A feature whose one-feature R² reaches this is flagged (default 0.98). */
  r2Threshold?: number;
}

export interface FeatureLeakage {
  column: string;
  metric: 'roc_auc' | 'r2';
  /** Score of the one-feature model (see one-feature-score.ts). */
  score: number;
  flagged: boolean;
}

export interface LeakageReport {
  /** Every feature, highest score first. */
  features: FeatureLeakage[];
  /** Identifier-like columns. */
  identifiers: IdentifierFinding[];
  /** One sentence per finding, for the validation report. */
  findings: string[];
}

/**
 * Checks every column of `features` against target `y` (one entry per frame row, class indexes
 * for classification). `classes` is the class count (ignored for regression).
 */
export function checkTargetLeakage(features: Frame, y: Float64Array, task: TaskKind, classes: number, rng: Rng, options: LeakageOptions = {}): LeakageReport {
  if (y.length !== features.rowCount) throw new RangeError(`Got ${y.length} targets for ${features.rowCount} rows.`);
  const rows = options.rows ?? Int32Array.from({ length: features.rowCount }, (_, i) => i);
  const yRows = Float64Array.from(rows, (r) => y[r]);
  const folds = kFold(yRows, task, Math.min(options.folds ?? 5, rows.length), rng);
  const aucThreshold = options.aucThreshold ?? 0.99;
  const r2Threshold = options.r2Threshold ?? 0.98;

  const scored = features.columns.map((column): FeatureLeakage => {
    const { metric, score } = oneFeatureScore(column, rows, yRows, task, classes, folds);
    return { column: column.name, metric, score, flagged: score >= (metric === 'r2' ? r2Threshold : aucThreshold) };
  });
  scored.sort((a, b) => b.score - a.score || (a.column < b.column ? -1 : 1));

  const subset = options.rows ? { rowCount: rows.length, columns: features.columns.map((c) => (c.kind === 'numeric' ? { ...c, values: Float64Array.from(rows, (r) => c.values[r]) } : { ...c, codes: Int32Array.from(rows, (r) => c.codes[r]) })) } : features;
  const identifiers = subset.columns.map((c) => identifierFinding(c, subset.rowCount)).filter((f): f is IdentifierFinding => f !== null);

  const findings = [
    ...scored
      .filter((f) => f.flagged)
      .map((f) => `Possible target leak: "${f.column}" alone predicts the target with ${f.metric === 'r2' ? 'R²' : 'ROC AUC'} ${f.score.toFixed(4)}. Check that it is known before the target is, and is not computed from it.`),
    ...identifiers.map((f) => `Identifier-like column "${f.column}": ${f.reason}. It should not be a feature.`),
  ];
  return { features: scored, identifiers, findings };
}
