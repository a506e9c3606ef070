/**
 * What a column means, beyond how it is stored: the CSV reader only knows "every value parses as
 * a number" (numeric storage) or not (a dictionary of strings). The profile, the target analysis
 * and preprocessing need more: a 0/1 column is a flag, a column of `2024-03-01` strings is a
 * date, `customer_id` is a key that lets a model memorise rows, a column of sentences is free
 * text. Each rule below is a cheap look at the column (a pass over the codes, or a sample of the
 * dictionary) and says why it fired, so the user can see and override the choice.
 *
 * Numeric storage:
 * 1. two distinct values, 0 and 1 → `boolean`;
 * 2. whole numbers, unique per row, and named like a key (`id`, `*_id`, `customerId`, `ID`,
 *    `key`, `uuid`…) or a row number (1..n in some order, over 50 rows) → `identifier`;
 * 3. whole numbers → `integer`; anything else → `numeric`.
 *
 * Categorical storage (strings):
 * 1. two distinct values forming true/false, yes/no, y/n, t/f or on/off (any case) → `boolean`;
 * 2. at least 95% of a sample of the dictionary parse as dates under one format → `datetime`;
 * 3. long values (mean > 30 characters) or mostly 3+ words, with many distinct values (at least
 *    5, and at least a fifth of the rows) → `text`;
 * 4. unique per row (or nearly: distinct ≥ 95% of present rows, over 50 rows) and short (mean
 *    length ≤ 40) → `identifier`. Short values with a space (`Ann Lee`) count too: a name unique
 *    to each row identifies it as well as a code does;
 * 5. anything else → `categorical`.
 *
 * Flags: `constant` (one distinct value), `all-missing` (no value), `unique` (a different value in
 * every present row, over more than one row). Left out of training by default: identifiers, text,
 * constant and all-missing columns ({@link defaultExclusion}).
 */
import type { ColumnFlag, ColumnType } from '../../shared/domain';
import { type DateFormat, describeDateFormat, detectDate } from './datetime';
import type { Column } from './frame';

/** Facts about a column the rules need; {@link columnStats} computes them when not at hand. */
export interface ColumnStats {
  /** Rows with a value. */
  present: number;
  /** Distinct present values. */
  distinct: number;
  /** Numeric storage: every present value is a whole number. */
  integers?: boolean;
  /** Numeric storage: smallest and largest present values (null when none). */
  min?: number | null;
  max?: number | null;
  /** Categorical storage: rows per dictionary code. */
  counts?: ArrayLike<number>;
}

/** The inferred type of a column, why, its flags, and whether it is left out by default. */
export interface InferredColumnType {
  type: ColumnType;
  /** A short phrase, e.g. `whole numbers`, `dates like "2024-03-01" (YYYY-MM-DD)`. */
  reason: string;
  flags: ColumnFlag[];
  /** The date format, for `datetime` columns. */
  dateFormat?: DateFormat;
}

/** Dictionary entries looked at for the date, text and identifier rules. */
const SAMPLE = 1000;
const NEAR_UNIQUE_SHARE = 0.95;
const NEAR_UNIQUE_MIN_ROWS = 50;
const ROW_NUMBER_MIN_ROWS = 50;
const TEXT_MEAN_LENGTH = 30;
const TEXT_WORDS = 3;
const TEXT_MIN_DISTINCT = 5;
const TEXT_DISTINCT_SHARE = 0.2;
const IDENTIFIER_MAX_MEAN_LENGTH = 40;

const BOOLEAN_PAIRS: readonly (readonly [string, string])[] = [
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
  ['on', 'off'],
];

/**
 * True for names that usually hold a key: `id`, `ID`, `key`, `uuid`, `guid`, `*_id`, `* id`,
 * `*-id`, `*.id`, `customerId`, `customerID`, `*_key`, `*_uuid`.
 */
