/**
 * JSON lines (one JSON object per line) into a frame. Values become cell texts and go through the
 * same typing as CSV (typing.ts): numbers and numeric strings stay numeric, booleans and text
 * become categories, null is missing, nested values are kept as their JSON text.
 *
 * Passes over the file: the first checks every line and collects the keys (a key first seen on
 * line 900 is still a column), the second fills the columns, and a third (rare) re-reads the
 * texts of a column that turned from numbers to text (typing.ts's PENDING cells).
 *
 * Lines are split on bytes, so a line that is not entirely UTF-8 is decoded as mixed-text.ts does
 * (and a note says so); a line longer than {@link MAX_LINE_BYTES}, or a value longer than
 * csv-tokenizer's {@link MAX_FIELD_BYTES}, is refused with its line number rather than held.
 * With `skipBadRows`, lines that are not JSON objects are skipped and a note names them. With
 * `sample`, a first pass counts the non-blank lines and every later pass keeps the same seeded
 * random sample of them (row-sample.ts).
 */
import { DataError, quote } from '../data-error';
import { FrameBuilder } from '../typing';
import { classify, type FileHead, type ReadCounter, readHead, utf8Chunks, utf8ChunksOf } from './byte-source';
import { type TableReadOptions, type TableReadResult, uniqueNames } from './csv-reader';
import { MAX_FIELD_BYTES } from './csv-tokenizer';
import { binaryError, cancelled, describeBinary, emptyFile, fieldTooLarge, formatBytes, joinNumbers, TruncatedFileError, truncatedFile } from './messages';
import { decodeMixed } from './mixed-text';
import { RowSelector, type RowSampleInfo } from './row-sample';

/** The most bytes one line may hold (64 MB). */
export const MAX_LINE_BYTES = 4 * MAX_FIELD_BYTES;
const BAD_REPORTED = 5;
const LF = 10;
const CR = 13;

/** A file's UTF-8 chunks, readable more than once (every pass reads it again). */
interface Source {
  file: string;
  head: FileHead;
  chunks(counter: ReadCounter): AsyncGenerator<Buffer>;
}

/** Reads a `.jsonl` / `.ndjson` file. Rejects with a {@link DataError} naming the bad line. */
export async function readJsonLines(path: string, options: TableReadOptions = {}): Promise<TableReadResult> {
  const file = options.fileName ?? path.split(/[\\/]/).pop() ?? path;
  if (options.signal?.aborted) throw cancelled(file);
  const head = await readHead(path, file);
  return readSource({ file, head, chunks: (counter) => utf8Chunks(path, file, head, counter) }, options);
}

/** Reads JSON lines already in memory (an upload), the same way. */
export async function readJsonLinesBytes(bytes: Uint8Array, file: string, options: TableReadOptions = {}): Promise<TableReadResult> {
  if (options.signal?.aborted) throw cancelled(file);
  if (bytes.length === 0) throw emptyFile(file, 'JSON lines');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = classify(buffer.subarray(0, 64 * 1024), buffer.length, file);
  return readSource({ file, head, chunks: (counter) => utf8ChunksOf(buffer, file, head, counter) }, options);
}

async function readSource(source: Source, options: TableReadOptions): Promise<TableReadResult> {
  const { file, head } = source;
  const binary = describeBinary(head.head.subarray(0, 4096));
  if (binary) throw binaryError(file, binary, 'JSON lines');
  const skip = options.skipBadRows ?? false;
  const sample = options.sample ? await planSample(source, options) : null;
  // Each pass offers every line to a fresh selector with the same seed: the same lines are kept.
  const kept = (): (() => boolean) => {
    if (!sample) return () => true;
    const selector = new RowSelector(sample.of, sample.rows, sample.seed);
    return () => selector.take();
  };

  // Pass 1: check every line, collect the keys.
  let keep = kept();
  const keys = new Map<string, number>();
  const bad: number[] = [];
  let badTotal = 0;
  let rows = 0;
  let mixed: { count: number; firstLine: number } | null = null;
  await eachLine(source, options, (text, line, wasMixed) => {
    if (!keep()) return;
    const value = parseLine(text, line, file, !skip);
    if (value === null) {
      if (bad.length < BAD_REPORTED) bad.push(line);
      badTotal++;
      return;
    }
    if (wasMixed) {
      if (mixed) mixed.count++;
      else mixed = { count: 1, firstLine: line };
    }
    for (const k of Object.keys(value)) if (!keys.has(k)) keys.set(k, keys.size);
    rows++;
  });
  if (rows === 0 && badTotal > 0) {
    throw new DataError(
      'BAD_LINE',
      `No line of ${quote(file)} is a JSON object (${badTotal} line${badTotal === 1 ? '' : 's'} with text, the first on line ${bad[0]}), so there is nothing to import. Check that it is a JSON lines file: one {"column": value, …} object per line.`,
      { file, row: bad[0] },
    );
  }
  if (rows === 0) throw emptyFile(file, 'JSON lines');
  if (keys.size === 0) {
    throw new DataError('NO_ROWS', `Every object in ${quote(file)} is empty ({}), so it has no columns to import. Choose a file whose objects hold values.`, { file });
  }
  const keyList = [...keys.keys()];
  const { names, note: renameNote } = uniqueNames(keyList, 1);

  // Pass 2: fill the columns.
  const builder = new FrameBuilder(names);
  const fields: string[] = new Array(names.length);
  keep = kept();
  await eachLine(source, options, (text, line) => {
    if (!keep()) return;
    const value = parseLine(text, line, file, false);
    if (value === null) return;
    for (let i = 0; i < keyList.length; i++) {
      const cell = cellOf(value[keyList[i]]);
      if (cell.length > MAX_FIELD_BYTES) throw fieldTooLarge(file, line, names[i], cell.length, MAX_FIELD_BYTES);
      fields[i] = cell;
    }
    builder.add(fields);
  });

  // Pass 3 (rare): the texts of cells read as numbers before their column turned to text.
  const pending = builder.pendingRows();
  if (pending.length > 0) {
    const texts = pending.map(() => [] as (string | undefined)[]);
    const last = Math.max(...pending.map((p) => p.before));
    let row = 0;
    keep = kept();
    await eachLine(source, options, (text, line) => {
      if (!keep() || row >= last) return;
      const value = parseLine(text, line, file, false);
      if (value === null) return;
      pending.forEach((p, k) => {
        if (row < p.before) texts[k][row] = cellOf(value[keyList[p.column]]);
      });
      row++;
    });
    builder.recover(pending, texts);
  }

  const notes: string[] = [];
  if (renameNote) notes.push(renameNote.replace('The header (line 1) had', 'The file had'));
  if (badTotal > 0) {
    const more = badTotal - bad.length;
    notes.push(
      `Skipped ${badTotal} line${badTotal === 1 ? '' : 's'} that ${badTotal === 1 ? 'is' : 'are'} not a JSON object (line${bad.length === 1 ? '' : 's'} ${joinNumbers(bad)}${more > 0 ? ` and ${more} more` : ''}).`,
    );
  }
  const m = mixed as { count: number; firstLine: number } | null;
  if (m) {
    notes.push(
      `${m.count} line${m.count === 1 ? ' was' : 's were'} not entirely valid UTF-8: the bytes that were not were read as Windows-1252 (Latin-1), the rest as UTF-8. The first is line ${m.firstLine}; if such values look wrong, save the file again as UTF-8.`,
    );
  }
  return { frame: builder.finish(), notes, ...(sample ? { sample } : {}) };
}

