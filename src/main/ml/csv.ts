/**
 * CSV import: a file or a string becomes a typed {@link Frame}, or a {@link DataError} that tells
 * the user what is wrong and where.
 *
 * Tokenizing is papaparse's job (quotes, embedded delimiters and newlines, delimiter sniffing
 * among `,` `;` tab `|`). Files are streamed through it in chunks, so the event loop keeps turning,
 * cancellation is honoured between chunks, and the file's text is never held whole; rows are typed
 * as they arrive (see typing.ts).
 *
 * Rare work is kept off the main pass: line numbers for error messages and the texts a column
 * needs when it turns categorical late are found by a second, early-stopping pass over the same
 * source with the same delimiter. Line numbers are counted from the records themselves (one line
 * per record plus the line breaks inside its quoted fields), so that pass can stream too.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { totalmem } from 'node:os';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { DataError, listNames, quote } from './data-error';
import { binaryError, cancelled, delimiterName, describeBinary, emptyFile, joinNumbers, noRows, readFailed, tooLarge } from './io/messages';
import type { Frame } from './frame';
import { cleanCell, FrameBuilder } from './typing';

/** Options for {@link readCsvFile}. */
export interface ReadCsvFileOptions {
  /** Cancels the read; the promise then rejects with a DataError of code `CANCELLED`. */
  signal?: AbortSignal;
  /** Name used in error messages (defaults to the path's base name). */
  fileName?: string;
}

/** Options for {@link readCsvText}. */
export interface ReadCsvTextOptions {
  /** Checked before parsing (parsing a string is synchronous). */
  signal?: AbortSignal;
}

const DELIMITERS = [',', ';', '\t', '|'];
const CHUNK_CHARS = 1 << 20;
const HEAD_BYTES = 64 * 1024;
/** Records the delimiter is sniffed from. */
const SNIFF_RECORDS = 20;
const RAGGED_REPORTED = 5;
/** A file larger than this share of the machine's memory is refused up front. */
const MAX_MEMORY_SHARE = 0.75;

/**
 * Reads a CSV/TSV file into a frame, streaming it. Rejects with a {@link DataError} for empty,
 * binary, malformed or unreadable files, and with code `CANCELLED` when `signal` aborts.
 */
export async function readCsvFile(path: string, options: ReadCsvFileOptions = {}): Promise<Frame> {
  const file = options.fileName ?? basename(path);
  const { signal } = options;
  if (signal?.aborted) throw cancelled(file);
  const head = await checkFileHead(path, file);
  if (signal?.aborted) throw cancelled(file);

  const sink = new MainSink(file);
  const result = await passFile(path, file, sniffDelimiter(head), sink.consume, signal);
  const problem = sink.problem(result);
  if (problem) {
    const located = locator(problem.ordinals, result);
    if (problem.ordinals.length > 0) await passFile(path, file, result.delimiter, located.sink, signal);
    throw problem.build(located.lines);
  }
  const builder = sink.frameBuilder();
  const pending = builder.pendingRows();
  if (pending.length > 0) {
    const recovery = recoverer(pending);
    await passFile(path, file, result.delimiter, recovery.sink, signal);
    builder.recover(pending, recovery.texts);
  }
  return builder.finish();
}

/**
 * Parses CSV text (already decoded) into a frame; `fileName` is used in error messages.
 * Throws a {@link DataError} for empty, binary or malformed input.
 */
export function readCsvText(text: string, fileName: string, options: ReadCsvTextOptions = {}): Frame {
  if (options.signal?.aborted) throw cancelled(fileName);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const binary = describeBinary(textHead(body));
  if (binary) throw binaryError(fileName, binary);
  if (!/\S/.test(body)) throw emptyFile(fileName);

  const sink = new MainSink(fileName);
  const result = passText(body, fileName, sniffDelimiter(body), sink.consume);
  const problem = sink.problem(result);
  if (problem) {
    const located = locator(problem.ordinals, result);
    if (problem.ordinals.length > 0) passText(body, fileName, result.delimiter, located.sink);
    throw problem.build(located.lines);
  }
  const builder = sink.frameBuilder();
  const pending = builder.pendingRows();
  if (pending.length > 0) {
    const recovery = recoverer(pending);
    passText(body, fileName, result.delimiter, recovery.sink);
    builder.recover(pending, recovery.texts);
  }
  if (options.signal?.aborted) throw cancelled(fileName);
  return builder.finish();
}

