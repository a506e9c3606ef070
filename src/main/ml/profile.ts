/**
 * Column profiles for the dataset screen and the search phase: type, missing and distinct counts,
 * summary statistics, most frequent categories and a histogram per column; plus which column is
 * probably the target, and why.
 */
import type { ColumnProfile, DatasetPreview, HistogramBin } from '../../shared/domain';
import type { CategoricalColumn, Column, Frame, NumericColumn } from './frame';
import { cellText } from './frame';

/** Profiles of every column, and the column the profiler would pick as the target. */
export interface FrameProfile {
  columns: ColumnProfile[];
  /** Null when no column can be a target (all constant or identifiers). */
  suggestedTarget: string | null;
  /** A sentence saying which rule picked the target (or why none was picked). */
  suggestedTargetReason: string;
}

const MAX_BINS = 20;
const TOP_CATEGORIES = 10;

/**
 * Names that usually mean "the target", most specific first: when several columns match, the one
 * earliest in this list wins (so credit data's `Status` beats its `Price`, and diamonds' `price`
 * beats its `y`, which there is a length).
 */
const TARGET_NAMES = [
  'target',
  'label',
  'labels',
  'class',
  'classes',
  'outcome',
  'churn',
  'churned',
  'status',
  'default',
  'survived',
  'response',
  'result',
  'price',
  'y',
];

/** Profiles every column and suggests a target. */
export function profileFrame(frame: Frame): FrameProfile {
  const columns = frame.columns.map((c, i) => profileColumn(c, i, frame.rowCount));
  return { columns, ...suggestTarget(frame, columns) };
}

/** The first `n` rows as text (null for missing), for the preview table. */
export function previewRows(frame: Frame, n: number): DatasetPreview {
  const count = Math.max(0, Math.min(Math.floor(n), frame.rowCount));
  const rows: (string | null)[][] = [];
  for (let r = 0; r < count; r++) rows.push(frame.columns.map((c) => cellText(c, r)));
  return { columns: frame.columns.map((c) => c.name), rows };
}

/** The profile of one column (`index` is its position in the frame). */
export function profileColumn(column: Column, index: number, rowCount: number): ColumnProfile {
  return column.kind === 'numeric' ? profileNumeric(column, index, rowCount) : profileCategorical(column, index, rowCount);
}

function profileNumeric(column: NumericColumn, index: number, rowCount: number): ColumnProfile {
  const v = column.values;
  // One pass for count/min/max/mean (Welford for a stable variance) and a packed copy of the
  // present values; distinct values are counted with a hash set (a sort cost ~0.1 s per million).
  const present = new Float64Array(rowCount);
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  let mean = 0;
  let m2 = 0;
  let integers = true;
  for (let i = 0; i < rowCount; i++) {
    const x = v[i];
    if (x !== x) continue;
    present[n++] = x;
    if (x < min) min = x;
    if (x > max) max = x;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
    if (integers && x !== Math.floor(x)) integers = false;
  }
  const values = present.subarray(0, n);
  const distinct = countDistinct(values);
  return {
    name: column.name,
    index,
    type: 'numeric',
    missing: rowCount - n,
    distinct,
    min: n > 0 ? min : null,
    max: n > 0 ? max : null,
    mean: n > 0 ? mean : null,
    // Sample standard deviation (n - 1), as pandas' describe() reports it; 0 for a single value.
    std: n > 1 ? Math.sqrt(m2 / (n - 1)) : n === 1 ? 0 : null,
    top: [],
    histogram: n > 0 ? numericHistogram(values, min, max, distinct, integers) : [],
  };
}

const bits64 = new Float64Array(1);
const bits32 = new Int32Array(bits64.buffer);

/** Number of distinct values (0 and -0 count as one), by open addressing on the values' bits. */
export function countDistinct(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return 0;
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const keys = new Float64Array(size);
  const used = new Uint8Array(size);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] + 0;
    bits64[0] = x;
    let slot = (Math.imul(bits32[0] ^ Math.imul(bits32[1], 0x9e3779b1), 0x85ebca6b) >>> 7) & mask;
    for (;;) {
      if (used[slot] === 0) {
        used[slot] = 1;
        keys[slot] = x;
        distinct++;
        break;
      }
      if (keys[slot] === x) break;
      slot = (slot + 1) & mask;
    }
  }
  return distinct;
}

/**
 * Equal-width bins over [min, max] (at most 20, fewer when there are fewer distinct values), each
 * labelled `[lo, hi)` (the last one `[lo, hi]`). Integer columns spanning at most 20 values get one
 * bin per integer, `[k, k+1)`, so a 0/1 column reads as two bars rather than two far-apart ones.
 */
