/**
 * The Parquet reader: a `.parquet` file (or an uploaded one's bytes) read row group by row group
 * into a frame, with progress and cancel between row groups, like the CSV and JSON lines readers.
 *
 * Why it exists: tables exported from pandas, Spark, DuckDB or a warehouse are often Parquet, and
 * a Parquet file already says what each column is. So values go straight into typed columns
 * (numbers into the Float64Array, no text round trip) instead of through the CSV typing:
 *
 * - integers, floats, doubles and decimals → numeric; a 64-bit integer column holding a value
 *   beyond 2^53 (where a double stops being exact, e.g. an ID) → categorical text, with a note;
 * - booleans → categorical `true`/`false` (typed as a boolean later);
 * - strings, enums and UUIDs → categorical (trimmed; the usual missing tokens such as `NA` count
 *   as missing, as in a CSV file);
 * - dates, timestamps and times → categorical ISO-8601 text (`2024-03-01`,
 *   `2024-03-01T12:30:00Z`; no `Z` when the writer did not say the time is UTC), so the datetime
 *   inference downstream finds them;
 * - null → missing.
 *
 * Columns this app cannot use (lists, maps, structs, binary data, JSON, geometry, intervals) are
 * left out, each with a note saying so; only a file with nothing left is an error. The decoding
 * itself is hyparquet's (pure JavaScript); gzip and brotli pages go through node:zlib, zstd and
 * LZ4 through hyparquet-compressors.
 */
import { promises as fsp } from 'node:fs';
import { totalmem } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type AsyncBuffer, type Compressors, type DecodedArray, type FileMetaData, parquetMetadataAsync, parquetRead, type ParquetParsers, parquetSchema, type SchemaTree } from 'hyparquet';
import { compressors as extraCompressors } from 'hyparquet-compressors';
import { DataError, listNames, quote } from '../data-error';
import type { Column, Frame } from '../frame';
import { cleanCell, isMissingToken } from '../typing';
import type { TableReadOptions, TableReadResult } from './csv-reader';
import { cancelled, describeBinary, joinNumbers, noRows, readFailed, tooLarge } from './messages';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1
const ENCRYPTED_MAGIC = [0x50, 0x41, 0x52, 0x45]; // PARE
const MAX_MEMORY_SHARE = 0.75;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DAY_MS = 86_400_000;