// ---------------------------------------------------------------------------------------------
// Passes: feed papaparse's chunks of records to a sink; the sink returns false to stop early.

type Sink = (records: string[][]) => boolean;

interface PassResult {
  delimiter: string;
  linebreak: string;
  /** A quoted field was still open at the end of the input. */
  unclosedQuote: boolean;
}

function newResult(delimiter: string | undefined): PassResult {
  return { delimiter: delimiter ?? ',', linebreak: '\n', unclosedQuote: false };
}

function noteChunk(result: PassResult, parsed: Papa.ParseResult<string[]>): void {
  if (parsed.meta.delimiter) result.delimiter = parsed.meta.delimiter;
  if (parsed.meta.linebreak) result.linebreak = parsed.meta.linebreak;
  for (const e of parsed.errors) if (e.code === 'MissingQuotes') result.unclosedQuote = true;
}

/** Runs the sink, turning allocation failures into TOO_LARGE. */
function feed(sink: Sink, records: string[][], file: string): boolean {
  try {
    return sink(records);
  } catch (e) {
    if (e instanceof RangeError) throw tooLarge(file);
    throw e;
  }
}

function passText(text: string, file: string, delimiter: string | undefined, sink: Sink): PassResult {
  const result = newResult(delimiter);
  let failure: unknown = null;
  let stopped = false;
  // papaparse's typings only allow `chunk` on its file overload; a string input honours it too.
  const config: Papa.ParseLocalConfig<string[], Papa.LocalFile> & Papa.ParseConfig<string[]> & { worker?: false; download?: false } = {
    delimiter,
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: false,
    chunkSize: CHUNK_CHARS,
    chunk(parsed, parser) {
      if (stopped) return;
      noteChunk(result, parsed);
      try {
        if (!feed(sink, parsed.data, file)) stopped = true;
      } catch (e) {
        failure = e;
        stopped = true;
      }
      if (stopped) parser.abort();
    },
    complete() {},
  };
  Papa.parse<string[]>(text, config);
  if (failure !== null) throw failure;
  return result;
}

function passFile(path: string, file: string, delimiter: string | undefined, sink: Sink, signal: AbortSignal | undefined): Promise<PassResult> {
  return new Promise<PassResult>((resolve, reject) => {
    const result = newResult(delimiter);
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_CHARS });
    let settled = false;
    const settle = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      stream.destroy();
      if (error === null) resolve(result);
      else reject(error);
    };
    const onAbort = (): void => settle(cancelled(file));
    signal?.addEventListener('abort', onAbort, { once: true });
    const config: Papa.ParseLocalConfig<string[], NodeJS.ReadableStream> = {
      delimiter,
      delimitersToGuess: DELIMITERS,
      skipEmptyLines: false,
      beforeFirstChunk: (chunk) => (chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk),
      chunk(parsed, parser) {
        if (settled) return parser.abort();
        if (signal?.aborted) return settle(cancelled(file)), parser.abort();
        noteChunk(result, parsed);
        try {
          if (!feed(sink, parsed.data, file)) settle(null);
        } catch (e) {
          settle(e);
        }
        if (settled) parser.abort();
      },
      complete: () => settle(null),
      error: (e) => settle(readFailed(file, e)),
    };
    stream.on('error', (e) => settle(readFailed(file, e)));
    Papa.parse<string[], NodeJS.ReadableStream>(stream, config);
  });
}

/** A record that is an empty or whitespace-only line (skipped, but it still counts as a line). */
function isBlank(record: string[]): boolean {
  return record.length === 1 && cleanCell(record[0]).length === 0;
}

// ---------------------------------------------------------------------------------------------
// The main pass: header, ragged rows, typed columns.

interface Problem {
  /** Record ordinals (0 = header, counting non-blank records) whose line numbers the message needs. */
  ordinals: number[];
  build(lines: Map<number, number>): DataError;
}

class MainSink {
  private names: string[] | null = null;
  private builder: FrameBuilder | null = null;
  private records = 0;
  private headerProblem: Problem | null = null;
  private readonly ragged: { ordinal: number; fields: number }[] = [];
  private raggedTotal = 0;