export function isIdentifierName(name: string): boolean {
  const n = name.trim();
  const lower = n.toLowerCase();
  if (lower === 'id' || lower === 'key' || lower === 'uuid' || lower === 'guid' || lower === 'identifier') return true;
  for (const suffix of ['id', 'key', 'uuid', 'guid']) {
    if (lower.length > suffix.length + 1 && lower.endsWith(suffix)) {
      const before = n.charCodeAt(n.length - suffix.length - 1);
      // _id, " id", -id, .id
      if (before === 95 || before === 32 || before === 45 || before === 46) return true;
      // camelCase: customerId, customerID, orderKey (a lower-case letter then a capital)
      const first = n.charCodeAt(n.length - suffix.length);
      if (first >= 65 && first <= 90 && before >= 97 && before <= 122) return true;
    }
  }
  return false;
}

const bits64 = new Float64Array(1);
const bits32 = new Int32Array(bits64.buffer);

/** Number of distinct values (0 and -0 count as one), by open addressing on the values' bits. */
/**
 * Reusable hash-table memory for {@link countDistinct}: profiling 20 columns of a million rows
 * would otherwise leave ~20 MB of garbage per column for the collector, and the import's peak
 * memory with it.
 */
export interface DistinctScratch {
  keys: Float64Array;
  used: Uint8Array;
}

export const newDistinctScratch = (): DistinctScratch => ({ keys: new Float64Array(0), used: new Uint8Array(0) });

