/**
 * Column profiles for the dataset screen and the search phase: storage and inferred type (with
 * why, see semantic-types.ts), flags and default exclusion, missing and distinct counts, summary
 * statistics, most frequent categories and a histogram per column (over time for dates, over
 * lengths for text); facts about the whole table (memory, duplicate rows); and which column is
 * probably the target, and why.
 */
import type { ColumnProfile, DatasetPreview, HistogramBin, TableProfile } from '../../shared/domain';
import { type DateFormat, dateParts, formatDate, parseDate, utcMs } from './datetime';
import type { CategoricalColumn, Column, Frame, NumericColumn } from './frame';
import { cellText } from './frame';
import { countDistinct, defaultExclusion, type DistinctScratch, inferColumnType, type InferredColumnType, newDistinctScratch } from './semantic-types';

export { countDistinct } from './semantic-types';

/** Profiles of every column, facts about the table, and the column the profiler would pick as the target. */
export interface FrameProfile {
  columns: ColumnProfile[];
  table: TableProfile;
  /** Null when no column can be a target (all constant, empty, identifiers, text or dates). */
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

/** Profiles every column and the table, and suggests a target. */
export function profileFrame(frame: Frame): FrameProfile {
  const scratch: ProfileScratch = { distinct: newDistinctScratch(), present: new Float64Array(0) };
  const columns = frame.columns.map((c, i) => profileColumn(c, i, frame.rowCount, scratch));
  return { columns, table: tableProfile(frame), ...suggestTarget(columns) };
}

/** The first `n` rows as text (null for missing), for the preview table. */
export function previewRows(frame: Frame, n: number): DatasetPreview {
  const count = Math.max(0, Math.min(Math.floor(n), frame.rowCount));
  const rows: (string | null)[][] = [];
  for (let r = 0; r < count; r++) rows.push(frame.columns.map((c) => cellText(c, r)));
  return { columns: frame.columns.map((c) => c.name), rows };
}

/**
 * The profile of one column (`index` is its position in the frame), typed by
 * {@link inferColumnType}; `type` is the inferred type (the caller applies the user's override).
 */
export function profileColumn(column: Column, index: number, rowCount: number, scratch?: ProfileScratch): ColumnProfile {
  return column.kind === 'numeric' ? profileNumeric(column, index, rowCount, scratch) : profileCategorical(column, index, rowCount);
}

/** Working memory shared by the columns of one {@link profileFrame} call (see DistinctScratch). */
interface ProfileScratch {
  distinct: DistinctScratch;
  present: Float64Array;
}

function profileNumeric(column: NumericColumn, index: number, rowCount: number, scratch?: ProfileScratch): ColumnProfile {
  const v = column.values;
  // One pass for count/min/max/mean (Welford for a stable variance) and a packed copy of the
  // present values; distinct values are counted with a hash set (a sort cost ~0.1 s per million).
  if (scratch && scratch.present.length < rowCount) scratch.present = new Float64Array(rowCount);
  const present = scratch ? scratch.present : new Float64Array(rowCount);
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
  const distinct = countDistinct(values, scratch?.distinct);
  const inferred = inferColumnType(column, rowCount, { present: n, distinct, integers, min: n > 0 ? min : null, max: n > 0 ? max : null });
  return {
    ...typeFields(column.name, index, 'numeric', inferred),
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

/** The name, index, storage, type, flags and exclusion fields of a profile. */
function typeFields(name: string, index: number, storage: ColumnProfile['storage'], inferred: InferredColumnType): Pick<ColumnProfile, 'name' | 'index' | 'storage' | 'type' | 'inferredType' | 'typeReason' | 'flags' | 'excluded' | 'excludedReason'> {
  const excludedReason = defaultExclusion(inferred.type, inferred.flags);
  return {
    name,
    index,
    storage,
    type: inferred.type,
    inferredType: inferred.type,
    typeReason: inferred.reason,
    flags: inferred.flags,
    excluded: excludedReason !== null,
    ...(excludedReason !== null ? { excludedReason } : {}),
  };
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
  const inferred = inferColumnType(column, rowCount, { present: rowCount - missing, distinct: order.length, counts });
  const base = {
    ...typeFields(column.name, index, 'categorical', inferred),
    missing,
    distinct: order.length,
    min: null,
    max: null,
    mean: null,
    std: null,
  };
  if (inferred.type === 'datetime' && inferred.dateFormat) return { ...base, ...datetimeSummary(column.categories, counts, order, inferred.dateFormat) };
  if (inferred.type === 'text') return { ...base, top: [], histogram: lengthHistogram(column.categories, counts, order) };

  order.sort((a, b) => counts[b] - counts[a] || a - b);
  const top = order.slice(0, TOP_CATEGORIES).map((c) => ({ value: column.categories[c], count: counts[c] }));
  const histogram: HistogramBin[] = top.map((t) => ({ label: t.value, count: t.count }));
  const rest = rowCount - missing - top.reduce((s, t) => s + t.count, 0);
  if (rest > 0) {
    const taken = new Set(top.map((t) => t.value));
    histogram.push({ label: taken.has('other') ? '(other)' : 'other', count: rest });
  }
  return { ...base, top, histogram };
}

/** Histogram of text lengths (characters), bins labelled like numeric ones. */
function lengthHistogram(categories: readonly string[], counts: Float64Array, used: readonly number[]): HistogramBin[] {
  let total = 0;
  for (const c of used) total += counts[c];
  const lengths = new Float64Array(total);
  let k = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const c of used) {
    const len = categories[c].length;
    lengths.fill(len, k, k + counts[c]);
    k += counts[c];
    if (len < min) min = len;
    if (len > max) max = len;
  }
  if (total === 0) return [];
  const distinct = new Set(used.map((c) => categories[c].length)).size;
  return numericHistogram(lengths, min, max, distinct, true);
}

/** Most bins of a histogram over time. */
const MAX_TIME_BINS = 24;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A bin width: `size` milliseconds (hours, days) or months (months, years). */
interface TimeStep {
  unit: 'hour' | 'day' | 'month' | 'year';
  size: number;
}

/** Bin widths for a histogram over time, finest first. */
const TIME_STEPS: readonly TimeStep[] = [
  ...[1, 2, 3, 6, 12].map((h): TimeStep => ({ unit: 'hour', size: h * HOUR })),
  ...[1, 2, 7, 14].map((d): TimeStep => ({ unit: 'day', size: d * DAY })),
  ...[1, 2, 3, 6].map((m): TimeStep => ({ unit: 'month', size: m })),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10000].map((y): TimeStep => ({ unit: 'year', size: 12 * y })),
];

const monthIndex = (ms: number): number => {
  const p = dateParts(ms);
  return p.year * 12 + p.month - 1;
};

/**
 * Min/max (ms) and a histogram over time for a date column: the finest of hours, days, weeks,
 * months or years that gives at most 24 bins, each labelled with its start (`2024`, `2020–2024`,
 * `2024-03`, `2024-03-01`, `2024-03-01 12:00`). Values that do not parse (at most 5% of a
 * sample, by the type rule) count in a last bin, `(not a date)`.
 */
function datetimeSummary(categories: readonly string[], counts: Float64Array, used: readonly number[], format: DateFormat): Pick<ColumnProfile, 'min' | 'max' | 'top' | 'histogram'> {
  const ms = new Float64Array(categories.length);
  let min = Infinity;
  let max = -Infinity;
  let unparsed = 0;
  for (const c of used) {
    const t = parseDate(categories[c], format);
    ms[c] = t;
    if (Number.isNaN(t)) unparsed += counts[c];
    else {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  const histogram: HistogramBin[] = [];
  if (min <= max) {
    let step = TIME_STEPS[TIME_STEPS.length - 1];
    for (const s of TIME_STEPS) {
      const bins = s.unit === 'hour' || s.unit === 'day' ? Math.floor(max / s.size) - Math.floor(min / s.size) + 1 : Math.floor(monthIndex(max) / s.size) - Math.floor(monthIndex(min) / s.size) + 1;
      if (bins <= MAX_TIME_BINS) {
        step = s;
        break;
      }
    }
    const binOf = step.unit === 'hour' || step.unit === 'day' ? (t: number): number => Math.floor(t / step.size) : (t: number): number => Math.floor(monthIndex(t) / step.size);
    const first = binOf(min);
    const bins = binOf(max) - first + 1;
    const binCounts = new Float64Array(bins);
    for (const c of used) if (!Number.isNaN(ms[c])) binCounts[binOf(ms[c]) - first] += counts[c];
    for (let b = 0; b < bins; b++) histogram.push({ label: timeBinLabel(step, first + b), count: binCounts[b] });
  }
  if (unparsed > 0) histogram.push({ label: '(not a date)', count: unparsed });
  return { min: min <= max ? min : null, max: min <= max ? max : null, top: [], histogram };
}

function timeBinLabel(step: TimeStep, bin: number): string {
  if (step.unit === 'hour') return formatDate(bin * step.size, 'minute');
  if (step.unit === 'day') return formatDate(bin * step.size, 'day');
  const startMonth = bin * step.size;
  const year = Math.floor(startMonth / 12);
  const start = utcMs(year, (startMonth % 12) + 1, 1);
  if (step.unit === 'month') return formatDate(start, 'month');
  const years = step.size / 12;
  return years === 1 ? String(year) : `${year}–${year + years - 1}`;
}

/** Rows, columns, memory and duplicate rows of the table. */
export function tableProfile(frame: Frame): TableProfile {
  let memoryBytes = 0;
  for (const c of frame.columns) {
    if (c.kind === 'numeric') memoryBytes += c.values.byteLength;
    else {
      memoryBytes += c.codes.byteLength;
      // Strings: about 2 bytes per character plus ~40 bytes of object and dictionary overhead.
      for (const s of c.categories) memoryBytes += 2 * s.length + 40;
    }
  }
  return { rows: frame.rowCount, columns: frame.columns.length, memoryBytes, duplicateRows: countDuplicateRows(frame) };
}

const hashBits64 = new Float64Array(1);
const hashBits32 = new Uint32Array(hashBits64.buffer);

/**
 * Rows equal to an earlier row in every column (NaN equals NaN, missing equals missing; 0 and
 * -0 are equal). Rows are hashed column by column from the typed arrays, then put in an
 * open-addressing table; rows with equal hashes are compared cell by cell.
 */
export function countDuplicateRows(frame: Frame): number {
  const n = frame.rowCount;
  if (n < 2 || frame.columns.length === 0) return 0;
  const hash = new Uint32Array(n).fill(0x811c9dc5);
  for (const c of frame.columns) {
    if (c.kind === 'numeric') {
      const v = c.values;
      for (let i = 0; i < n; i++) {
        const x = v[i];
        let lo: number;
        let hi: number;
        if (x !== x) {
          lo = 0x7ff80000;
          hi = 1;
        } else {
          hashBits64[0] = x + 0;
          lo = hashBits32[0];
          hi = hashBits32[1];
        }
        let h = hash[i];
        h = Math.imul(h ^ lo, 0x01000193);
        h = Math.imul(h ^ hi, 0x01000193);
        hash[i] = h ^ (h >>> 15);
      }
    } else {
      const codes = c.codes;
      for (let i = 0; i < n; i++) {
        const h = Math.imul(hash[i] ^ codes[i], 0x01000193);
        hash[i] = h ^ (h >>> 15);
      }
    }
  }
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    const h = hash[i];
    let slot = Math.imul(h, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const r = slots[slot];
      if (r < 0) {
        slots[slot] = i;
        break;
      }
      if (hash[r] === h && rowsEqual(frame.columns, r, i)) {
        duplicates++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return duplicates;
}

function rowsEqual(columns: readonly Column[], a: number, b: number): boolean {
  for (const c of columns) {
    if (c.kind === 'numeric') {
      const x = c.values[a];
      const y = c.values[b];
      if (x !== y && !(x !== x && y !== y)) return false;
    } else if (c.codes[a] !== c.codes[b]) return false;
  }
  return true;
}

/** Why a column cannot be the target, or null when it can. */
function unsuitable(profile: ColumnProfile): string | null {
  if (profile.flags.includes('all-missing')) return 'all missing';
  if (profile.flags.includes('constant') || profile.distinct <= 1) return 'constant';
  if (profile.type === 'identifier') return 'an identifier';
  if (profile.type === 'text') return 'free text';
  if (profile.type === 'datetime') return 'dates';
  if (profile.excluded) return 'excluded';
  return null;
}

function suggestTarget(profiles: readonly ColumnProfile[]): Pick<FrameProfile, 'suggestedTarget' | 'suggestedTargetReason'> {
  const skipped: string[] = [];
  const usable: ColumnProfile[] = [];
  for (const p of profiles) {
    const why = unsuitable(p);
    if (why) skipped.push(`"${p.name}" (${why})`);
    else usable.push(p);
  }
  if (usable.length === 0) {
    return { suggestedTarget: null, suggestedTargetReason: 'No column can be a target: every column is constant, empty, an identifier, free text or dates.' };
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