/** Counts the non-blank lines; null when there are no more than the sample asks for (read whole). */
async function planSample(source: Source, options: TableReadOptions): Promise<RowSampleInfo | null> {
  const request = options.sample!;
  let lines = 0;
  await eachLine(source, options, () => void lines++);
  return lines > request.rows ? { rows: request.rows, of: lines, seed: request.seed } : null;
}

function cellOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The line's object; null for a bad line when `strict` is false (the caller skips it). */
function parseLine(text: string, line: number, file: string, strict: boolean): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (!strict) return null;
    const why = e instanceof Error ? e.message : String(e);
    throw new DataError(
      'BAD_LINE',
      `Line ${line} of ${quote(file)} is not valid JSON (${why}). Fix or remove that line, then import the file again (or choose to skip such lines).`,
      { file, row: line },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (!strict) return null;
    throw new DataError(
      'BAD_LINE',
      `Line ${line} of ${quote(file)} is not a JSON object ({"column": value, …}). Every line of a JSON lines file must be one object; fix or remove that line (or choose to skip such lines).`,
      { file, row: line },
    );
  }
  return value as Record<string, unknown>;
}

/** Calls `onLine` with the text of each non-blank line and its 1-based number. */
async function eachLine(
  { file, head, chunks }: Source,
  options: TableReadOptions,
  onLine: (text: string, line: number, mixed: boolean) => void,
): Promise<void> {
  const counter: ReadCounter = { bytes: 0 };
  let pieces: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  const flush = (b: Buffer): void => {
    line++;
    let e = b.length;
    if (e > 0 && b[e - 1] === CR) e--;
    let s = 0;
    while (s < e && b[s] <= 32) s++;
    if (s === e) return;
    if (e > MAX_LINE_BYTES) throw lineTooLong(file, line, e);
    const { text, mixed } = decodeMixed(b, s, e);
    onLine(text, line, mixed);
  };
  try {
    for await (const chunk of chunks(counter)) {
      if (options.signal?.aborted) throw cancelled(file);
      let at = 0;
      for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, at)) {
        const piece = chunk.subarray(at, i);
        if (pieces.length === 0) flush(piece);
        else {
          flush(Buffer.concat([...pieces, piece]));
          pieces = [];
          pendingBytes = 0;
        }
        at = i + 1;
      }
      if (at < chunk.length) {
        pieces.push(chunk.subarray(at));
        pendingBytes += chunk.length - at;
        if (pendingBytes > MAX_LINE_BYTES) throw lineTooLong(file, line + 1, pendingBytes);
      }
      options.onProgress?.({ bytesRead: counter.bytes, totalBytes: head.size, rows: line });
    }
  } catch (e) {
    if (e instanceof TruncatedFileError) throw truncatedFile(file, e.bytesRead, e.size, pendingBytes > 0 ? { line: line + 1, partial: true } : { line, partial: false });
    throw e;
  }
  if (pendingBytes > 0) flush(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));
}

function lineTooLong(file: string, line: number, bytes: number): DataError {
  return new DataError(
    'TOO_LARGE',
    `Line ${line} of ${quote(file)} is longer than ${formatBytes(MAX_LINE_BYTES)} (at least ${formatBytes(bytes)}), the most one line may hold. Check that the file is a JSON lines file (one object per line, each ending with a line break), then import it again.`,
    { file, row: line },
  );
}
