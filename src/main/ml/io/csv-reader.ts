/**
 * The fast CSV/TSV reader: a file (plain or gzip, UTF-8/UTF-16/Latin-1) streamed through the
 * byte tokenizer straight into typed columns, with progress, cancel between chunks, line numbers
 * in every message, and an option to skip rows with the wrong number of fields.
 *
 * Bad input (issue 3): an empty, header-only or binary file, ragged rows, a field over the
 * tokenizer's 16 MB limit, a file that shrinks or is removed while it is read, each fail with a
 * DataError naming the file and, where it applies, line and column. Fixed up with a note instead:
 * empty or repeated column names (renamed `column_<n>`, `<name>_2`; see {@link uniqueNames}) and
 * bytes that are not UTF-8 (read as Windows-1252, the rest of the value as UTF-8; mixed-text.ts).
 *
 * Memory: the column arrays are sized from the file's size and the first chunk's bytes per row
 * (plus a margin), so a big file is not copied over and over while it grows; only the current
 * chunk of text is held. With `sample`, a first pass counts the rows and the main pass keeps only
 * a seeded random sample of them (row-sample.ts), sized for the sample.
 */
import { DataError, listNames, quote } from '../data-error';
import type { Frame } from '../frame';
import { ByteColumn, cellString } from './byte-columns';
import { type FileHead, type ReadCounter, readHead, utf8Chunks, utf8ChunksOf, classify } from './byte-source';
import { convertDecimalCommaColumns } from './decimal-comma';
import { CsvTokenizer, FieldTooLargeError, type RecordSink, UnclosedQuoteError } from './csv-tokenizer';
import { decodeMixed } from './mixed-text';
import { RowSelector, type RowSampleInfo, type RowSampleRequest } from './row-sample';

/** csv-tokenizer's FIELD_ESCAPED, local: a cross-module read is a getter call under tsx. */
const FIELD_ESCAPED = 2;
import {
  binaryError,
  cancelled,
  delimiterName,
  describeBinary,
  emptyFile,
  fieldTooLarge,
  joinNumbers,
  noRows,
  readFailed,
  removedWhileReading,
  tooLarge,
  TruncatedFileError,
  truncatedFile,
} from './messages';

/** Progress of a read: bytes read from disk of the file's size, and data rows so far. */
export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

/** Options shared by every table reader. */
export interface TableReadOptions {
  /** Name used in messages (defaults to the path's base name). */
  fileName?: string;
  /** Cancels the read; it then rejects with a DataError of code `CANCELLED`. */
  signal?: AbortSignal;
  /** Called about every megabyte read. */
  onProgress?: (progress: ReadProgress) => void;
  /**
   * Skip rows whose number of fields differs from the header's (CSV), or lines that are not JSON
   * objects (JSON lines), and say so in a note, instead of failing.
   */
  skipBadRows?: boolean;
  /**
   * Keep only a seeded uniform random sample of this many data rows (row-sample.ts): the rows are
   * counted in a first pass and picked as the file streams by, so the file is never held whole.
   * A file with no more rows than that is read whole.
   */
  sample?: RowSampleRequest;
}

/** A table read into a frame, with what the user should know about how it was read. */
export interface TableReadResult {
  frame: Frame;
  /** Sentences about things fixed up on the way (skipped rows, re-decoded text). */
  notes: string[];
  /** Set when only a sample of the rows was kept (`options.sample` and a file with more rows). */
  sample?: RowSampleInfo;
}

const DELIMITERS = [',', ';', '\t', '|'];
const SNIFF_RECORDS = 20;
const RAGGED_REPORTED = 5;
const INITIAL_ROWS = 1024;

/** A source of UTF-8 chunks that can be read more than once (the PENDING recovery re-reads it). */
interface Source {
  file: string;
  head: FileHead;
  chunks(counter: ReadCounter): AsyncGenerator<Buffer>;
}

/** Reads a CSV/TSV file (see the module comment). Rejects with a {@link DataError}. */
export async function readCsvColumns(path: string, options: TableReadOptions = {}): Promise<TableReadResult> {
  const file = options.fileName ?? path.split(/[\\/]/).pop() ?? path;
  if (options.signal?.aborted) throw cancelled(file);
  const head = await readHead(path, file);
  return readSource({ file, head, chunks: (counter) => utf8Chunks(path, file, head, counter) }, options);
}

