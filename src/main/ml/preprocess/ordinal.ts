/**
 * Ordinal encoding of one categorical column: each category present in training gets its rank
 * in code-unit order (the same order on every machine, never locale order), standardized over
 * the training rows (so the column is on the scale of the standardized numerics); missing, empty
 * and unseen categories map to 0, the standardized mean. One design column.
 */
import type { CategoricalColumn } from '../frame';
import type { CategoryLookup } from './lookup';

const f32 = Math.fround;

export interface OrdinalEncoding extends CategoryLookup {
  /** Share of training rows holding each category, parallel to `categories`. */
  frequencies: number[];
}

export function fitOrdinal(column: CategoricalColumn): OrdinalEncoding {
  const counts = new Float64Array(column.categories.length);
  for (const code of column.codes) if (code >= 0 && code < counts.length) counts[code]++;
  const present = Array.from(counts.keys())
    .filter((c) => counts[c] > 0 && column.categories[c] !== '')
    .sort((a, b) => (column.categories[a] < column.categories[b] ? -1 : column.categories[a] > column.categories[b] ? 1 : 0));
  let n = 0;
  let sum = 0;
  present.forEach((c, rank) => {
    n += counts[c];
    sum += rank * counts[c];
  });
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  present.forEach((c, rank) => (ss += counts[c] * (rank - mean) ** 2));
  const sd = n > 0 ? Math.sqrt(ss / n) : 0;
  const std = sd > 0 ? sd : 1;
  const rows = Math.max(1, column.codes.length);
  return {
    categories: present.map((c) => column.categories[c]),
    frequencies: present.map((c) => counts[c] / rows),
    values: [present.map((_, rank) => f32((rank - mean) / std))],
    fallback: [0],
  };
}
