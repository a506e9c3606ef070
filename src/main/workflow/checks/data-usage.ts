/**
 * Data-usage report: every column of the dataset, and whether the model uses it or why not. The
 * first reason that applies wins, in this order: target, excluded by the user, all missing,
 * constant, identifier. A column with one value plus some missing cells is kept: whether a value
 * is missing can itself carry signal.
 */
import type { Column, Frame } from '../../ml/frame';
import { identifierFinding } from './identifiers';

export type ColumnUsage = 'used' | 'target' | 'excluded' | 'all-missing' | 'constant' | 'identifier';

export interface ColumnUsageEntry {
  column: string;
  kind: Column['kind'];
  usage: ColumnUsage;
  /** Human-readable reason (or "used as a feature"). */
  detail: string;
}

export interface DataUsageReport {
  columns: ColumnUsageEntry[];
  used: string[];
  dropped: string[];
}

export interface DataUsageOptions {
  target: string;
  /** Columns the user chose to leave out. */
  excluded?: readonly string[];
  /** Also drop identifier-like columns (default true). */
  dropIdentifiers?: boolean;
}

function presence(column: Column, rows: number): { missing: number; distinct: number; example: string | null } {
  let missing = 0;
  if (column.kind === 'categorical') {
    const seen = new Set<number>();
    for (let i = 0; i < rows; i++) {
      const c = column.codes[i];
      if (c < 0) missing++;
      else if (seen.size < 2) seen.add(c);
    }
    const first = seen.values().next();
    return { missing, distinct: seen.size, example: first.done ? null : column.categories[first.value] };
  }
  const seen = new Set<number>();
  for (let i = 0; i < rows; i++) {
    const v = column.values[i];
    if (Number.isNaN(v)) missing++;
    else if (seen.size < 2) seen.add(v);
  }
  const first = seen.values().next();
  return { missing, distinct: seen.size, example: first.done ? null : String(first.value) };
}

/** One entry per column of `frame` (the full dataset, target included), in column order. */
export function dataUsageReport(frame: Frame, options: DataUsageOptions): DataUsageReport {
  const excluded = new Set(options.excluded ?? []);
  const unknown = [...excluded].filter((name) => !frame.columns.some((c) => c.name === name));
  if (unknown.length) throw new RangeError(`Excluded columns not in the dataset: ${unknown.join(', ')}.`);
  if (!frame.columns.some((c) => c.name === options.target)) throw new RangeError(`The target "${options.target}" is not a column of the dataset.`);

  const columns = frame.columns.map((column): ColumnUsageEntry => {
    const entry = (usage: ColumnUsage, detail: string): ColumnUsageEntry => ({ column: column.name, kind: column.kind, usage, detail });
    if (column.name === options.target) return entry('target', 'the target: predicted, not used as a feature');
    if (excluded.has(column.name)) return entry('excluded', 'excluded by the user');
    const { missing, distinct, example } = presence(column, frame.rowCount);
    if (distinct === 0) return entry('all-missing', `all ${frame.rowCount} values are missing`);
    if (distinct === 1 && missing === 0) return entry('constant', `every row holds the same value (${example})`);
    if (options.dropIdentifiers !== false) {
      const id = identifierFinding(column, frame.rowCount);
      if (id) return entry('identifier', id.reason);
    }
    return entry('used', missing ? `used as a feature (${missing} missing values imputed)` : 'used as a feature');
  });
  return {
    columns,
    used: columns.filter((c) => c.usage === 'used').map((c) => c.column),
    dropped: columns.filter((c) => c.usage !== 'used').map((c) => c.column),
  };
}
