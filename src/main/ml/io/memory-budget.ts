/**
 * The memory budget: how much memory a dataset may take once loaded. A file whose estimated
 * footprint is over the budget is refused before it is read, with the figures and what to do,
 * rather than read until the process runs out of memory. The estimate comes from the file's
 * first 64 KB (rows per byte, fields per row; gzip's ratio from the same head): every cell is
 * counted as 8 bytes, what a numeric column costs (a categorical one costs 4 plus its dictionary).
 *
 * The budget is a setting: `--memory-budget MB` (CLI, serve host), `MLESTAR_MEMORY_BUDGET_MB`,
 * else 75% of the machine's memory.
 *
 * A refusal says how many rows would fit (rounded down to two significant digits), and the import
 * can then take a seeded random sample of that many rows instead (row-sample.ts); a sample's own
 * footprint is checked against the budget the same way.
 */
import { totalmem } from 'node:os';
import { DataError, quote } from '../data-error';
import type { FileHead } from './byte-source';
import { formatBytes } from './messages';

export const MEMORY_BUDGET_ENV = 'MLESTAR_MEMORY_BUDGET_MB';
const DEFAULT_SHARE = 0.75;
const HEAD_BYTES = 64 * 1024;

/** The budget in bytes: `megabytes` when given, else the environment's, else 75% of memory. */
export function memoryBudgetBytes(megabytes?: number): number {
  const fromEnv = Number(process.env[MEMORY_BUDGET_ENV]);
  const mb = megabytes ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : undefined);
  return mb !== undefined ? mb * 1024 * 1024 : Math.floor(totalmem() * DEFAULT_SHARE);
}

export interface Footprint {
  rows: number;
  columns: number;
  /** Estimated bytes of the loaded frame. */
  bytes: number;
}

/** Estimates a CSV / JSON lines file's loaded size from its head. */
export function estimateFootprint(head: FileHead, format: 'csv' | 'jsonl'): Footprint {
  const text = head.head;
  const lastBreak = head.complete ? text.length : text.lastIndexOf(0x0a) + 1;
  const used = lastBreak > 0 ? lastBreak : text.length;
  let lines = 0;
  let firstBreak = -1;
  for (let i = 0; i < used; i++) {
    if (text[i] === 0x0a) {
      lines++;
      if (firstBreak < 0) firstBreak = i;
    }
  }
  if (head.complete && used > 0 && text[used - 1] !== 0x0a) lines++;
  const headerBytes = format === 'csv' ? (firstBreak < 0 ? used : firstBreak + 1) : 0;
  const dataLines = Math.max(1, format === 'csv' ? lines - 1 : lines);
  const bytesPerRow = Math.max(1, (used - headerBytes) / dataLines);
  const columns = format === 'csv' ? csvFields(text.subarray(0, firstBreak < 0 ? used : firstBreak)) : jsonFields(text.subarray(0, firstBreak < 0 ? used : firstBreak));
  // The head is decompressed (gzip) or transcoded (UTF-16): scale the file's size the same way.
  const ratio = head.gzip ? text.length / Math.min(HEAD_BYTES, head.size) : head.encoding === 'utf-8' ? 1 : 0.5;
  const fileBytes = head.size * ratio;
  // A head without one whole data row (a header longer than 64 KB): assume the shortest rows, a
  // one-character value and its delimiter per column.
  const noRowSeen = !head.complete && (format === 'csv' ? lines < 2 : lines < 1);
  const perRow = noRowSeen ? Math.max(1, columns * 2) : bytesPerRow;
  const rows = head.complete ? dataLines : Math.round(Math.max(0, fileBytes - headerBytes) / perRow);
  // Every cell takes at least one byte of the file (its value or its delimiter), so a frame is
  // never more than 8 bytes per byte of text.
  return { rows, columns, bytes: Math.min(rows * columns * 8, Math.ceil(fileBytes * 8)) };
}

/**
 * Throws TOO_LARGE, naming the figures, how many rows would fit and what to do, when the
 * footprint (of the whole file, or of a sample of `sampleRows` rows) is over the budget.
 */
export function checkMemoryBudget(file: string, head: FileHead, format: 'csv' | 'jsonl', budgetBytes: number, sampleRows?: number): void {
  const f = estimateFootprint(head, format);
  const rowBytes = f.columns * 8;
  const fit = fitRows(budgetBytes, f.columns);
  const rows = (n: number): string => n.toLocaleString('en-US');
  const raise = `raise the budget (--memory-budget MB, or ${MEMORY_BUDGET_ENV}) if this machine has the memory`;
  if (sampleRows !== undefined) {
    // Fits when the sample does, or when the whole file does (a sample of more rows than it has is
    // the whole file). Not capped by the estimated rows: the estimate may be low.
    const bytes = sampleRows * rowBytes;
    if (bytes <= budgetBytes || f.bytes <= budgetBytes) return;
    throw new DataError(
      'TOO_LARGE',
      `A sample of ${rows(sampleRows)} rows of ${quote(file)} would take about ${formatBytes(bytes)} of memory once loaded (${rows(f.columns)} columns), more than the memory budget of ${formatBytes(budgetBytes)}. ` +
        (fit > 0 ? `Import a sample of at most ${rows(fit)} rows (--sample-rows ${fit}), or ${raise}.` : `Not even one row fits: ${raise}.`),
      { file },
      fit > 0 ? { fitRows: fit } : {},
    );
  }
  if (f.bytes <= budgetBytes) return;
  throw new DataError(
    'TOO_LARGE',
    `The file ${quote(file)} (${formatBytes(head.size)}) would take about ${formatBytes(f.bytes)} of memory once loaded (about ${rows(f.rows)} rows × ${rows(f.columns)} columns), more than the memory budget of ${formatBytes(budgetBytes)}. ` +
      `Raise the budget (--memory-budget MB, or ${MEMORY_BUDGET_ENV}) if this machine has the memory` +
      (fit > 0 ? `, or import a random sample of ${rows(fit)} rows, which fits (--sample-rows ${fit}).` : '.'),
    { file },
    fit > 0 ? { fitRows: fit } : {},
  );
}

/**
 * The most rows of `columns` columns that fit `budgetBytes` (8 bytes a cell), rounded down to two
 * significant digits (130,000 rather than 131,072): the sample the refusal offers. 0 when not one
 * row fits.
 */
export function fitRows(budgetBytes: number, columns: number): number {
  const n = Math.floor(budgetBytes / (Math.max(1, columns) * 8));
  if (n < 100) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.floor(n / unit) * unit;
}

/** Fields of a CSV header: the most frequent of the usual delimiters, plus one. */
function csvFields(header: Uint8Array): number {
  let best = 0;
  for (const d of [0x2c, 0x3b, 0x09, 0x7c]) {
    let n = 0;
    for (const b of header) if (b === d) n++;
    best = Math.max(best, n);
  }
  return best + 1;
}

/** Keys of a JSON object line (counted by `":`, close enough for an estimate). */
function jsonFields(line: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 1 < line.length; i++) if (line[i] === 0x22 && line[i + 1] === 0x3a) n++;
  return Math.max(1, n);
}
