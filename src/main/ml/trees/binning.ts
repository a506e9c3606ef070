/**
 * Quantile binning: every feature becomes small integer bins (Uint8Array, column-major), the
 * input of histogram-based tree learning.
 *
 * Numeric features: up to `maxBin` value bins plus one bin for missing (NaN), the last index.
 * Bin b holds the values x with upper[b−1] < x ≤ upper[b]; every upper bound is a float32 value
 * and binning works on Math.fround(x), so a split "bin ≤ b" is exactly the ONNX test
 * "x ≤ upper[b]" ORT runs on float inputs. Infinite values are clipped: +∞ falls in the last
 * value bin and −∞ in the first (ORT compares them the same way), never in the missing bin.
 *
 * Categorical features: one bin per category (the most frequent `maxBin` ones, by count, ties
 * by text); rarer categories and missing share the last bin, which never goes left in a split.
 */
import type { Frame } from '../frame';
import { columnByName } from '../frame';
import type { Rng } from '../rng';
import { sortFloat32 } from './sort-float32';

/** How one raw column becomes bins; part of a fitted tree model. */
export type BinnedFeature =
  | { kind: 'numeric'; name: string; /** float32 upper bounds; the last is +Infinity */ upper: number[] }
  | { kind: 'categorical'; name: string; /** bin i = categories[i] */ categories: string[] };

/** A frame as bins. `bins[f][row]`; feature f's missing bin is `missingBin[f]`. */
export interface BinnedData {
  rowCount: number;
  bins: Uint8Array[];
  /** Number of bins of feature f including its missing bin (missingBin[f] + 1). */
  binCounts: Int32Array;
  missingBin: Int32Array;
}

/** Rows sampled to find bin edges (LightGBM's bin_construct_sample_cnt). */
const BIN_SAMPLE = 200_000;

/** Upper bounds for a numeric column: distinct values if few, else equal-count quantiles. */
export function numericUpperBounds(values: Float64Array, maxBin: number, rng: Rng): number[] {
  const n = values.length;
  const take = n > BIN_SAMPLE ? BIN_SAMPLE : n;
  // Float32 sample: storing rounds to float32, as binning does; sorting it is cheaper too.
  const sample = new Float32Array(take);
  let m = 0;
  for (let i = 0; i < take; i++) {
    sample[m] = values[n > BIN_SAMPLE ? rng.int(n) : i];
    if (Number.isFinite(sample[m])) m++;
  }
  const sorted = sortFloat32(sample.subarray(0, m));
  const distinctValues = new Float64Array(m);
  const countValues = new Float64Array(m);
  let d = 0;
  for (let i = 0; i < m; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) countValues[d - 1]++;
    else {
      distinctValues[d] = sorted[i];
      countValues[d++] = 1;
    }
  }
  const distinct = distinctValues.subarray(0, d);
  const counts = countValues.subarray(0, d);
  if (distinct.length <= 1) return [Number.POSITIVE_INFINITY];
  const cuts: number[] = [];
  const cut = (i: number): void => {
    // Midpoint between neighbours, as a float32 strictly below the next value.
    const mid = Math.fround((distinct[i] + distinct[i + 1]) / 2);
    cuts.push(mid >= distinct[i + 1] ? distinct[i] : mid);
  };
  if (distinct.length <= maxBin) {
    for (let i = 0; i < distinct.length - 1; i++) cut(i);
  } else {
    let remaining = m;
    let acc = 0;
    for (let i = 0; i < distinct.length - 1 && cuts.length < maxBin - 1; i++) {
      acc += counts[i];
      const target = remaining / (maxBin - cuts.length);
      if (acc >= target || acc + counts[i + 1] / 2 > target) {
        cut(i);
        remaining -= acc;
        acc = 0;
      }
    }
  }
  cuts.push(Number.POSITIVE_INFINITY);
  return cuts;
}