/** Reads CSV/TSV bytes already in memory (an upload), the same way. */
export async function readCsvBytes(bytes: Buffer, file: string, options: TableReadOptions = {}): Promise<TableReadResult> {
  if (bytes.length === 0) throw emptyFile(file);
  const head = classify(bytes.subarray(0, 64 * 1024), bytes.length, file);
  return readSource({ file, head, chunks: (counter) => utf8ChunksOf(bytes, file, head, counter) }, options);
}

async function readSource(source: Source, options: TableReadOptions): Promise<TableReadResult> {
  const { file, head } = source;
  const binary = describeBinary(head.head.subarray(0, 4096));
  if (binary) throw binaryError(file, binary);
  if (isBlank(head.head) && head.complete) throw emptyFile(file);
  const delimiter = sniffDelimiter(head.head);
  const sample = options.sample ? await planSample(source, delimiter, options.sample, options) : null;
  // Sized for the rows kept: a sample's columns never grow toward the whole file's.
  const sink = new FrameSink(file, sample ? Math.ceil((head.size * sample.rows) / sample.of) : head.size, options.skipBadRows ?? false);
  const sampled = <S extends RecordSink>(inner: S): S | SampledSink<S> => (sample ? new SampledSink(inner, new RowSelector(sample.of, sample.rows, sample.seed)) : inner);
  await pass(source, delimiter, sampled(sink), options);
  sink.check(delimiter);
  const pending = sink.pendingColumns();
  if (pending.length > 0) {
    const recovery = new RecoverySink(pending);
    try {
      await pass(source, delimiter, sampled(recovery), { signal: options.signal });
    } catch (e) {
      // The first pass read the whole file; failing to reopen it means it went away meanwhile.
      const code = (e as { cause?: { code?: unknown } }).cause?.code;
      if (e instanceof DataError && e.code === 'READ_FAILED' && code === 'ENOENT') throw removedWhileReading(file, e.cause);
      throw e;
    }
    if (!recovery.complete) throw readFailed(file, new Error('it changed while it was being read'));
    sink.recover(pending, recovery.texts);
  }
  const read = sink.finish();
  const result = sample ? { ...read, sample } : read;
  if (delimiter === ',') return result;
  // Only where the comma is not the field separator can it be a decimal comma.
  const { frame, converted } = convertDecimalCommaColumns(result.frame);
  if (converted.length === 0) return result;
  const names = converted.slice(0, 5).map((n) => `"${n}"`).join(', ') + (converted.length > 5 ? ` and ${converted.length - 5} more` : '');
  return { ...result, frame, notes: [...result.notes, `Numbers with a decimal comma (as in "3,14") were read as numbers in ${names}.`] };
}

/**
 * Counts the file's data rows (a pass of the tokenizer, holding nothing) and says what to keep:
 * null when the file has no more rows than asked for (it is read whole).
 */
async function planSample(source: Source, delimiter: string, request: RowSampleRequest, options: TableReadOptions): Promise<RowSampleInfo | null> {
  const counter = new RowCounter();
  await pass(source, delimiter, counter, options);
  return counter.rows > request.rows ? { rows: request.rows, of: counter.rows, seed: request.seed } : null;
}

/** Counts the data rows: non-blank records after the header. */
class RowCounter implements RecordSink {
  private header = true;
  rows = 0;

  record(b: Buffer, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number): boolean {
    if (blankRecord(b, starts, ends, flags, count)) return true;
    if (this.header) this.header = false;
    else this.rows++;
    return true;
  }
}

/**
 * Passes `inner` blank records, the header and the data rows `selector` picks (every data row is
 * offered to the selector, so each pass over the file picks the same rows).
 */
class SampledSink<S extends RecordSink & { rows?: number; columnName?(field: number): string | undefined }> implements RecordSink {
  private header = true;

  constructor(
    private readonly inner: S,
    private readonly selector: RowSelector,
  ) {}

  get rows(): number | undefined {
    return this.inner.rows;
  }

  columnName(field: number): string | undefined {
    return this.inner.columnName?.(field);
  }