  constructor(private readonly file: string) {}

  readonly consume: Sink = (records) => {
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (isBlank(record)) continue;
      const ordinal = this.records++;
      if (this.builder === null) {
        this.headerProblem = checkHeader(record, this.file);
        if (this.headerProblem) return false;
        this.names = record.map(cleanCell);
        this.builder = new FrameBuilder(this.names);
        continue;
      }
      if (record.length !== this.names!.length) {
        if (this.ragged.length < RAGGED_REPORTED) this.ragged.push({ ordinal, fields: record.length });
        this.raggedTotal++;
      } else if (this.raggedTotal === 0) {
        this.builder.add(record);
      }
    }
    return true;
  };

  /** What is wrong with the input, once the main pass is over (null when nothing). */
  problem(result: PassResult): Problem | null {
    const file = this.file;
    if (this.headerProblem) return this.headerProblem;
    if (this.records === 0) return { ordinals: [], build: () => emptyFile(file) };
    if (result.unclosedQuote) {
      const ordinal = this.records - 1;
      return {
        ordinals: [ordinal],
        build: (lines) => {
          const line = lines.get(ordinal);
          return new DataError(
            'RAGGED_ROWS',
            `The file ${quote(file)} has a quoted field that is never closed, starting on line ${line}. Add the missing closing quote (") or remove the stray one, then import the file again.`,
            { file, row: line },
          );
        },
      };
    }
    if (this.raggedTotal > 0) return raggedProblem(file, this.names!.length, this.ragged, this.raggedTotal, result.delimiter);
    if (this.builder!.rowCount === 0) return { ordinals: [], build: () => noRows(file) };
    return null;
  }

  frameBuilder(): FrameBuilder {
    return this.builder!;
  }
}

function checkHeader(record: string[], file: string): Problem | null {
  const names = record.map(cleanCell);
  const unnamed: number[] = [];
  const seen = new Map<string, number[]>();
  names.forEach((name, i) => {
    if (name.length === 0) unnamed.push(i + 1);
    else seen.set(name, [...(seen.get(name) ?? []), i + 1]);
  });
  const duplicates = [...seen].filter(([, at]) => at.length > 1);
  if (unnamed.length === 0 && duplicates.length === 0) return null;
  return {
    ordinals: [0],
    build: (lines) => {
      const line = lines.get(0) ?? 1;
      if (unnamed.length > 0) {
        const which = unnamed.length === 1 ? `column ${unnamed[0]}` : `columns ${joinNumbers(unnamed)}`;
        return new DataError(
          'BAD_HEADER',
          `The header (line ${line}) of ${quote(file)} has no name for ${which}. Give every column a name in the first line of the file, then import it again.`,
          { file, row: line },
        );
      }
      const [name, at] = duplicates[0];
      const more = duplicates.length > 1 ? ` (so do ${listNames(duplicates.slice(1).map(([n]) => n))})` : '';
      return new DataError(
        'BAD_HEADER',
        `The header (line ${line}) of ${quote(file)} uses the column name ${quote(name)} more than once (columns ${joinNumbers(at)})${more}. Rename the columns so every name is unique, then import the file again.`,
        { file, row: line, column: name },
      );
    },
  };
}

