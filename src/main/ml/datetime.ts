/**
 * Dates and timestamps as people export them, parsed without `Date.parse`.
 *
 * Why not `Date.parse`: what it accepts beyond ISO 8601 differs between engines, it reads
 * `03/04/2024` as March 4th everywhere (even in files from day-first countries), and times
 * without an offset as local time. Typing a column needs one format per column, decided from a
 * sample of its values, then applied to every distinct value (up to ~1M): so each format is a
 * small hand-written scanner over char codes (no regex, no allocation beyond a month name).
 *
 * A {@link DateFormat} is a short id (serializable, stored with the dataset):
 *
 * | id | dates like |
 * |---|---|
 * | `ymd-` | `2024-03-01` (ISO 8601), `2024-03-01T12:30:00.5+02:00`, `2024-03-01 12:30` |
 * | `ymd/`, `ymd.` | `2024/03/01`, `2024.03.01` |
 * | `mdy/`, `mdy-`, `mdy.` | `03/01/2024` (month first, the US order) |
 * | `dmy/`, `dmy-`, `dmy.` | `01/03/2024`, `01-03-2024`, `01.03.2024` (day first) |
 * | `dMy` | `01-Mar-2024`, `1 March 2024`, `Fri, 01 Mar 2024 12:00:00 GMT` |
 * | `Mdy` | `Mar 1, 2024`, `March 01 2024 3:45 PM` |
 *
 * Every format takes an optional time after the date (after `T` or spaces): `H:MM`, `H:MM:SS`,
 * fractional seconds, `AM`/`PM`, and an offset (`Z`, `UTC`, `GMT`, `+02:00`, `+0200`, `-05`).
 * Times without an offset are read as UTC. Years have four digits; month names are English
 * (full or three-letter, `Sept` too, case-insensitive, optional trailing dot).
 */
import { cleanCell, isMissingToken, parseNumber } from './typing';

/** A date format id (see the module comment for the list). */
export type DateFormat = string;

type Order = 'ymd' | 'mdy' | 'dmy' | 'dMy' | 'Mdy';

interface FormatSpec {
  order: Order;
  /** Separator char code between numeric fields (unused for month-name formats). */
  sep: number;
}

const DASH = 45;
const SLASH = 47;
const DOT = 46;
const SPACE = 32;
const COLON = 58;
const COMMA = 44;

const SPECS = new Map<DateFormat, FormatSpec>([
  ['ymd-', { order: 'ymd', sep: DASH }],
  ['ymd/', { order: 'ymd', sep: SLASH }],
  ['ymd.', { order: 'ymd', sep: DOT }],
  ['mdy/', { order: 'mdy', sep: SLASH }],
  ['mdy-', { order: 'mdy', sep: DASH }],
  ['mdy.', { order: 'mdy', sep: DOT }],
  ['dmy/', { order: 'dmy', sep: SLASH }],
  ['dmy-', { order: 'dmy', sep: DASH }],
  ['dmy.', { order: 'dmy', sep: DOT }],
  ['dMy', { order: 'dMy', sep: 0 }],
  ['Mdy', { order: 'Mdy', sep: 0 }],
]);

/**
 * Candidate formats in order of preference when several parse equally many samples: ISO first;
 * with `/` and `-`, month-first (the US default) before day-first; with `.`, day-first (the
 * European convention for `01.03.2024`).
 */
const CANDIDATES: readonly DateFormat[] = ['ymd-', 'ymd/', 'ymd.', 'mdy/', 'dmy/', 'mdy-', 'dmy-', 'dmy.', 'mdy.', 'dMy', 'Mdy'];

/** Every format id this module knows. */
export const DATE_FORMATS: readonly DateFormat[] = [...SPECS.keys()];

