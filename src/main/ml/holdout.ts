/**
 * A fixed train/test split given as 0-based data-row numbers (as in shared/datasets/splits),
 * applied to a prepared target (whose rows may be fewer than the file's: rows with a missing
 * target were dropped).
 */
import { selectRows, type Frame } from './frame';
import type { PreparedTarget } from './target';

export interface Holdout {
  train: { features: Frame; y: Float64Array };
  test: { features: Frame; y: Float64Array };
}

/** Parses a test-rows file: whitespace-separated non-negative integers. */
export function parseRowNumbers(text: string, fileName: string): Set<number> {
  const rows = new Set<number>();
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    const v = Number(token);
    if (!Number.isInteger(v) || v < 0) throw new Error(`${fileName}: "${token}" is not a 0-based row number.`);
    rows.add(v);
  }
  return rows;
}

export function holdoutSplit(prepared: PreparedTarget, testRows: ReadonlySet<number>): Holdout {
  const train: number[] = [];
  const test: number[] = [];
  prepared.rowIndex.forEach((row, i) => (testRows.has(row) ? test : train).push(i));
  if (train.length === 0 || test.length === 0) throw new Error(`The test rows leave ${train.length} training and ${test.length} test rows; both must be non-empty.`);
  const part = (rows: number[]) => ({ features: selectRows(prepared.features, rows), y: Float64Array.from(rows, (i) => prepared.y[i]) });
  return { train: part(train), test: part(test) };
}
