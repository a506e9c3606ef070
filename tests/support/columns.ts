/** Small frames for unit tests: columns from plain arrays (null = missing). */
import type { Column, Frame } from '../../src/main/ml/frame';

export const num = (name: string, values: ArrayLike<number>): Column => ({ kind: 'numeric', name, values: Float64Array.from(values) });

/** A categorical column; categories in order of first appearance. */
export function cat(name: string, values: readonly (string | null)[]): Column {
  const categories: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = categories.push(v) - 1));
    return c;
  });
  return { kind: 'categorical', name, codes, categories };
}

export const rowsOf = (c: Column): number => (c.kind === 'numeric' ? c.values.length : c.codes.length);

export const frameOf = (...columns: Column[]): Frame => ({ rowCount: rowsOf(columns[0]), columns });
