/**
 * Frequency encoding of one categorical column: each category present in training becomes its
 * share of the training rows, standardized over those rows (so the column is on the scale of the
 * standardized numerics). Missing, empty and unseen categories count as never seen: frequency 0,
 * standardized. One design column; a lookup like the ordinal and target encoders (lookup.ts).
 */
import type { CategoricalColumn } from '../frame';
import type { OrdinalEncoding } from './ordinal';

const f32 = Math.fround;

export function fitFrequency(column: CategoricalColumn): OrdinalEncoding {
  const counts = new Float64Array(column.categories.length);
  for (const code of column.codes) if (code >= 0 && code < counts.length) counts[code]++;
  const present = Array.from(counts.keys()).filter((c) => counts[c] > 0 && column.categories[c] !== '');
  const rows = Math.max(1, column.codes.length);
  // Mean and std of the per-row frequency over all training rows (missing rows count as 0).
  let mean = 0;
  for (const c of present) mean += (counts[c] / rows) * (counts[c] / rows);
  let ss = 0;
  let covered = 0;
  for (const c of present) {
    ss += counts[c] * (counts[c] / rows - mean) ** 2;
    covered += counts[c];
  }
  ss += (rows - covered) * mean ** 2;
  const sd = Math.sqrt(ss / rows);
  const std = sd > 0 ? sd : 1;
  return {
    categories: present.map((c) => column.categories[c]),
    frequencies: present.map((c) => counts[c] / rows),
    values: [present.map((c) => f32((counts[c] / rows - mean) / std))],
    fallback: [f32(-mean / std)],
  };
}