  record(b: Buffer, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number, line: number): boolean {
    if (!blankRecord(b, starts, ends, flags, count)) {
      if (this.header) this.header = false;
      else if (!this.selector.take()) return true;
    }
    return this.inner.record(b, starts, ends, flags, count, line);
  }
}

/** Streams the source through a tokenizer into `sink`, checking for cancel between chunks. */
async function pass(
  source: Source,
  delimiter: string,
  sink: RecordSink & { rows?: number; columnName?(field: number): string | undefined },
  options: TableReadOptions,
): Promise<void> {
  const { file } = source;
  const tokenizer = new CsvTokenizer(delimiter, sink);
  const counter: ReadCounter = { bytes: 0 };
  try {
    for await (const chunk of source.chunks(counter)) {
      if (options.signal?.aborted) throw cancelled(file);
      tokenizer.push(chunk);
      options.onProgress?.({ bytesRead: counter.bytes, totalBytes: source.head.size, rows: sink.rows ?? 0 });
      if (tokenizer.isStopped) return;
    }
    tokenizer.finish();
  } catch (e) {
    if (e instanceof UnclosedQuoteError) {
      throw new DataError(
        'RAGGED_ROWS',
        `The file ${quote(file)} has a quoted field that is never closed, starting on line ${e.line}. Add the missing closing quote (") or remove the stray one, then import the file again.`,
        { file, row: e.line },
      );
    }
    if (e instanceof FieldTooLargeError) throw fieldTooLarge(file, e.line, sink.columnName?.(e.field), e.bytes, e.limit);
    if (e instanceof TruncatedFileError) {
      const partial = tokenizer.hasPartialRecord;
      throw truncatedFile(file, e.bytesRead, e.size, { line: partial ? tokenizer.currentLine : tokenizer.currentLine - 1, partial });
    }
    if (e instanceof RangeError) throw tooLarge(file);
    throw e;
  }
  if (options.signal?.aborted) throw cancelled(file);
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 32) return false;
  return true;
}

/** True for a record that is an empty or whitespace-only line. */
function blankRecord(b: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number): boolean {
  if (count !== 1 || flags[0] !== 0) return false;
  for (let i = starts[0]; i < ends[0]; i++) if (b[i] > 32) return false;
  return true;
}

/**
 * The delimiter among `,` `;` tab `|` that splits the first records of the head into the most
 * consistent number of fields (more than one); `,` when none does (a single-column file).
 */