/** Page decompressors: node's zlib where it has the codec (native, fast), hyparquet-compressors for the rest. */
const COMPRESSORS: Compressors = {
  ...extraCompressors,
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

/**
 * Dates and timestamps arrive as plain numbers (days, milliseconds since 1970) rather than Date
 * objects: no allocation per value, microseconds kept, and each column formats them itself
 * (only it knows whether its timestamps are UTC).
 */
const PARSERS: Partial<ParquetParsers> = {
  dateFromDays: (days: number) => days,
  timestampFromMilliseconds: (ms: bigint) => Number(ms),
  timestampFromMicroseconds: (us: bigint) => Number(us) / 1000,
  timestampFromNanoseconds: (ns: bigint) => Number(ns / 1000n) / 1000,
};

/** Reads a Parquet file (see the module comment). Rejects with a {@link DataError}. */
export async function readParquet(path: string, options: TableReadOptions = {}): Promise<TableReadResult> {
  const file = options.fileName ?? path.split(/[\\/]/).pop() ?? path;
  if (options.signal?.aborted) throw cancelled(file);
  let handle: fsp.FileHandle;
  let size: number;
  try {
    handle = await fsp.open(path, 'r');
  } catch (e) {
    throw readFailed(file, e);
  }
  try {
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      size = stat.size;
    } catch (e) {
      throw readFailed(file, e);
    }
    const h = handle;
    const source: AsyncBuffer = {
      byteLength: size,
      async slice(start: number, end: number = size): Promise<ArrayBuffer> {
        const bytes = new Uint8Array(Math.max(0, end - start));
        let done = 0;
        while (done < bytes.length) {
          const { bytesRead } = await h.read(bytes, done, bytes.length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return bytes.buffer;
      },
    };
    return await readSource(source, file, options);
  } finally {
    await handle.close();
  }
}

/** Reads Parquet bytes already in memory (an upload), the same way. */
export async function readParquetBytes(bytes: Uint8Array, file: string, options: TableReadOptions = {}): Promise<TableReadResult> {
  if (options.signal?.aborted) throw cancelled(file);
  const source: AsyncBuffer = {
    byteLength: bytes.byteLength,
    slice: (start: number, end: number = bytes.byteLength) => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end) as ArrayBuffer,
  };
  return readSource(source, file, options);
}

/** How a kept column's values are read. */
type ValueKind = 'number' | 'float32' | 'boolean' | 'text' | 'bytes' | 'date' | 'timestamp' | 'time';

interface ColumnPlan {
  /** The name in the file (what hyparquet reports chunks under). */
  source: string;
  /** The name in the frame (trimmed, as the CSV reader does with its header). */
  name: string;
  kind: ValueKind;
  /** Timestamps: the writer said they are UTC (written with a `Z`). */
  utc?: boolean;
  /** Times of day: the unit of the stored integer. */
  unit?: 'MILLIS' | 'MICROS' | 'NANOS';
}

async function readSource(source: AsyncBuffer, file: string, options: TableReadOptions): Promise<TableReadResult> {
  const size = source.byteLength;
  if (size === 0) {
    throw new DataError('EMPTY_FILE', `The file ${quote(file)} is empty (0 bytes), so it holds no Parquet table. Export the table again, then import the new file.`, { file });
  }
  const metadata = await readMetadata(source, file);
  let tree: SchemaTree;
  try {
    tree = parquetSchema(metadata);
  } catch (e) {
    throw damaged(file, e);
  }
  const names = tree.children.map((c) => c.element.name.trim());
  checkNames(names, file);
  const plans: ColumnPlan[] = [];
  const left: { name: string; what: string; why: string }[] = [];
  const notes: string[] = [];
  tree.children.forEach((child, i) => {
    const plan = planColumn(child, names[i]);
    if ('why' in plan) {
      left.push(plan);
      notes.push(`Column ${quote(plan.name)} (${plan.what}) was left out: ${plan.why}`);
    } else plans.push(plan);
  });
  if (plans.length === 0) {
    const which = left.map((l) => `${quote(l.name)} (${l.what})`);
    throw new DataError(
      'UNSUPPORTED_TYPE',
      `The Parquet file ${quote(file)} has no column this app can use: ${which.length === 0 ? 'it has no columns' : `${which.slice(0, 8).join(', ')}${which.length > 8 ? ` and ${which.length - 8} more` : ''} ${which.length === 1 ? 'is' : 'are'} nested, binary or of a type that is not supported`}. Export the table with plain columns (numbers, text, booleans, dates), flattening nested ones, then import it again.`,
      { file },
    );
  }
  const groups = rowGroups(metadata);
  const rowCount = groups.reduce((n, g) => n + g.rows, 0);
  if (rowCount === 0) throw noRows(file);
  if (rowCount * plans.length * 8 > totalmem() * MAX_MEMORY_SHARE) throw tooLarge(file, size);

  let columns: ParquetColumn[];
  try {
    columns = plans.map((p) => new ParquetColumn(p, rowCount));
  } catch (e) {
    if (e instanceof RangeError) throw tooLarge(file, size);
    throw e;
  }
  const bySource = new Map(columns.map((c) => [c.plan.source, c]));
  let bytesRead = size - groups.reduce((n, g) => n + g.bytes, 0); // footer and header: read first
  let rowsDone = 0;
  for (let g = 0; g < groups.length; g++) {
    if (options.signal?.aborted) throw cancelled(file);
    const { start, rows, bytes } = groups[g];
    if (rows === 0) continue;
    let failure: unknown;
    try {
      await parquetRead({
        file: source,
        metadata,
        columns: plans.map((p) => p.source),
        rowStart: start,
        rowEnd: start + rows,
        compressors: COMPRESSORS,
        parsers: PARSERS,
        onChunk: (chunk) => {
          // Never throw here: hyparquet calls this from a promise callback nobody awaits.
          try {
            bySource.get(chunk.columnName)?.write(chunk.columnData, chunk.rowStart, start, start + rows);
          } catch (e) {
            failure ??= e;
          }
        },
      });
    } catch (e) {
      failure ??= e;
    }
    if (failure !== undefined) throw groupFailed(file, failure, g, groups.length, start, rows, size);
    rowsDone += rows;
    bytesRead = Math.min(size, bytesRead + bytes);
    options.onProgress?.({ bytesRead: g === groups.length - 1 ? size : bytesRead, totalBytes: size, rows: rowsDone });
  }
  if (options.signal?.aborted) throw cancelled(file);

  const frameColumns: Column[] = [];
  for (const c of columns) {
    const done = c.finish();
    if (done.note) notes.push(done.note);
    if (done.column) frameColumns.push(done.column);
  }
  if (frameColumns.length === 0) {
    throw new DataError('UNSUPPORTED_TYPE', `The Parquet file ${quote(file)} has no column this app can use: ${notes.join(' ')} Export the table with plain columns (numbers, text, booleans, dates), then import it again.`, { file });
  }
  const frame: Frame = { rowCount, columns: frameColumns };
  return { frame, notes };
}

// ---------------------------------------------------------------------------------------------
// The file's structure.

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

async function readMetadata(source: AsyncBuffer, file: string): Promise<FileMetaData> {
  const size = source.byteLength;
  let head: Uint8Array;
  let tail: Uint8Array;
  try {
    head = new Uint8Array(await source.slice(0, Math.min(size, 4096)));
    tail = new Uint8Array(await source.slice(Math.max(0, size - 4), size));
  } catch (e) {
    throw readFailed(file, e);
  }
  if (!startsWith(head, MAGIC)) throw notParquet(file, head);
  if (startsWith(tail, ENCRYPTED_MAGIC)) {
    throw new DataError('READ_FAILED', `The Parquet file ${quote(file)} is encrypted, and this app cannot decrypt it. Export the table again without encryption, then import that file.`, { file });
  }
  if (size < 12 || !startsWith(tail, MAGIC)) {
    throw new DataError(
      'READ_FAILED',
      `The Parquet file ${quote(file)} is incomplete: its end, where Parquet keeps the table's description, is missing (the file was probably cut short while being copied, downloaded or written). Copy or export the file again, then import the new copy.`,
      { file },
    );
  }
  try {
    return await parquetMetadataAsync(source, { parsers: PARSERS });
  } catch (e) {
    throw damaged(file, e);
  }
}

function notParquet(file: string, head: Uint8Array): DataError {
  const kind = describeBinary(head);
  if (kind === null) {
    return new DataError(
      'BINARY_FILE',
      `The file ${quote(file)} is named .parquet but is not a Parquet file: it looks like text. If it is a CSV file, rename it to end in .csv (or .jsonl for JSON lines) and import it again.`,
      { file },
    );
  }
  const fix = kind.what.startsWith('a gzip') ? 'Decompress it first, then import the .parquet file inside.' : 'Export the table as Parquet or CSV, then import that file instead.';
  return new DataError('BINARY_FILE', `The file ${quote(file)} is named .parquet but is not a Parquet file: it looks like ${kind.what}. ${fix}`, { file });
}

function damaged(file: string, cause: unknown): DataError {
  const why = cause instanceof Error ? cause.message : String(cause);
  const error = new DataError(
    'READ_FAILED',
    `The Parquet file ${quote(file)} could not be read: its description of the table is damaged (${why}). Copy or export the file again, then import the new copy.`,
    { file },
  );
  error.cause = cause;
  return error;
}

function groupFailed(file: string, cause: unknown, group: number, groups: number, start: number, rows: number, size: number): DataError {
  if (cause instanceof DataError) return cause;
  const why = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof RangeError && /allocation|array length/i.test(why)) return tooLarge(file, size);
  const error = new DataError(
    'READ_FAILED',
    `The Parquet file ${quote(file)} could not be read: row group ${group + 1} of ${groups} (rows ${start + 1} to ${start + rows}) failed to decode (${why}). The file may be damaged or use a compression this app does not support (LZO); export it again (Snappy, gzip or zstd compression), then import the new file.`,
    { file },
  );
  error.cause = cause;
  return error;
}

