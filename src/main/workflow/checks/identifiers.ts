/**
 * Identifier-like columns: a value unique to every row (customer id, row number, UUID) lets a
 * model memorise rows instead of learning, and never generalises to new rows. Only text columns
 * and integer-valued numeric columns count: a continuous measurement (a price, a total) is often
 * unique per row too, and is a perfectly good feature.
 */
import type { Column } from '../../ml/frame';

/** Fewer rows than this and uniqueness says nothing. */
const MIN_ROWS = 20;

export interface IdentifierFinding {
  column: string;
  /** Distinct non-missing values / rows. */
  distinctShare: number;
  reason: string;
}

/** The finding when `column` (over `rowCount` rows) looks like a row identifier, or null. */
export function identifierFinding(column: Column, rowCount: number): IdentifierFinding | null {
  if (rowCount < MIN_ROWS) return null;
  let distinct: number;
  if (column.kind === 'categorical') {
    const seen = new Uint8Array(column.categories.length);
    distinct = 0;
    for (let i = 0; i < rowCount; i++) {
      const c = column.codes[i];
      if (c < 0) return null;
      if (seen[c]) return null;
      seen[c] = 1;
      distinct++;
    }
  } else {
    const seen = new Set<number>();
    for (let i = 0; i < rowCount; i++) {
      const v = column.values[i];
      if (!Number.isInteger(v) || seen.has(v)) return null;
      seen.add(v);
    }
    distinct = seen.size;
  }
  const kind = column.kind === 'categorical' ? 'text' : 'integer';
  return { column: column.name, distinctShare: distinct / rowCount, reason: `every one of its ${rowCount} rows has a different ${kind} value, like a row identifier` };
}