const MONTHS = new Map<string, number>();
[
  ['jan', 'january'],
  ['feb', 'february'],
  ['mar', 'march'],
  ['apr', 'april'],
  ['may'],
  ['jun', 'june'],
  ['jul', 'july'],
  ['aug', 'august'],
  ['sep', 'sept', 'september'],
  ['oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
].forEach((names, i) => names.forEach((n) => MONTHS.set(n, i + 1)));

const WEEKDAYS = new Set(['mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday']);

// The scanner's cursor and last result, module-level so parsing allocates nothing.
let pos = 0;
let num = 0;

/** Reads `min`..`max` ASCII digits at `pos` into `num`; false (cursor unchanged) when too few. */
function digits(s: string, min: number, max: number): boolean {
  let v = 0;
  let k = 0;
  const n = s.length;
  while (k < max && pos + k < n) {
    const c = s.charCodeAt(pos + k) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    k++;
  }
  if (k < min) return false;
  pos += k;
  num = v;
  return true;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

function skipSpaces(s: string): void {
  while (pos < s.length && s.charCodeAt(pos) === SPACE) pos++;
}

/** Reads a run of letters at `pos`, lower-cased; '' when none. */
function word(s: string): string {
  const start = pos;
  while (pos < s.length && isLetter(s.charCodeAt(pos))) pos++;
  return pos > start ? s.slice(start, pos).toLowerCase() : '';
}

/** Reads an English month name (optional trailing dot) into `num`. */
function monthName(s: string): boolean {
  const start = pos;
  const m = MONTHS.get(word(s));
  if (m === undefined) {
    pos = start;
    return false;
  }
  if (pos < s.length && s.charCodeAt(pos) === DOT) pos++;
  num = m;
  return true;
}

/** Skips a leading weekday name and its comma (`Fri, `, `Friday `), if any. */
function skipWeekday(s: string): void {
  const start = pos;
  if (WEEKDAYS.has(word(s))) {
    if (pos < s.length && s.charCodeAt(pos) === DOT) pos++;
    if (pos < s.length && s.charCodeAt(pos) === COMMA) pos++;
    skipSpaces(s);
  } else pos = start;
}

/** A separator between month-name format fields: spaces, or one `-`, `/` or `.` (with spaces). */
function nameSeparator(s: string): boolean {
  const start = pos;
  skipSpaces(s);
  const c = s.charCodeAt(pos);
  if (c === DASH || c === SLASH || c === DOT) {
    pos++;
    skipSpaces(s);
  }
  return pos > start;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month];
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MS_PER_DAY = 86_400_000;

/**
 * Reads the optional time part at `pos` to the end of the string: milliseconds into the day
 * minus the offset, or NaN when what follows the date is not a time.
 */
function timePart(s: string): number {
  const n = s.length;
  if (pos === n) return 0;
  const c0 = s.charCodeAt(pos);
  if (c0 === 84 /* T */ || c0 === 116 /* t */) pos++;
  else if (c0 === SPACE || c0 === COMMA) {
    if (c0 === COMMA) pos++;
    skipSpaces(s);
    if (pos === n) return Number.NaN;
  } else return Number.NaN;
  if (!digits(s, 1, 2)) return Number.NaN;
  let hour = num;
  if (pos >= n || s.charCodeAt(pos) !== COLON) return Number.NaN;
  pos++;
  if (!digits(s, 2, 2)) return Number.NaN;
  const minute = num;
  let second = 0;
  let ms = 0;
  if (pos < n && s.charCodeAt(pos) === COLON) {
    pos++;
    if (!digits(s, 2, 2)) return Number.NaN;
    second = num;
    const c = s.charCodeAt(pos);
    if (pos < n && (c === DOT || c === COMMA)) {
      pos++;
      const start = pos;
      if (!digits(s, 1, 9)) return Number.NaN;
      ms = Math.floor((num / 10 ** (pos - start)) * 1000);
    }
  }
  if (minute > 59 || second > 59) return Number.NaN;
  skipSpaces(s);
  // AM / PM (also a.m. / p.m.)
  if (pos < n) {
    const a = s.charCodeAt(pos) | 32;
    if (a === 97 || a === 112) {
      let k = pos + 1;
      if (k < n && s.charCodeAt(k) === DOT) k++;
      if (k < n && (s.charCodeAt(k) | 32) === 109) {
        k++;
        if (k < n && s.charCodeAt(k) === DOT) k++;
        if (hour < 1 || hour > 12) return Number.NaN;
        hour = a === 112 ? (hour % 12) + 12 : hour % 12;
        pos = k;
        skipSpaces(s);
      }
    }
  }
  if (hour > 23) return Number.NaN;
  let offset = 0;
  if (pos < n) {
    const c = s.charCodeAt(pos);
    if (c === 90 /* Z */ || c === 122) pos++;
    else if (isLetter(c)) {
      const zone = word(s);
      if (zone !== 'utc' && zone !== 'gmt') return Number.NaN;
    }
    if (pos < n) {
      const sign = s.charCodeAt(pos);
      if (sign !== 43 /* + */ && sign !== DASH) return Number.NaN;
      pos++;
      if (!digits(s, 2, 2)) return Number.NaN;
      const oh = num;
      let om = 0;
      if (pos < n && s.charCodeAt(pos) === COLON) pos++;
      if (pos < n) {
        if (!digits(s, 2, 2)) return Number.NaN;
        om = num;
      }
      if (oh > 18 || om > 59) return Number.NaN;
      offset = (sign === DASH ? -1 : 1) * (oh * 60 + om) * 60_000;
    }
  }
  if (pos !== n) return Number.NaN;
  return ((hour * 60 + minute) * 60 + second) * 1000 + ms - offset;
}

/**
 * Milliseconds since 1970-01-01T00:00:00Z of `text` read under `format` (times without an offset
 * are UTC), or NaN when it does not parse, the date does not exist (`2023-02-29`, `31/04/2024`)
 * or the format is unknown. Surrounding whitespace is ignored.
 */
export function parseDate(text: string, format: DateFormat): number {
  const spec = SPECS.get(format);
  if (spec === undefined) return Number.NaN;
  const s = cleanCell(text);
  pos = 0;
  let year: number;
  let month: number;
  let day: number;
  switch (spec.order) {
    case 'ymd': {
      if (!digits(s, 4, 4) || s.charCodeAt(pos) !== spec.sep) return Number.NaN;
      year = num;
      pos++;
      if (!digits(s, 1, 2) || s.charCodeAt(pos) !== spec.sep) return Number.NaN;
      month = num;
      pos++;
      if (!digits(s, 1, 2)) return Number.NaN;
      day = num;
      break;
    }
    case 'mdy':
    case 'dmy': {
      if (!digits(s, 1, 2) || s.charCodeAt(pos) !== spec.sep) return Number.NaN;
      const a = num;
      pos++;
      if (!digits(s, 1, 2) || s.charCodeAt(pos) !== spec.sep) return Number.NaN;
      const b = num;
      pos++;
      if (!digits(s, 4, 4)) return Number.NaN;
      year = num;
      if (spec.order === 'mdy') {
        month = a;
        day = b;
      } else {
        day = a;
        month = b;
      }
      break;
    }
    case 'dMy': {
      skipWeekday(s);
      if (!digits(s, 1, 2)) return Number.NaN;
      day = num;
      if (!nameSeparator(s) && !isLetter(s.charCodeAt(pos))) return Number.NaN;
      if (!monthName(s)) return Number.NaN;
      month = num;
      if (!nameSeparator(s) || !digits(s, 4, 4)) return Number.NaN;
      year = num;
      break;
    }
    case 'Mdy': {
      skipWeekday(s);
      if (!monthName(s)) return Number.NaN;
      month = num;
      if (!nameSeparator(s) || !digits(s, 1, 2)) return Number.NaN;
      day = num;
      if (pos < s.length && s.charCodeAt(pos) === COMMA) pos++;
      if (!nameSeparator(s) || !digits(s, 4, 4)) return Number.NaN;
      year = num;
      break;
    }
  }
  // A digit right after the year (`2024-03-011`) is not a date.
  if (pos < s.length) {
    const c = s.charCodeAt(pos) - 48;
    if (c >= 0 && c <= 9) return Number.NaN;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Number.NaN;
  const time = timePart(s);
  if (Number.isNaN(time)) return Number.NaN;
  return daysFromCivil(year, month, day) * MS_PER_DAY + time;
}

/** What {@link detectDate} found in a sample. */
export interface DateDetection {
  format: DateFormat;
  /** Non-missing samples that parse under `format`. */
  parsed: number;
  /** Non-missing samples looked at. */
  total: number;
  /** True when the day/month order could not be told from the samples (no field above 12). */
  ambiguous: boolean;
  /** Some parsed sample has a time of day other than midnight. */
  hasTime: boolean;
}

/** Share of the non-missing samples that must parse for a column to count as dates. */
const MIN_PARSED_SHARE = 0.95;

/**
 * The format most of `samples` parse under, with the evidence; null unless at least 95% of the
 * non-missing samples (missing tokens as the CSV reader knows them are skipped) parse under one
 * format, and null when they are all plain numbers. Ties go to ISO, then month-first for `/` and
 * `-` (the US default; `ambiguous` says so), day-first for `.`.
 */
export function detectDate(samples: readonly string[]): DateDetection | null {
  const present: string[] = [];
  let numbers = 0;
  for (const raw of samples) {
    const s = cleanCell(raw);
    if (isMissingToken(s)) continue;
    present.push(s);
    if (!Number.isNaN(parseNumber(s))) numbers++;
  }
  if (present.length === 0 || numbers === present.length) return null;
  let best: DateFormat | null = null;
  let bestCount = 0;
  const counts = new Map<DateFormat, number>();
  for (const format of CANDIDATES) {
    let ok = 0;
    let failed = 0;
    const allowedFailures = Math.floor(present.length * (1 - MIN_PARSED_SHARE));
    for (const s of present) {
      if (Number.isNaN(parseDate(s, format))) {
        if (++failed > allowedFailures) break;
      } else ok++;
    }
    counts.set(format, ok);
    if (failed <= allowedFailures && ok > bestCount) {
      best = format;
      bestCount = ok;
    }
  }
  if (best === null) return null;
  const spec = SPECS.get(best)!;
  let ambiguous = false;
  if (spec.order === 'mdy' || spec.order === 'dmy') {
    const other = (spec.order === 'mdy' ? 'dmy' : 'mdy') + best.slice(3);
    ambiguous = counts.get(other) === bestCount;
  }
  let hasTime = false;
  for (const s of present) {
    const t = parseDate(s, best);
    if (!Number.isNaN(t) && t % MS_PER_DAY !== 0) {
      hasTime = true;
      break;
    }
  }
  return { format: best, parsed: bestCount, total: present.length, ambiguous, hasTime };
}

/**
 * The format at least 95% of the non-missing `samples` parse under, or null (also when every
 * sample is a plain number). See {@link detectDate} for the evidence behind the choice.
 */
export function detectDateFormat(samples: readonly string[]): DateFormat | null {
  return detectDate(samples)?.format ?? null;
}

const EXAMPLES: Record<Order, string> = {
  ymd: 'YYYY{s}MM{s}DD',
  mdy: 'MM{s}DD{s}YYYY',
  dmy: 'DD{s}MM{s}YYYY',
  dMy: 'DD Mon YYYY',
  Mdy: 'Mon DD, YYYY',
};

/** A human pattern for a format id, e.g. `DD/MM/YYYY`; the id itself when unknown. */
export function describeDateFormat(format: DateFormat): string {
  const spec = SPECS.get(format);
  if (!spec) return format;
  return EXAMPLES[spec.order].replaceAll('{s}', String.fromCharCode(spec.sep));
}

/** Calendar parts of a UTC timestamp (month 1-12). */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The UTC calendar parts of `ms` (milliseconds since 1970), without a Date object. */
export function dateParts(ms: number): DateParts {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  const second = Math.floor((rest - minute * 60_000) / 1000);
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day, hour, minute, second };
}

/** Milliseconds since 1970 of a UTC calendar date (month 1-12); no range checks. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** `ms` as ISO text down to `unit`: `2024`, `2024-03`, `2024-03-01`, `2024-03-01 12:00`. */
export function formatDate(ms: number, unit: 'year' | 'month' | 'day' | 'minute'): string {
  const p = dateParts(ms);
  const y = String(p.year);
  if (unit === 'year') return y;
  if (unit === 'month') return `${y}-${pad2(p.month)}`;
  if (unit === 'day') return `${y}-${pad2(p.month)}-${pad2(p.day)}`;
  return `${y}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}