/** Row groups: first row, row count, and bytes on disk. */
function rowGroups(metadata: FileMetaData): { start: number; rows: number; bytes: number }[] {
  let start = 0;
  return metadata.row_groups.map((g) => {
    const rows = Number(g.num_rows);
    const bytes = Number(g.total_compressed_size ?? g.columns.reduce((n, c) => n + (c.meta_data?.total_compressed_size ?? 0n), 0n));
    const group = { start, rows, bytes };
    start += rows;
    return group;
  });
}

/** Mimics the CSV reader's header check: every column named, no name twice. */
function checkNames(names: readonly string[], file: string): void {
  const unnamed: number[] = [];
  const seen = new Map<string, number[]>();
  names.forEach((name, i) => {
    if (name.length === 0) unnamed.push(i + 1);
    else seen.set(name, [...(seen.get(name) ?? []), i + 1]);
  });
  if (unnamed.length > 0) {
    const which = unnamed.length === 1 ? `column ${unnamed[0]}` : `columns ${joinNumbers(unnamed.slice(0, 10))}${unnamed.length > 10 ? ' and more' : ''}`;
    throw new DataError('BAD_HEADER', `The Parquet file ${quote(file)} has no name for ${which}. Give every column a name, export the table again, then import the new file.`, { file });
  }
  const duplicates = [...seen].filter(([, at]) => at.length > 1);
  if (duplicates.length > 0) {
    const [name, at] = duplicates[0];
    const more = duplicates.length > 1 ? ` (so do ${listNames(duplicates.slice(1).map(([n]) => n))})` : '';
    throw new DataError(
      'BAD_HEADER',
      `The Parquet file ${quote(file)} uses the column name ${quote(name)} more than once (columns ${joinNumbers(at)})${more}. Rename the columns so every name is unique, export the table again, then import the new file.`,
      { file, column: name },
    );
  }
}