export function sniffDelimiter(head: Buffer): string {
  let cut = head;
  const lastBreak = head.lastIndexOf(10);
  if (lastBreak > 0) cut = head.subarray(0, lastBreak + 1);
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts: number[] = [];
    const sink: RecordSink = {
      record: (b, s, e, f, count) => {
        if (!blankRecord(b, s, e, f, count)) counts.push(count);
        return counts.length < SNIFF_RECORDS;
      },
    };
    try {
      const t = new CsvTokenizer(d, sink);
      t.push(cut);
      t.finish();
    } catch {
      continue;
    }
    if (counts.length === 0 || counts[0] < 2) continue;
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = consistent * 1000 + Math.min(counts[0], 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** The main pass: header, ragged rows, typed columns. */
class FrameSink implements RecordSink {
  private names: string[] | null = null;
  private columns: ByteColumn[] = [];
  private capacity = INITIAL_ROWS;
  private headerBytes = 0;
  rows = 0;
  private readonly ragged: { line: number; fields: number }[] = [];
  private raggedTotal = 0;
  private readonly headerNotes: string[] = [];

  constructor(
    private readonly file: string,
    private readonly fileBytes: number,
    private readonly skipBadRows: boolean,
  ) {}

  record(b: Buffer, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number, line: number): boolean {
    if (blankRecord(b, starts, ends, flags, count)) return true;
    const names = this.names;
    if (names === null) {
      this.header(b, starts, ends, flags, count, line);
      this.headerBytes = ends[count - 1] - starts[0];
      return true;
    }
    if (count !== names.length) {
      if (this.ragged.length < RAGGED_REPORTED) this.ragged.push({ line, fields: count });
      this.raggedTotal++;
      return true;
    }
    if (this.raggedTotal > 0 && !this.skipBadRows) return true;
    const r = this.rows;
    if (r === this.capacity) this.grow(starts, ends, count);
    const cols = this.columns;
    for (let c = 0; c < count; c++) cols[c].push(b, starts[c], ends[c], (flags[c] & FIELD_ESCAPED) !== 0, r, line);
    this.rows = r + 1;
    return true;
  }

  /** Grows every column: on the first growth, to the row count the file's size suggests. */
  private grow(starts: Int32Array, ends: Int32Array, count: number): void {
    let next: number;
    if (this.capacity === INITIAL_ROWS && this.fileBytes > 0) {
      const rowBytes = Math.max(ends[count - 1] - starts[0] + 1, this.headerBytes / 4, 2);
      next = Math.max(INITIAL_ROWS * 2, Math.ceil((this.fileBytes / rowBytes) * 1.15));
    } else {
      next = this.capacity < 1 << 20 ? this.capacity * 2 : Math.floor(this.capacity * 1.5);
    }
    this.capacity = next;
    for (const c of this.columns) c.grow(next);
  }

  private header(b: Buffer, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number, line: number): void {
    const raw: string[] = [];
    let mixed = 0;
    for (let k = 0; k < count; k++) {
      const decoded = decodeMixed(b, starts[k], ends[k]);
      if (decoded.mixed) mixed++;
      raw.push(((flags[k] & FIELD_ESCAPED) !== 0 ? decoded.text.replaceAll('""', '"') : decoded.text).trim());
    }
    if (mixed > 0) {
      this.headerNotes.push(
        `${mixed} column name${mixed === 1 ? '' : 's'} in the header (line ${line}) ${mixed === 1 ? 'was' : 'were'} not entirely valid UTF-8; the bytes that were not were read as Windows-1252 (Latin-1).`,
      );
    }
    const { names, note } = uniqueNames(raw, line);
    if (note) this.headerNotes.push(note);
    this.names = names;
    this.columns = names.map((n) => new ByteColumn(n, this.capacity));
  }

  /** The name of the column at field index `field` (undefined before the header or past its end). */
  columnName(field: number): string | undefined {
    return this.names?.[field];
  }

  /** Throws the problem found by the pass, if any. */
  check(delimiter: string): void {
    const file = this.file;
    if (this.names === null) throw emptyFile(file);
    if (this.raggedTotal > 0 && !this.skipBadRows) {
      const parts = this.ragged.map((r) => `line ${r.line} has ${r.fields}`);
      const more = this.raggedTotal - this.ragged.length;
      const rest = more > 0 ? `, and ${more} more row${more === 1 ? '' : 's'} like them` : '';
      throw new DataError(
        'RAGGED_ROWS',
        `The file ${quote(file)} has rows with a different number of fields than its header, which has ${this.names.length}: ${parts.join(', ')}${rest}. ` +
          `Check those lines for a missing or extra ${delimiterName(delimiter)}, or a value containing one that should be in double quotes, then import the file again (or choose to skip such rows).`,
        { file, row: this.ragged[0].line },
      );
    }
    if (this.rows === 0 && this.raggedTotal > 0) {
      const lines = this.ragged.map((r) => r.line);
      throw new DataError(
        'RAGGED_ROWS',
        `Every data row of ${quote(file)} (${this.raggedTotal}) has a different number of fields than its header, which has ${this.names.length} (line${lines.length === 1 ? '' : 's'} ${joinNumbers(lines)}${this.raggedTotal > lines.length ? ' and more' : ''}), so none is left to import. ` +
          `Check that the first line is the header and that every line separates its values the same way (the ${delimiterName(delimiter)} was detected), then import the file again.`,
        { file, row: lines[0] },
      );
    }
    if (this.rows === 0) throw noRows(file);
  }

  pendingColumns(): { column: number; before: number }[] {
    const out: { column: number; before: number }[] = [];
    this.columns.forEach((c, i) => {
      if (c.pendingBefore > 0) out.push({ column: i, before: c.pendingBefore });
    });
    return out;
  }

  recover(pending: readonly { column: number }[], texts: readonly (readonly (string | undefined)[])[]): void {
    pending.forEach((p, k) => this.columns[p.column].recover(texts[k], this.rows));
  }

  finish(): TableReadResult {
    const notes: string[] = [...this.headerNotes];
    if (this.raggedTotal > 0) {
      const lines = this.ragged.map((r) => r.line);
      const more = this.raggedTotal - lines.length;
      notes.push(
        `Skipped ${this.raggedTotal} row${this.raggedTotal === 1 ? '' : 's'} with a different number of fields than the header (line${lines.length === 1 ? '' : 's'} ${joinNumbers(lines)}${more > 0 ? ` and ${more} more` : ''}).`,
      );
    }
    const note = encodingNote(this.columns);
    if (note) notes.push(note);
    return { frame: { rowCount: this.rows, columns: this.columns.map((c) => c.finish(this.rows)) }, notes };
  }
}

/**
 * Every column named and every name used once: an empty name becomes `column_<position>`, a name
 * seen before becomes `<name>_2`, `<name>_3`, … (skipping names already in the header), and the note
 * says what was renamed. Linear in the number of columns.
 */
export function uniqueNames(raw: readonly string[], line: number): { names: string[]; note: string | null } {
  const taken = new Set(raw);
  const used = new Set<string>();
  const next = new Map<string, number>();
  const renamed: string[] = [];
  const names = raw.map((name, i) => {
    if (name.length > 0 && !used.has(name)) {
      used.add(name);
      return name;
    }
    // An unnamed column is numbered by its position; a repeated name counts up from 2.
    const base = name.length > 0 ? name : 'column';
    let k = name.length > 0 ? (next.get(name) ?? 2) : i + 1;
    let candidate = `${base}_${k}`;
    while (used.has(candidate) || taken.has(candidate)) candidate = `${base}_${++k}`;
    if (name.length > 0) next.set(name, k + 1);
    used.add(candidate);
    renamed.push(name.length > 0 ? `${quote(name)} again in column ${i + 1} became ${quote(candidate)}` : `column ${i + 1} had no name and became ${quote(candidate)}`);
    return candidate;
  });
  if (renamed.length === 0) return { names, note: null };
  const shown = renamed.slice(0, 5);
  const more = renamed.length - shown.length;
  const note =
    `The header (line ${line}) had ${renamed.length === 1 ? 'a column name that was empty or repeated' : `${renamed.length} column names that were empty or repeated`}; renamed so every name is unique: ` +
    `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
  return { names, note };
}

/** One note for the values whose bytes were not all UTF-8, across columns. */
function encodingNote(columns: readonly ByteColumn[]): string | null {
  const affected = columns.filter((c) => c.latin1 !== null);
  if (affected.length === 0) return null;
  let count = 0;
  let first = affected[0];
  for (const c of affected) {
    count += c.latin1!.count;
    if (c.latin1!.firstLine < first.latin1!.firstLine) first = c;
  }
  const where = affected.length === 1 ? `of column ${quote(first.name)}` : `in ${affected.length} columns (${listNames(affected.map((c) => c.name), 5)})`;
  return (
    `${count} value${count === 1 ? '' : 's'} ${where} ${count === 1 ? 'was' : 'were'} not entirely valid UTF-8: the bytes that were not were read as Windows-1252 (Latin-1), the rest as UTF-8. ` +
    `The first is on line ${first.latin1!.firstLine}${affected.length === 1 ? '' : ` (column ${quote(first.name)})`}; if such values look wrong, save the file again as UTF-8.`
  );
}

/** The second pass: the texts of PENDING cells, stopping after the last row needed. */
class RecoverySink implements RecordSink {
  readonly texts: (string | undefined)[][];
  private header = true;
  private row = 0;
  private readonly last: number;
  private width = 0;

  /** True once every row that holds a PENDING cell was read. */
  get complete(): boolean {
    return this.row >= this.last;
  }

  constructor(private readonly pending: readonly { column: number; before: number }[]) {
    this.texts = pending.map(() => []);
    this.last = Math.max(...pending.map((p) => p.before));
  }

  record(b: Buffer, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number): boolean {
    if (blankRecord(b, starts, ends, flags, count)) return true;
    if (this.header) {
      this.header = false;
      this.width = count;
      return true;
    }
    if (count !== this.width) return true; // skipped in the main pass too
    const r = this.row++;
    this.pending.forEach((p, k) => {
      if (r < p.before) this.texts[k][r] = cellString(b, starts[p.column], ends[p.column], (flags[p.column] & FIELD_ESCAPED) !== 0);
    });
    return this.row < this.last;
  }
}