function raggedProblem(
  file: string,
  expected: number,
  ragged: readonly { ordinal: number; fields: number }[],
  total: number,
  delimiter: string,
): Problem {
  return {
    ordinals: ragged.map((r) => r.ordinal),
    build: (lines) => {
      const parts = ragged.map((r) => `line ${lines.get(r.ordinal)} has ${r.fields}`);
      const rest = total > ragged.length ? `, and ${total - ragged.length} more row${total - ragged.length === 1 ? '' : 's'} like them` : '';
      const first = lines.get(ragged[0].ordinal);
      return new DataError(
        'RAGGED_ROWS',
        `The file ${quote(file)} has rows with a different number of fields than its header, which has ${expected}: ${parts.join(', ')}${rest}. ` +
          `Check those lines for a missing or extra ${delimiterName(delimiter)}, or a value containing one that should be in double quotes, then import the file again.`,
        { file, row: first },
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Second passes.

/** A sink that records the 1-based line on which each wanted record (by ordinal) starts. */
function locator(ordinals: readonly number[], result: PassResult): { sink: Sink; lines: Map<number, number> } {
  const wanted = new Set(ordinals);
  const last = ordinals.length === 0 ? -1 : Math.max(...ordinals);
  const lines = new Map<number, number>();
  const breakChar = result.linebreak === '\r' ? '\r' : '\n';
  let line = 1;
  let ordinal = 0;
  const sink: Sink = (records) => {
    if (ordinal > last) return false;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      const start = line;
      line += 1 + innerBreaks(record, breakChar);
      if (isBlank(record)) continue;
      if (wanted.has(ordinal)) lines.set(ordinal, start);
      if (++ordinal > last) return false;
    }
    return true;
  };
  return { sink, lines };
}

function innerBreaks(record: readonly string[], breakChar: string): number {
  let n = 0;
  for (let f = 0; f < record.length; f++) {
    const field = record[f];
    for (let at = field.indexOf(breakChar); at >= 0; at = field.indexOf(breakChar, at + 1)) n++;
  }
  return n;
}

/** A sink that collects the raw texts of the leading rows of the columns that need them. */
function recoverer(pending: readonly { column: number; before: number }[]): { sink: Sink; texts: (string | undefined)[][] } {
  const texts = pending.map((p) => new Array<string | undefined>(p.before));
  const until = Math.max(...pending.map((p) => p.before));
  let ordinal = 0;
  const sink: Sink = (records) => {
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (isBlank(record)) continue;
      const row = ordinal++ - 1; // ordinal 0 is the header
      if (row < 0) continue;
      if (row >= until) return false;
      for (let k = 0; k < pending.length; k++) if (row < pending[k].before) texts[k][row] = record[pending[k].column];
    }
    return true;
  };
  return { sink, texts };
}

// ---------------------------------------------------------------------------------------------
// Up-front checks on the first bytes.

/** Checks size and first bytes, and returns the decoded head of the file (for sniffing). */
async function checkFileHead(path: string, file: string): Promise<string> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw readFailed(file, Object.assign(new Error('is a folder'), { code: 'EISDIR' }));
    if (stat.size === 0) throw emptyFile(file);
    if (stat.size > totalmem() * MAX_MEMORY_SHARE) throw tooLarge(file, stat.size);
    const head = new Uint8Array(Math.min(HEAD_BYTES, stat.size));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    const binary = describeBinary(bytes);
    if (binary) throw binaryError(file, binary);
    if (isBlankBytes(bytes) && stat.size <= HEAD_BYTES) throw emptyFile(file);
    return new TextDecoder().decode(bytes);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw readFailed(file, e);
  } finally {
    await handle?.close();
  }
}

/**
 * The delimiter among `,` `;` tab `|` that splits the first records into the most consistent
 * number of fields (papaparse's guesser, run on the head with blank lines ignored: run inside the
 * main pass it counts a trailing newline as a one-field record, which tips small files to `,`).
 * Undefined when none splits them (a single-column file), leaving papaparse its default.
 */
function sniffDelimiter(text: string): string | undefined {
  let head = text.length > HEAD_BYTES ? text.slice(0, HEAD_BYTES) : text;
  const lastBreak = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  if (head.length < text.length && lastBreak > 0) head = head.slice(0, lastBreak); // drop a cut-off record
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const parsed = Papa.parse<string[]>(head, { delimitersToGuess: DELIMITERS, skipEmptyLines: true, preview: SNIFF_RECORDS });
  return parsed.errors.some((e) => e.code === 'UndetectableDelimiter') ? undefined : parsed.meta.delimiter;
}

function isBlankBytes(bytes: Uint8Array): boolean {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) if (bytes[i] > 32) return false;
  return true;
}

/**
 * The first characters of decoded text as bytes for {@link describeBinary}. Decoding as UTF-8
 * turned a PNG's leading 0x89 into U+FFFD; that one is mapped back so the message can say "PNG".
 */
function textHead(text: string): Uint8Array {
  const n = Math.min(text.length, HEAD_BYTES);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 256 ? c : 0x80;
  }
  if (text.startsWith('\ufffdPNG')) out[0] = 0x89;
  return out;
}