const FLATTEN = 'nested values are not supported. Flatten it before export to use it.';

/** How a top-level column is read, or why it is left out. */
function planColumn(node: SchemaTree, name: string): ColumnPlan | { name: string; what: string; why: string } {
  const e = node.element;
  const source = e.name;
  const ctype = e.converted_type;
  const ltype = e.logical_type;
  const out = (what: string, why: string): { name: string; what: string; why: string } => ({ name, what, why });
  if (node.children.length > 0 || e.num_children !== undefined) {
    if (ltype?.type === 'VARIANT') return out('a variant', FLATTEN);
    if (ctype === 'LIST' || ltype?.type === 'LIST') return out('a list', FLATTEN);
    if (ctype === 'MAP' || ctype === 'MAP_KEY_VALUE' || ltype?.type === 'MAP') return out('a map', FLATTEN);
    return out('a struct', FLATTEN);
  }
  if (e.repetition_type === 'REPEATED') return out('a list', FLATTEN);
  const lt = ltype?.type;
  if (ctype === 'JSON' || lt === 'JSON') return out('JSON', 'JSON values are not supported. Export its fields as separate columns to use them.');
  if (ctype === 'BSON' || lt === 'BSON') return out('BSON', 'binary values are not supported. Export it as text to use it.');
  if (ctype === 'INTERVAL' || lt === 'INTERVAL') return out('an interval', 'intervals are not supported. Export it as a number (for example, days) to use it.');
  if (lt === 'GEOMETRY' || lt === 'GEOGRAPHY') return out(`a ${lt.toLowerCase()}`, 'geospatial values are not supported. Export coordinates as number columns to use them.');
  if (ctype === 'DATE' || lt === 'DATE') return { source, name, kind: 'date' };
  if (lt === 'TIMESTAMP') return { source, name, kind: 'timestamp', utc: ltype?.type === 'TIMESTAMP' && ltype.isAdjustedToUTC };
  if (ctype === 'TIMESTAMP_MILLIS' || ctype === 'TIMESTAMP_MICROS') return { source, name, kind: 'timestamp', utc: true };
  if (e.type === 'INT96') return { source, name, kind: 'timestamp', utc: false };
  if (lt === 'TIME' || ctype === 'TIME_MILLIS' || ctype === 'TIME_MICROS') {
    const unit = ltype?.type === 'TIME' ? ltype.unit : ctype === 'TIME_MILLIS' ? 'MILLIS' : 'MICROS';
    return { source, name, kind: 'time', unit };
  }
  if (ctype === 'DECIMAL' || lt === 'DECIMAL' || lt === 'FLOAT16') return { source, name, kind: 'number' };
  if (ctype === 'UTF8' || ctype === 'ENUM' || lt === 'STRING' || lt === 'ENUM' || lt === 'UUID') return { source, name, kind: 'text' };
  switch (e.type) {
    case 'BOOLEAN':
      return { source, name, kind: 'boolean' };
    case 'INT32':
    case 'INT64':
    case 'DOUBLE':
      return { source, name, kind: 'number' };
    case 'FLOAT':
      return { source, name, kind: 'float32' };
    case 'BYTE_ARRAY':
      // No string annotation: older writers store text like this. Kept while it decodes as text.
      return { source, name, kind: 'bytes' };
    default:
      return out('binary data', 'binary values are not supported. Export it as text to use it.');
  }
}

