/**
 * Target encoding of one (typically high-cardinality) categorical column: each category becomes
 * the smoothed mean of the target over its rows,
 *
 *   enc(c) = (Σ_{rows of c} t + m · prior) / (n_c + m),   prior = mean of t,
 *
 * where t is the target as numbers: the positive-class indicator (binary, one design column),
 * one indicator per class (multiclass, K columns), or the standardized target (regression, one
 * column). Missing, empty and unseen categories take the prior.
 *
 * Fitted out of fold: the encoding the model trains on is computed, for the rows of each of K
 * folds, from the other folds only (so a row's own target never leaks into its feature); the
 * encoding kept for inference, and exported (a LabelEncoder string → float per design column),
 * is computed from all training rows.
 */
import type { TaskKind } from '../../../shared/domain';
import type { CategoricalColumn } from '../frame';
import type { Rng } from '../rng';
import type { CategoryLookup } from './lookup';

const f32 = Math.fround;

export const DEFAULT_TARGET_SMOOTHING = 10;
export const DEFAULT_TARGET_FOLDS = 5;

export interface TargetEncoding extends CategoryLookup {
  /** Share of training rows holding each category, parallel to `categories`. */
  frequencies: number[];
}

export interface TargetEncoderOptions {
  /** m, the weight of the prior, in rows (default 10). */
  smoothing?: number;
  /** Folds of the out-of-fold training encoding (default 5; fewer when there are fewer rows). */
  folds?: number;
  /** Assigns rows to folds. */
  rng: Rng;
}

/** The target as the encoder's numbers: [columns][rows]. */
function targetColumns(y: Float64Array, task: TaskKind, classCount: number): Float64Array[] {
  const n = y.length;
  if (task === 'regression') {
    let mean = 0;
    for (const v of y) mean += v / n;
    let ss = 0;
    for (const v of y) ss += (v - mean) ** 2;
    const std = Math.sqrt(ss / n) || 1;
    return [Float64Array.from(y, (v) => (v - mean) / std)];
  }
  const classes = task === 'binary' || classCount === 2 ? [1] : Array.from({ length: classCount }, (_, k) => k);
  return classes.map((k) => Float64Array.from(y, (v) => (v === k ? 1 : 0)));
}

/** Encoding values from the rows where `use[i]` is set. */
function encode(codes: Int32Array, slots: Int32Array, t: Float64Array[], use: (i: number) => boolean, width: number, m: number): { values: number[][]; prior: number[] } {
  const count = new Float64Array(width);
  const sums = t.map(() => new Float64Array(width));
  const total = t.map(() => 0);
  let rows = 0;
  for (let i = 0; i < codes.length; i++) {
    if (!use(i)) continue;
    rows++;
    const slot = codes[i] >= 0 ? slots[codes[i]] : -1;
    if (slot >= 0) count[slot]++;
    for (let j = 0; j < t.length; j++) {
      total[j] += t[j][i];
      if (slot >= 0) sums[j][slot] += t[j][i];
    }
  }
  const prior = total.map((s) => (rows > 0 ? s / rows : 0));
  const values = t.map((_, j) => Array.from({ length: width }, (__, s) => f32(count[s] + m > 0 ? (sums[j][s] + m * prior[j]) / (count[s] + m) : prior[j])));
  return { values, prior: prior.map(f32) };
}

/**
 * Fits the encoder on a column and its target (`y` as in fitLinearPipeline). Returns the
 * inference encoding and, per design column, the out-of-fold values of the training rows.
 */
export function fitTargetEncoder(
  column: CategoricalColumn,
  y: Float64Array,
  task: TaskKind,
  classCount: number,
  options: TargetEncoderOptions,
): { encoding: TargetEncoding; training: Float32Array[] } {
  const n = column.codes.length;
  if (y.length !== n) throw new Error(`Target encoding of '${column.name}': ${y.length} target values for ${n} rows.`);
  const m = options.smoothing ?? DEFAULT_TARGET_SMOOTHING;
  if (!(m >= 0 && Number.isFinite(m))) throw new Error(`Target encoding smoothing must be a finite number of at least 0, got ${m}.`);
  const counts = new Float64Array(column.categories.length);
  for (const code of column.codes) if (code >= 0 && code < counts.length) counts[code]++;
  const kept = Array.from(counts.keys()).filter((c) => counts[c] > 0 && column.categories[c] !== '');
  const slots = new Int32Array(column.categories.length).fill(-1);
  kept.forEach((c, s) => (slots[c] = s));
  const t = targetColumns(y, task, classCount);

  const full = encode(column.codes, slots, t, () => true, kept.length, m);
  const encoding: TargetEncoding = {
    categories: kept.map((c) => column.categories[c]),
    frequencies: kept.map((c) => counts[c] / Math.max(1, n)),
    values: full.values,
    fallback: full.prior,
  };

  const k = Math.min(options.folds ?? DEFAULT_TARGET_FOLDS, n);
  const training = t.map(() => new Float32Array(n));
  if (k < 2) {
    for (let i = 0; i < n; i++) for (let j = 0; j < t.length; j++) training[j][i] = encoding.fallback[j];
    return { encoding, training };
  }
  const fold = new Int32Array(n);
  const order = options.rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  order.forEach((row, i) => (fold[row] = i % k));
  for (let f = 0; f < k; f++) {
    const part = encode(column.codes, slots, t, (i) => fold[i] !== f, kept.length, m);
    for (let i = 0; i < n; i++) {
      if (fold[i] !== f) continue;
      const slot = column.codes[i] >= 0 ? slots[column.codes[i]] : -1;
      for (let j = 0; j < t.length; j++) training[j][i] = slot >= 0 ? part.values[j][slot] : part.prior[j];
    }
  }
  return { encoding, training };
}
