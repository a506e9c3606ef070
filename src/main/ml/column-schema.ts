/**
 * Turns an imported frame into the frame a run learns from, following the column choices the
 * run started with: excluded columns are dropped, type overrides change how a column is held
 * (numbers read as categories, texts read as numbers), datetime columns become numeric parts
 * (year, month, day, weekday, hour, days since 1970) and free-text columns numeric statistics
 * (characters, words, digits) that trees and linear models can split on.
 *
 * The same steps must happen to new rows at prediction time, outside the app, where only the raw
 * texts exist. So every step that changes values is also returned as a {@link ColumnTransform}
 * (plain JSON, written into each exported profile), and {@link deriveInputColumns} replays them
 * on text columns read from a CSV. The ONNX graph then sees exactly the inputs it was trained on.
 */
import type { ColumnType } from '../../shared/domain';
import { DATE_FORMATS, type DateFormat, detectDateFormat, parseDate } from './datetime';
import type { CategoricalColumn, Column, Frame, NumericColumn } from './frame';
import { MISSING_CODE } from './frame';
import { cleanCell, isMissingToken, parseNumber } from './typing';
import { TEXT_STATS, textStat, textStatName, type TextStat } from './text-stats';

/** One column's choice as a run sees it (a snapshot taken when the run starts). */
export interface ColumnChoice {
  name: string;
  type: ColumnType;
  excluded: boolean;
}

/** A part of a date the models see, as its own numeric column `<column>.<part>`. */
export type DatePart = 'year' | 'month' | 'day' | 'weekday' | 'hour' | 'epoch_days';

/** A value-changing step, replayed on raw texts at prediction time. */
export type ColumnTransform =
  | { kind: 'datetime'; source: string; format: DateFormat; parts: DatePart[] }
  /** Free text fed as numbers: `<column>.chars`, `<column>.words`, `<column>.digits` (ml/text-stats.ts). */
  | { kind: 'text-stats'; source: string; stats: TextStat[] }
  /** Numbers held as categories: the category of a cell is the text of its number (`"3.0"` → `"3"`). */
  | { kind: 'number-as-category'; source: string };

/** The frame a run learns from, and what was done to get it. */
export interface PreparedColumns {
  frame: Frame;
  transforms: ColumnTransform[];
  /** Sentences for the run log (columns dropped, dates that did not parse). */
  notes: string[];
}

const DAY_MS = 86_400_000;
/** Types held as categories when their column holds numbers (identifiers are excluded by default). */
const KEEP_AS_CATEGORY: readonly ColumnType[] = ['text', 'identifier'];

/** Name of the numeric column holding `part` of the datetime column `source`. */
export const datePartName = (source: string, part: DatePart): string => `${source}.${part}`;

/** The numeric columns a transform feeds the model (none for numbers held as categories). */
export function derivedInputNames(t: ColumnTransform): string[] {
  if (t.kind === 'datetime') return t.parts.map((part) => datePartName(t.source, part));
  if (t.kind === 'text-stats') return t.stats.map((stat) => textStatName(t.source, stat));
  return [];
}

/**
 * Applies the run's column choices to `frame`. The target column is never dropped; its type
 * choice still applies (a numeric target held as categories makes a classification task).
 * Columns without a choice (datasets imported before choices existed) are kept as they are.
 */