// ---------------------------------------------------------------------------------------------
// Columns.

/** One kept column, filled row group by row group; numeric or categorical from the start. */
class ParquetColumn {
  private values: Float64Array | null = null;
  private codes: Int32Array | null = null;
  private readonly categories: string[] = [];
  private readonly dictionary = new Map<string, number>();
  /** Date/timestamp/boolean values already formatted: raw value → code. */
  private readonly byValue = new Map<unknown, number>();
  private nonFinite = 0;
  private unsafeExample: bigint | null = null;
  private outOfRange = 0;
  private binary = false;

  constructor(
    readonly plan: ColumnPlan,
    private readonly rows: number,
  ) {
    if (plan.kind === 'number' || plan.kind === 'float32') this.values = new Float64Array(rows);
    else this.codes = new Int32Array(rows).fill(-1);
  }

  /** Writes the values of `data` (whose first value is row `at`) that fall in rows [from, to). */
  write(data: DecodedArray, at: number, from: number, to: number): void {
    const lo = Math.max(0, from - at);
    const hi = Math.min(data.length, to - at);
    if (hi <= lo || this.binary) return;
    if (this.values) this.writeNumbers(data, at, lo, hi);
    else this.writeCodes(data, at, lo, hi);
  }

  private writeNumbers(data: DecodedArray, at: number, lo: number, hi: number): void {
    const out = this.values!;
    if (data instanceof Float64Array || data instanceof Int32Array || data instanceof Uint32Array) {
      out.set(data.subarray(lo, hi), at + lo);
      if (data instanceof Float64Array) this.countNonFinite(at + lo, at + hi);
      return;
    }
    const float32 = this.plan.kind === 'float32';
    for (let i = lo; i < hi; i++) {
      const v: unknown = data[i];
      let x: number;
      if (typeof v === 'number') x = float32 ? shortFloat32(v) : v;
      else if (typeof v === 'bigint') {
        if (v > SAFE || v < -SAFE) {
          this.unsafeExample = v;
          this.toText(at + i);
          this.writeCodes(data, at, i, hi);
          return;
        }
        x = Number(v);
      } else x = Number.NaN;
      if (x === Infinity || x === -Infinity) {
        this.nonFinite++;
        x = Number.NaN;
      }
      out[at + i] = x;
    }
  }

  private countNonFinite(lo: number, hi: number): void {
    const out = this.values!;
    for (let r = lo; r < hi; r++) {
      if (out[r] === Infinity || out[r] === -Infinity) {
        out[r] = Number.NaN;
        this.nonFinite++;
      }
    }
  }

  /** A 64-bit integer column met a value beyond 2^53: from here on it is text (earlier values were exact). */
  private toText(before: number): void {
    const values = this.values!;
    const codes = new Int32Array(this.rows).fill(-1);
    for (let r = 0; r < before; r++) if (!Number.isNaN(values[r])) codes[r] = this.code(String(values[r]));
    this.values = null;
    this.codes = codes;
  }

  private code(text: string): number {
    let c = this.dictionary.get(text);
    if (c === undefined) {
      c = this.categories.length;
      this.categories.push(text);
      this.dictionary.set(text, c);
    }
    return c;
  }