function numericHistogram(values: Float64Array, min: number, max: number, distinct: number, integers: boolean): HistogramBin[] {
  if (min === max) return [{ label: `[${formatNumber(min)}, ${formatNumber(max)}]`, count: values.length }];
  let bins: number;
  let width: number;
  let closedLast: boolean;
  if (integers && max - min + 1 <= MAX_BINS) {
    bins = max - min + 1;
    width = 1;
    closedLast = false;
  } else {
    bins = Math.min(MAX_BINS, distinct);
    width = (max - min) / bins;
    closedLast = true;
  }
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    let b = Math.floor((values[i] - min) / width);
    if (b >= bins) b = bins - 1;
    counts[b]++;
  }
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) edges.push(b === bins && closedLast ? max : min + b * width);
  const decimals = labelDecimals(edges, width);
  const fmt = (x: number): string => (Math.abs(x) < 1e21 ? x.toFixed(decimals) : String(x));
  const out: HistogramBin[] = [];
  for (let b = 0; b < bins; b++) {
    const close = b === bins - 1 && closedLast ? ']' : ')';
    out.push({ label: `[${fmt(edges[b])}, ${fmt(edges[b + 1])}${close}`, count: counts[b] });
  }
  return out;
}

/** The fewest decimals that show every edge to within 0.5% of a bin width. */
function labelDecimals(edges: readonly number[], width: number): number {
  const start = Math.max(0, Math.ceil(-Math.log10(width)));
  for (let d = start; d < start + 4 && d <= 20; d++) {
    if (edges.every((e) => Math.abs(Number(e.toFixed(d)) - e) <= width * 5e-3)) return d;
  }
  return Math.min(start + 4, 20);
}

function formatNumber(x: number): string {
  return String(x);
}

function profileCategorical(column: CategoricalColumn, index: number, rowCount: number): ColumnProfile {
  const counts = new Float64Array(column.categories.length);
  let missing = 0;
  const codes = column.codes;
  for (let i = 0; i < rowCount; i++) {
    const c = codes[i];
    if (c < 0) missing++;
    else counts[c]++;
  }
  // Largest count first; ties keep first-appearance (dictionary) order.
  const order: number[] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) order.push(c);
  order.sort((a, b) => counts[b] - counts[a] || a - b);
  const top = order.slice(0, TOP_CATEGORIES).map((c) => ({ value: column.categories[c], count: counts[c] }));
  const histogram: HistogramBin[] = top.map((t) => ({ label: t.value, count: t.count }));
  const rest = rowCount - missing - top.reduce((s, t) => s + t.count, 0);
  if (rest > 0) {
    const taken = new Set(top.map((t) => t.value));
    histogram.push({ label: taken.has('other') ? '(other)' : 'other', count: rest });
  }
  return {
    name: column.name,
    index,
    type: 'categorical',
    missing,
    distinct: order.length,
    min: null,
    max: null,
    mean: null,
    std: null,
    top,
    histogram,
  };
}

/** Why a column cannot be the target, or null when it can. */
function unsuitable(profile: ColumnProfile, rowCount: number): string | null {
  if (profile.distinct <= 1) return 'constant';
  const present = rowCount - profile.missing;
  if (profile.type === 'categorical' && profile.distinct === present && present > 2) return 'an identifier';
  if (profile.type === 'numeric' && /^(id|.*[_ .-]id|.*Id|.*ID)$/.test(profile.name) && profile.distinct === present) return 'an identifier';
  return null;
}

function suggestTarget(frame: Frame, profiles: readonly ColumnProfile[]): Omit<FrameProfile, 'columns'> {
  const skipped: string[] = [];
  const usable: ColumnProfile[] = [];
  for (const p of profiles) {
    const why = unsuitable(p, frame.rowCount);
    if (why) skipped.push(`"${p.name}" (${why})`);
    else usable.push(p);
  }
  if (usable.length === 0) {
    return { suggestedTarget: null, suggestedTargetReason: 'No column can be a target: every column is constant or an identifier.' };
  }
  for (const name of TARGET_NAMES) {
    const hit = usable.find((p) => p.name.trim().toLowerCase() === name);
    if (hit) return { suggestedTarget: hit.name, suggestedTargetReason: `The column "${hit.name}" is named like a target.` };
  }
  const last = usable[usable.length - 1];
  const skippedNote = profiles[profiles.length - 1] !== last ? ` Skipped ${skipped.slice(-3).join(', ')}.` : '';
  return {
    suggestedTarget: last.name,
    suggestedTargetReason: `No column is named like a target, so the last usable column, "${last.name}", is suggested.${skippedNote}`,
  };
}
