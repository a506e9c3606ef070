/**
 * The columnar data frame every ML module works on: numbers in typed arrays (NaN = missing),
 * categories as integer codes into a dictionary (-1 = missing).
 */
export interface NumericColumn {
  kind: 'numeric';
  name: string;
  values: Float64Array;
}

export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  /** Index into `categories`, or -1 where the value is missing. */
  codes: Int32Array;
  categories: string[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface Frame {
  rowCount: number;
  columns: Column[];
}

export const MISSING_CODE = -1;

export function columnByName(frame: Frame, name: string): Column | undefined {
  return frame.columns.find((c) => c.name === name);
}

/** A new frame holding the given rows, in the given order. */
export function selectRows(frame: Frame, rows: ArrayLike<number>): Frame {
  const n = rows.length;
  const columns = frame.columns.map((c): Column => {
    if (c.kind === 'numeric') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = c.values[rows[i]];
      return { kind: 'numeric', name: c.name, values };
    }
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = c.codes[rows[i]];
    return { kind: 'categorical', name: c.name, codes, categories: c.categories };
  });
  return { rowCount: n, columns };
}

/** The frame without the named columns. */
export function dropColumns(frame: Frame, names: readonly string[]): Frame {
  return { rowCount: frame.rowCount, columns: frame.columns.filter((c) => !names.includes(c.name)) };
}

/** Cell as text (null for missing), for previews and error messages. */
export function cellText(column: Column, row: number): string | null {
  if (column.kind === 'numeric') {
    const v = column.values[row];
    return Number.isNaN(v) ? null : String(v);
  }
  const code = column.codes[row];
  return code < 0 ? null : column.categories[code];
}