export function applyColumnChoices(frame: Frame, choices: readonly ColumnChoice[] | undefined, target: string): PreparedColumns {
  if (!choices || choices.length === 0) return { frame, transforms: [], notes: [] };
  const byName = new Map(choices.map((c) => [c.name, c]));
  const columns: Column[] = [];
  const transforms: ColumnTransform[] = [];
  const notes: string[] = [];
  const dropped: string[] = [];
  for (const column of frame.columns) {
    const choice = byName.get(column.name);
    if (!choice) {
      columns.push(column);
      continue;
    }
    const isTarget = column.name === target;
    if (choice.excluded && !isTarget) {
      dropped.push(column.name);
      continue;
    }
    if (choice.type === 'datetime' && !isTarget) {
      const expanded = expandDatetime(column, frame.rowCount);
      if (!expanded) {
        notes.push(`Column "${column.name}" is set to datetime but none of its values reads as a date, so it was left out.`);
        continue;
      }
      columns.push(...expanded.columns);
      transforms.push(expanded.transform);
      if (expanded.unparsed > 0) notes.push(`${expanded.unparsed} values of "${column.name}" did not read as dates and are treated as missing.`);
      continue;
    }
    // Free text (held as texts; a column held as numbers stays categories, as it always was).
    if (choice.type === 'text' && !isTarget && column.kind === 'categorical') {
      const expanded = expandText(column, frame.rowCount);
      columns.push(...expanded.columns);
      transforms.push(expanded.transform);
      continue;
    }
    const wantsCategories = choice.type === 'categorical' || choice.type === 'boolean' || KEEP_AS_CATEGORY.includes(choice.type);
    const wantsNumbers = choice.type === 'numeric' || choice.type === 'integer';
    if (wantsCategories && column.kind === 'numeric' && (choice.type !== 'boolean' || isTarget)) {
      columns.push(numbersAsCategories(column, frame.rowCount));
      transforms.push({ kind: 'number-as-category', source: column.name });
    } else if (wantsNumbers && column.kind === 'categorical') {
      const converted = categoriesAsNumbers(column, frame.rowCount);
      columns.push(converted.column);
      if (converted.unparsed > 0) notes.push(`${converted.unparsed} values of "${column.name}" are not numbers and are treated as missing.`);
    } else {
      columns.push(column);
    }
  }
  if (dropped.length > 0) notes.unshift(`Left out of training: ${dropped.map((d) => `"${d}"`).join(', ')}.`);
  return { frame: { rowCount: frame.rowCount, columns }, transforms, notes };
}

