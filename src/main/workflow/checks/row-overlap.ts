/**
 * Train/holdout row-overlap checker: a holdout row whose feature values exactly equal a training
 * row's is not unseen data, and inflates the holdout score. Rows are keyed by their exact values
 * (numbers by their text form, which round-trips doubles; categories by text; missing as a marker
 * of its own), so equal keys mean equal rows, with no hash collisions to second-guess.
 */
import type { Frame } from '../../ml/frame';

export interface RowOverlapReport {
  testRows: number;
  /** Holdout rows that equal at least one training row. */
  duplicatedTestRows: number;
  /** duplicatedTestRows / testRows. */
  share: number;
  /** A few (test row, a matching train row) pairs, as row indexes into the frame. */
  examples: { test: number; train: number }[];
  /** One sentence with the figure. */
  summary: string;
}

const MISSING = '\u2205';
const SEP = '\u0001';

/** The exact-value key of one row. */
export function rowKey(frame: Frame, row: number, columns: readonly number[] = frame.columns.map((_, i) => i)): string {
  const parts: string[] = [];
  for (const c of columns) {
    const col = frame.columns[c];
    if (col.kind === 'numeric') {
      const v = col.values[row];
      parts.push(Number.isNaN(v) ? MISSING : String(v));
    } else {
      const code = col.codes[row];
      parts.push(code < 0 ? MISSING : `"${col.categories[code]}`);
    }
  }
  return parts.join(SEP);
}

/**
 * Counts holdout rows (`split.test`) equal to a training row (`split.train`) over the feature
 * columns of `features` (drop the target first, or pass `columns` to compare only some).
 */
export function checkRowOverlap(features: Frame, split: { train: ArrayLike<number>; test: ArrayLike<number> }, options: { columns?: readonly string[]; maxExamples?: number } = {}): RowOverlapReport {
  const columns = options.columns ? options.columns.map((name) => features.columns.findIndex((c) => c.name === name)) : features.columns.map((_, i) => i);
  const missing = options.columns?.find((_, i) => columns[i] < 0);
  if (missing !== undefined) throw new RangeError(`There is no column named "${missing}".`);
  const maxExamples = options.maxExamples ?? 5;
  const trainKeys = new Map<string, number>();
  for (let i = 0; i < split.train.length; i++) {
    const key = rowKey(features, split.train[i], columns);
    if (!trainKeys.has(key)) trainKeys.set(key, split.train[i]);
  }
  let duplicated = 0;
  const examples: { test: number; train: number }[] = [];
  for (let i = 0; i < split.test.length; i++) {
    const match = trainKeys.get(rowKey(features, split.test[i], columns));
    if (match === undefined) continue;
    duplicated++;
    if (examples.length < maxExamples) examples.push({ test: split.test[i], train: match });
  }
  const testRows = split.test.length;
  const share = testRows ? duplicated / testRows : 0;
  const summary =
    duplicated === 0
      ? `No holdout row repeats a training row (${testRows} holdout rows checked).`
      : `${duplicated} of ${testRows} holdout rows (${(100 * share).toFixed(1)}%) repeat a training row exactly, so the holdout score may be optimistic for them.`;
  return { testRows, duplicatedTestRows: duplicated, share, examples, summary };
}