  private writeCodes(data: DecodedArray, at: number, lo: number, hi: number): void {
    const codes = this.codes!;
    const kind = this.plan.kind;
    for (let i = lo; i < hi; i++) {
      const v: unknown = data[i];
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        if (kind === 'bytes' && !looksLikeText(v)) {
          this.binary = true;
          return;
        }
        const s = cleanCell(v);
        if (!isMissingToken(s)) codes[at + i] = this.code(s);
        continue;
      }
      let c = this.byValue.get(v);
      if (c === undefined) {
        const text = this.format(v);
        if (text === null) {
          this.outOfRange++;
          continue;
        }
        c = this.code(text);
        this.byValue.set(v, c);
      }
      codes[at + i] = c;
    }
  }

  /** Text of a non-string value, or null when it cannot be shown (a date out of range). */
  private format(v: unknown): string | null {
    switch (this.plan.kind) {
      case 'date':
        return isoDate(Number(v));
      case 'timestamp':
        return isoTimestamp(Number(v), this.plan.utc ?? false);
      case 'time':
        return timeOfDay(v, this.plan.unit ?? 'MILLIS');
      default:
        return typeof v === 'boolean' ? String(v) : typeof v === 'bigint' || typeof v === 'number' ? String(v) : null;
    }
  }

  finish(): { column?: Column; note?: string } {
    const { name } = this.plan;
    if (this.binary) {
      return { note: `Column ${quote(name)} (binary data) was left out: binary values are not supported. Export it as text to use it.` };
    }
    const notes: string[] = [];
    if (this.unsafeExample !== null) {
      notes.push(
        `Column ${quote(name)} holds whole numbers too large to be exact as numbers (such as ${this.unsafeExample}), so it was read as text; it is probably an identifier.`,
      );
    }
    if (this.nonFinite > 0) notes.push(`${this.nonFinite} infinite value${this.nonFinite === 1 ? '' : 's'} of column ${quote(name)} ${this.nonFinite === 1 ? 'was' : 'were'} read as missing.`);
    if (this.outOfRange > 0) notes.push(`${this.outOfRange} value${this.outOfRange === 1 ? '' : 's'} of column ${quote(name)} ${this.outOfRange === 1 ? 'was' : 'were'} outside the range of dates that can be shown and ${this.outOfRange === 1 ? 'was' : 'were'} read as missing.`);
    const note = notes.length > 0 ? notes.join(' ') : undefined;
    if (this.values) return { column: { kind: 'numeric', name, values: this.values }, note };
    return { column: { kind: 'categorical', name, codes: this.codes!, categories: this.categories }, note };
  }
}

/** False for a decoded value that was not valid UTF-8 or holds control characters (binary data). */
function looksLikeText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) return false;
  }
  return true;
}

/**
 * The shortest decimal that reads back as the same 32-bit float: a FLOAT 0.1 is stored as
 * 0.100000001490116…, which is what a double would show.
 */
function shortFloat32(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  for (let p = 1; p < 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) return d;
  }
  return v;
}

function isoDate(days: number): string | null {
  const ms = days * DAY_MS;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  return new Date(ms).toISOString().slice(0, 10).replace(/^\+0*/, '');
}

/** `2024-03-01T12:30:00Z`, with `.fff` or `.ffffff` only when there are fractions of a second. */
function isoTimestamp(ms: number, utc: boolean): string | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  const whole = Math.floor(ms);
  const iso = new Date(whole).toISOString(); // 2024-03-01T12:30:00.123Z
  const micros = Math.round((ms - whole) * 1000);
  let fraction = iso.slice(20, 23) + (micros > 0 ? String(Math.min(micros, 999)).padStart(3, '0') : '');
  fraction = fraction.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}${utc ? 'Z' : ''}`;
}

/** `13:45:00` (with fractions of a second when there are any) from a time-of-day integer. */
function timeOfDay(v: unknown, unit: 'MILLIS' | 'MICROS' | 'NANOS'): string | null {
  const n = Number(v);
  if (!Number.isFinite(n)) return null;
  const ms = unit === 'MILLIS' ? n : unit === 'MICROS' ? n / 1000 : n / 1e6;
  const text = isoTimestamp(ms, false);
  return text === null ? null : text.slice(11);
}
