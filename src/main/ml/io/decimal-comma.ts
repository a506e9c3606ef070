/**
 * Numbers written with a decimal comma, as Excel saves CSV in much of Europe (`;` between fields,
 * `3,14` and `1.234,5` in them). The tokenizer types such a column as categories, since `3,14` is
 * not a number literal; this turns it back into numbers when every value reads as one.
 */
import type { CategoricalColumn, Column, Frame, NumericColumn } from '../frame';
import { MISSING_CODE } from '../frame';

/** `-1.234,5`, `3,14`, `12`, `+0,5`: optional sign, digits (dots between thousand groups), optional comma decimals. */
const DECIMAL_COMMA = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;

/** The value of a decimal-comma number, or NaN when the text is not one. */
export function parseDecimalComma(text: string): number {
  const s = text.trim();
  if (!DECIMAL_COMMA.test(s)) return Number.NaN;
  return Number(s.replace(/\./g, '').replace(',', '.'));
}

/**
 * Converts the categorical columns whose every value is a decimal-comma number, with at least one
 * comma among them (so plain integer codes stay as they are), to numeric columns.
 */
export function convertDecimalCommaColumns(frame: Frame): { frame: Frame; converted: string[] } {
  const converted: string[] = [];
  const columns = frame.columns.map((c): Column => {
    if (c.kind !== 'categorical') return c;
    const numeric = asNumbers(c, frame.rowCount);
    if (!numeric) return c;
    converted.push(c.name);
    return numeric;
  });
  return converted.length === 0 ? { frame, converted } : { frame: { rowCount: frame.rowCount, columns }, converted };
}

function asNumbers(column: CategoricalColumn, rowCount: number): NumericColumn | null {
  if (column.categories.length === 0 || !column.categories.some((c) => c.includes(','))) return null;
  const values = new Float64Array(column.categories.length);
  for (let k = 0; k < values.length; k++) {
    values[k] = parseDecimalComma(column.categories[k]);
    if (Number.isNaN(values[k])) return null;
  }
  const out = new Float64Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const code = column.codes[i];
    out[i] = code === MISSING_CODE || code < 0 ? Number.NaN : values[code];
  }
  return { kind: 'numeric', name: column.name, values: out };
}