export function countDistinct(values: Float64Array, scratch?: DistinctScratch): number {
  const n = values.length;
  if (n === 0) return 0;
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  let keys: Float64Array;
  let used: Uint8Array;
  if (scratch) {
    if (scratch.keys.length < size) {
      scratch.keys = new Float64Array(size);
      scratch.used = new Uint8Array(size);
    } else {
      scratch.used.fill(0, 0, size);
    }
    keys = scratch.keys;
    used = scratch.used;
  } else {
    keys = new Float64Array(size);
    used = new Uint8Array(size);
  }
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

/** Missing count, distinct count and the rest of {@link ColumnStats} for `column`. */
export function columnStats(column: Column, rowCount: number): ColumnStats {
  if (column.kind === 'categorical') {
    const counts = new Float64Array(column.categories.length);
    let present = 0;
    for (let i = 0; i < rowCount; i++) {
      const c = column.codes[i];
      if (c >= 0) {
        counts[c]++;
        present++;
      }
    }
    let distinct = 0;
    for (let c = 0; c < counts.length; c++) if (counts[c] > 0) distinct++;
    return { present, distinct, counts };
  }
  const values = new Float64Array(rowCount);
  let present = 0;
  let integers = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rowCount; i++) {
    const x = column.values[i];
    if (x !== x) continue;
    values[present++] = x;
    if (integers && x !== Math.floor(x)) integers = false;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { present, distinct: countDistinct(values.subarray(0, present)), integers, min: present ? min : null, max: present ? max : null };
}

/** The flags a column earns from its counts. */
export function columnFlags(stats: ColumnStats): ColumnFlag[] {
  const flags: ColumnFlag[] = [];
  if (stats.present === 0) flags.push('all-missing');
  else if (stats.distinct === 1) flags.push('constant');
  if (stats.present > 1 && stats.distinct === stats.present) flags.push('unique');
  return flags;
}

/**
 * Why a column of this type and with these flags is left out of training by default, or null
 * when it is used.
 */
export function defaultExclusion(type: ColumnType, flags: readonly ColumnFlag[]): string | null {
  if (flags.includes('all-missing')) return 'all missing: it has no values';
  if (flags.includes('constant')) return 'constant: it has one value, so it cannot tell rows apart';
  if (type === 'identifier') return 'an identifier: unique per row, it can let a model memorise rows';
  return null;
}

/**
 * The type of `column` (over `rowCount` rows) by the rules in the module comment, with the reason
 * and flags. `stats` saves a pass when the caller has them (see {@link columnStats}).
 */
export function inferColumnType(column: Column, rowCount: number, stats: ColumnStats = columnStats(column, rowCount)): InferredColumnType {
  const flags = columnFlags(stats);
  const typed = column.kind === 'numeric' ? numericType(column.name, column.values, rowCount, stats) : categoricalType(column.categories, stats);
  return { ...typed, flags };
}

function numericType(name: string, values: Float64Array, rowCount: number, stats: ColumnStats): Omit<InferredColumnType, 'flags'> {
  if (stats.present === 0) return { type: 'numeric', reason: 'no values' };
  let integers = stats.integers;
  let min = stats.min;
  let max = stats.max;
  if (integers === undefined || min == null || max == null) {
    const s = columnStats({ kind: 'numeric', name, values }, rowCount);
    integers = s.integers!;
    min = s.min!;
    max = s.max!;
  }
  if (!integers) return { type: 'numeric', reason: 'numbers with decimals' };
  if (stats.distinct === 2 && min === 0 && max === 1) return { type: 'boolean', reason: 'only the values 0 and 1' };
  if (stats.present > 1 && stats.distinct === stats.present) {
    if (isIdentifierName(name)) return { type: 'identifier', reason: `whole numbers unique to each row, named like a key` };
    if (stats.present > ROW_NUMBER_MIN_ROWS && max - min === stats.present - 1) {
      return { type: 'identifier', reason: `a row number: each whole number from ${min} to ${max} once` };
    }
  }
  return { type: 'integer', reason: 'whole numbers' };
}

/** Up to {@link SAMPLE} used dictionary entries, evenly spaced over the dictionary. */
function dictionarySample(categories: readonly string[], counts: ArrayLike<number> | undefined): string[] {
  const used: number[] = [];
  for (let c = 0; c < categories.length; c++) if (!counts || counts[c] > 0) used.push(c);
  if (used.length <= SAMPLE) return used.map((c) => categories[c]);
  const out: string[] = [];
  for (let k = 0; k < SAMPLE; k++) out.push(categories[used[Math.floor((k * used.length) / SAMPLE)]]);
  return out;
}

function categoricalType(categories: readonly string[], stats: ColumnStats): Omit<InferredColumnType, 'flags'> {
  if (stats.present === 0) return { type: 'categorical', reason: 'no values' };
  const sample = dictionarySample(categories, stats.counts);

  if (stats.distinct === 2 && sample.length === 2) {
    const a = sample[0].toLowerCase();
    const b = sample[1].toLowerCase();
    const pair = BOOLEAN_PAIRS.find(([t, f]) => (a === t && b === f) || (a === f && b === t));
    if (pair) return { type: 'boolean', reason: `two values, ${JSON.stringify(sample[0])} and ${JSON.stringify(sample[1])}` };
  }

  const date = detectDate(sample);
  if (date) {
    const example = sample.find((s) => s.trim() !== '') ?? sample[0];
    const order = date.ambiguous ? '; no day above 12, so month first (US order) is assumed' : '';
    return { type: 'datetime', reason: `dates like ${JSON.stringify(example)} (${describeDateFormat(date.format)}${order})`, dateFormat: date.format };
  }

  let totalLength = 0;
  let manyWords = 0;
  for (const s of sample) {
    totalLength += s.length;
    if (wordCount(s) >= TEXT_WORDS) manyWords++;
  }
  const meanLength = totalLength / sample.length;
  const highCardinality = stats.distinct >= TEXT_MIN_DISTINCT && stats.distinct >= TEXT_DISTINCT_SHARE * stats.present;
  if (highCardinality && (meanLength > TEXT_MEAN_LENGTH || manyWords > sample.length / 2)) {
    const why = meanLength > TEXT_MEAN_LENGTH ? `long values (${Math.round(meanLength)} characters on average)` : `values of ${TEXT_WORDS} or more words`;
    return { type: 'text', reason: `${why}, ${stats.distinct} distinct` };
  }

  const unique = stats.present > 2 && stats.distinct === stats.present;
  const nearlyUnique = stats.present > NEAR_UNIQUE_MIN_ROWS && stats.distinct >= NEAR_UNIQUE_SHARE * stats.present;
  if ((unique || nearlyUnique) && meanLength <= IDENTIFIER_MAX_MEAN_LENGTH) {
    const share = unique ? 'unique to each row' : `${stats.distinct} distinct in ${stats.present} rows`;
    return { type: 'identifier', reason: `short values, ${share}` };
  }
  return { type: 'categorical', reason: `${stats.distinct} distinct labels` };
}

/** Words separated by whitespace, stopping at {@link TEXT_WORDS}. */
function wordCount(s: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) {
      if (++words >= TEXT_WORDS) return words;
    }
    inWord = !space;
  }
  return words;
}
