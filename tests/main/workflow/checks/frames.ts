/** Small synthetic frames for the checker tests. */
import type { CategoricalColumn, Column, Frame, NumericColumn } from '../../../../src/main/ml/frame';

export const num = (name: string, values: ArrayLike<number>): NumericColumn => ({ kind: 'numeric', name, values: Float64Array.from(values) });

/** A categorical column from texts (null = missing). */
export function cat(name: string, texts: readonly (string | null)[]): CategoricalColumn {
  const categories: string[] = [];
  const codes = Int32Array.from(texts, (t) => {
    if (t === null) return -1;
    let c = categories.indexOf(t);
    if (c < 0) c = categories.push(t) - 1;
    return c;
  });
  return { kind: 'categorical', name, codes, categories };
}

export const frameOf = (...columns: Column[]): Frame => ({ rowCount: columns[0].kind === 'numeric' ? columns[0].values.length : columns[0].codes.length, columns });