/** Categories kept as bins: the `maxBin` most frequent (ties by text), in that order. */
function frequentCategories(codes: Int32Array, categories: string[], maxBin: number): string[] {
  const counts = new Float64Array(categories.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  const order = categories.map((_, i) => i).filter((i) => counts[i] > 0);
  order.sort((a, b) => counts[b] - counts[a] || (categories[a] < categories[b] ? -1 : categories[a] > categories[b] ? 1 : 0));
  return order.slice(0, maxBin).map((i) => categories[i]);
}

/** Fits the binning of every column of `frame` (at most 255 value bins each). */
export function fitBinning(frame: Frame, maxBin: number, rng: Rng): BinnedFeature[] {
  const bins = Math.max(2, Math.min(255, Math.floor(maxBin)));
  return frame.columns.map((c): BinnedFeature =>
    c.kind === 'numeric'
      ? { kind: 'numeric', name: c.name, upper: numericUpperBounds(c.values, bins, rng) }
      : { kind: 'categorical', name: c.name, categories: frequentCategories(c.codes, c.categories, bins) },
  );
}

/** Bin of one float32 value: the first b with x ≤ upper[b]. */
export function binOf(upper: Float64Array, x: number): number {
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= upper[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Lookup cells per numeric column in binNumeric. */
const LOOKUP_CELLS = 1024;

/**
 * Bins of a numeric column (NaN → the missing bin, upper.length). Equal to binOf on every value,
 * but a binary search per value mispredicts about every step (~55 ns per value): a table over
 * equal-width cells of the finite range gives each value's bin or a bin just below it, and a
 * short scan finishes (a step back covers a cell edge rounded the other way).
 */
export function binNumeric(values: Float64Array, upper: Float64Array, out: Uint8Array): void {
  const n = values.length;
  const missing = upper.length;
  const last = upper.length - 1;
  const lo = upper[0];
  const hi = last > 0 ? upper[last - 1] : lo;
  if (!(hi > lo)) {
    for (let i = 0; i < n; i++) {
      const x = Math.fround(values[i]);
      out[i] = x !== x ? missing : binOf(upper, x);
    }
    return;
  }
  const scale = LOOKUP_CELLS / (hi - lo);
  const table = new Int32Array(LOOKUP_CELLS + 1);
  for (let k = 0; k <= LOOKUP_CELLS; k++) table[k] = binOf(upper, lo + k / scale);
  for (let i = 0; i < n; i++) {
    const x = Math.fround(values[i]);
    if (x !== x) out[i] = missing;
    else if (x <= lo) out[i] = 0;
    else if (x > hi) out[i] = last;
    else {
      let k = ((x - lo) * scale) | 0;
      if (k > LOOKUP_CELLS) k = LOOKUP_CELLS;
      let b = table[k];
      while (x > upper[b]) b++;
      while (b > 0 && x <= upper[b - 1]) b--;
      out[i] = b;
    }
  }
}

/** Maps a frame column's codes to model category indexes (-1 for unseen or missing). */
export function categorySlots(modelCategories: readonly string[], frameCategories: readonly string[]): Int32Array {
  const index = new Map(modelCategories.map((c, i) => [c, i]));
  return Int32Array.from(frameCategories, (c) => index.get(c) ?? -1);
}

function requireColumn(frame: Frame, f: BinnedFeature) {
  const column = columnByName(frame, f.name);
  if (!column) throw new Error(`Column '${f.name}' is missing: the model was trained with it.`);
  if (column.kind !== f.kind) throw new Error(`Column '${f.name}' is ${column.kind} but the model was trained on it as ${f.kind}.`);
  return column;
}

/** Bins a frame with a fitted binning (columns matched by name). */
export function binFrame(frame: Frame, features: readonly BinnedFeature[]): BinnedData {
  const n = frame.rowCount;
  const bins: Uint8Array[] = [];
  const missingBin = new Int32Array(features.length);
  features.forEach((f, j) => {
    const column = requireColumn(frame, f);
    const out = new Uint8Array(n);
    if (f.kind === 'numeric' && column.kind === 'numeric') {
      const upper = Float64Array.from(f.upper);
      binNumeric(column.values, upper, out);
      missingBin[j] = upper.length;
    } else if (f.kind === 'categorical' && column.kind === 'categorical') {
      const slots = categorySlots(f.categories, column.categories);
      const missing = f.categories.length;
      const codes = column.codes;
      for (let i = 0; i < n; i++) {
        const code = codes[i];
        const slot = code >= 0 && code < slots.length ? slots[code] : -1;
        out[i] = slot >= 0 ? slot : missing;
      }
      missingBin[j] = missing;
    }
    bins.push(out);
  });
  return { rowCount: n, bins, missingBin, binCounts: missingBin.map((m) => m + 1) };
}

/** Float32 feature values for tree traversal: numbers (NaN missing) or category indexes (-1 missing/unseen). */
export function featureColumns(frame: Frame, features: readonly BinnedFeature[]): Float32Array[] {
  return features.map((f) => {
    const column = requireColumn(frame, f);
    if (column.kind === 'numeric') return Float32Array.from(column.values);
    const slots = f.kind === 'categorical' ? categorySlots(f.categories, column.categories) : new Int32Array(0);
    return Float32Array.from(column.codes, (code) => (code >= 0 && code < slots.length ? slots[code] : -1));
  });
}
