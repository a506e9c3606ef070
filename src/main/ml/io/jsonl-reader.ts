/**
 * JSON lines (one JSON object per line) into a frame. Values become cell texts and go through the
 * same typing as CSV (typing.ts): numbers and numeric strings stay numeric, booleans and text
 * become categories, null is missing, nested values are kept as their JSON text.
 *
 * Two passes: the first checks every line and collects the keys (a key first seen on line 900 is
 * still a column), the second fills the columns.
 */
import { DataError, quote } from '../data-error';
import { FrameBuilder } from '../typing';
import { type ReadCounter, readHead, utf8Chunks } from './byte-source';
import type { TableReadOptions, TableReadResult } from './csv-reader';
import { cancelled, emptyFile, noRows } from './messages';

/** Reads a `.jsonl` / `.ndjson` file. Rejects with a {@link DataError} naming the bad line. */
export async function readJsonLines(path: string, options: TableReadOptions = {}): Promise<TableReadResult> {
  const file = options.fileName ?? path.split(/[\\/]/).pop() ?? path;
  const head = await readHead(path, file);
  const keys = new Map<string, number>();
  let rows = 0;
  await eachLine(path, file, head, options, (text, line) => {
    const value = parseLine(text, line, file);
    for (const k of Object.keys(value)) if (!keys.has(k)) keys.set(k, keys.size);
    rows++;
  });
  if (keys.size === 0 && rows === 0) throw emptyFile(file);
  if (rows === 0 || keys.size === 0) throw noRows(file);
  const names = [...keys.keys()];
  const builder = new FrameBuilder(names);
  const fields: string[] = new Array(names.length);
  await eachLine(path, file, head, options, (text, line) => {
    const value = parseLine(text, line, file);
    for (let i = 0; i < names.length; i++) fields[i] = cellOf(value[names[i]]);
    builder.add(fields);
  });
  return { frame: builder.finish(), notes: [] };
}

function cellOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function parseLine(text: string, line: number, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DataError('BAD_LINE', `Line ${line} of ${quote(file)} is not valid JSON (${why}). Fix or remove that line, then import the file again.`, { file, row: line });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataError('BAD_LINE', `Line ${line} of ${quote(file)} is not a JSON object ({"column": value, …}). Every line of a JSON lines file must be one object.`, { file, row: line });
  }
  return value as Record<string, unknown>;
}

async function eachLine(path: string, file: string, head: Awaited<ReturnType<typeof readHead>>, options: TableReadOptions, onLine: (text: string, line: number) => void): Promise<void> {
  const counter: ReadCounter = { bytes: 0 };
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let line = 0;
  const flush = (text: string): void => {
    line++;
    if (text.trim().length > 0) onLine(text, line);
  };
  for await (const chunk of utf8Chunks(path, file, head, counter)) {
    if (options.signal?.aborted) throw cancelled(file);
    const text = rest + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) flush(p);
    options.onProgress?.({ bytesRead: counter.bytes, totalBytes: head.size, rows: line });
  }
  rest += decoder.decode();
  if (rest.length > 0) flush(rest);
}