/** A numeric column re-held as categories (the text of each number), in first-appearance order. */
function numbersAsCategories(column: NumericColumn, rowCount: number): CategoricalColumn {
  const codes = new Int32Array(rowCount);
  const categories: string[] = [];
  const index = new Map<number, number>();
  for (let i = 0; i < rowCount; i++) {
    const v = column.values[i];
    if (Number.isNaN(v)) {
      codes[i] = MISSING_CODE;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = categories.length;
      categories.push(String(v));
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { kind: 'categorical', name: column.name, codes, categories };
}

/** A categorical column read as numbers; categories that are not numbers become missing. */
function categoriesAsNumbers(column: CategoricalColumn, rowCount: number): { column: NumericColumn; unparsed: number } {
  const valueOf = Float64Array.from(column.categories, (c) => parseNumber(c.trim()));
  const values = new Float64Array(rowCount);
  let unparsed = 0;
  for (let i = 0; i < rowCount; i++) {
    const code = column.codes[i];
    if (code < 0) values[i] = Number.NaN;
    else {
      values[i] = valueOf[code];
      if (Number.isNaN(values[i])) unparsed++;
    }
  }
  return { column: { kind: 'numeric', name: column.name, values }, unparsed };
}

/** The texts a datetime column holds, once per distinct value, and each row's index into them. */
function distinctTexts(column: Column, rowCount: number): { texts: string[]; codes: Int32Array } {
  if (column.kind === 'categorical') return { texts: column.categories, codes: column.codes };
  const asCategories = numbersAsCategories(column, rowCount);
  return { texts: asCategories.categories, codes: asCategories.codes };
}

/** A free-text column as its statistics (missing text: every statistic missing). */
function expandText(column: Column, rowCount: number): { columns: NumericColumn[]; transform: ColumnTransform } {
  const { texts, codes } = distinctTexts(column, rowCount);
  const stats = [...TEXT_STATS];
  const perCode = stats.map((stat) => Float64Array.from(texts, (t) => textStat(t, stat)));
  const out = stats.map((stat) => ({ kind: 'numeric' as const, name: textStatName(column.name, stat), values: new Float64Array(rowCount) }));
  for (let i = 0; i < rowCount; i++) {
    const code = codes[i];
    for (let s = 0; s < stats.length; s++) out[s].values[i] = code < 0 ? Number.NaN : perCode[s][code];
  }
  return { columns: out, transform: { kind: 'text-stats', source: column.name, stats } };
}

function expandDatetime(column: Column, rowCount: number): { columns: NumericColumn[]; transform: ColumnTransform; unparsed: number } | null {
  const { texts, codes } = distinctTexts(column, rowCount);
  const sample = sampleTexts(texts, 2000);
  const format = detectDateFormat(sample) ?? detectLoosely(sample);
  if (format === null) return null;
  const millis = Float64Array.from(texts, (t) => parseDate(t.trim(), format));
  let anyTime = false;
  for (const ms of millis) {
    if (!Number.isNaN(ms) && ms % DAY_MS !== 0) {
      anyTime = true;
      break;
    }
  }
  const parts: DatePart[] = ['year', 'month', 'day', 'weekday', ...(anyTime ? (['hour'] as const) : []), 'epoch_days'];
  const perCode = parts.map((part) => Float64Array.from(millis, (ms) => datePart(ms, part)));
  const out = parts.map((part) => ({ kind: 'numeric' as const, name: datePartName(column.name, part), values: new Float64Array(rowCount) }));
  let unparsed = 0;
  for (let i = 0; i < rowCount; i++) {
    const code = codes[i];
    const bad = code < 0 || Number.isNaN(millis[code]);
    if (bad && code >= 0 && texts[code].trim() !== '') unparsed++;
    for (let p = 0; p < parts.length; p++) out[p].values[i] = bad ? Number.NaN : perCode[p][code];
  }
  return { columns: out, transform: { kind: 'datetime', source: column.name, format, parts }, unparsed };
}

/** The user said "datetime": take the format that reads the most values, if it reads at least half. */
function detectLoosely(sample: readonly string[]): DateFormat | null {
  let best: DateFormat | null = null;
  let bestCount = 0;
  for (const format of DATE_FORMATS) {
    let count = 0;
    for (const text of sample) if (!Number.isNaN(parseDate(text, format))) count++;
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  return bestCount > 0 && bestCount * 2 >= sample.length ? best : null;
}

function sampleTexts(texts: readonly string[], max: number): string[] {
  const present = texts.map((t) => t.trim()).filter((t) => t.length > 0);
  if (present.length <= max) return present;
  const step = present.length / max;
  return Array.from({ length: max }, (_, k) => present[Math.floor(k * step)]);
}

/** One part of a UTC timestamp (NaN stays NaN). */
export function datePart(ms: number, part: DatePart): number {
  if (Number.isNaN(ms)) return Number.NaN;
  if (part === 'epoch_days') return ms / DAY_MS;
  const d = new Date(ms);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'weekday':
      return d.getUTCDay();
    case 'hour':
      return d.getUTCHours() + d.getUTCMinutes() / 60;
  }
}

/**
 * Replays `transforms` on raw text columns (a CSV read at prediction time): adds each datetime's
 * part columns and rewrites number-as-category cells. Returns a new record; `columns` is not changed.
 */
export function deriveInputColumns(
  columns: Record<string, (string | null)[]>,
  transforms: readonly ColumnTransform[],
): Record<string, (string | null)[]> {
  const out: Record<string, (string | null)[]> = { ...columns };
  for (const t of transforms) {
    const cells = Object.hasOwn(columns, t.source) ? columns[t.source] : undefined;
    if (!cells) continue;
    if (t.kind === 'number-as-category') {
      out[t.source] = cells.map((c) => {
        if (c === null) return null;
        const v = parseNumber(c.trim());
        return Number.isNaN(v) ? c : String(v);
      });
      continue;
    }
    if (t.kind === 'text-stats') {
      // As at import: the cell trimmed, and a missing token (NA, ?, …) missing.
      const texts = cells.map((c) => (c === null ? null : cleanCell(c)));
      for (const stat of t.stats) out[textStatName(t.source, stat)] = texts.map((c) => (c === null || isMissingToken(c) ? null : String(textStat(c, stat))));
      continue;
    }
    const millis = cells.map((c) => (c === null ? Number.NaN : parseDate(c.trim(), t.format)));
    for (const part of t.parts) {
      out[datePartName(t.source, part)] = millis.map((ms) => {
        const v = datePart(ms, part);
        return Number.isNaN(v) ? null : String(v);
      });
    }
  }
  return out;
}
