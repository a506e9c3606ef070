/**
 * Messages for files that cannot be imported, shared by every reader (CSV, JSON lines, Parquet):
 * each names the file and says what to do. Also the first-bytes check that tells a text table
 * from an image, an archive or another binary file.
 */
import { totalmem } from 'node:os';
import { DataError, quote } from '../data-error';

export interface BinaryKind {
  what: string;
  fix: string;
}

const EXPORT_FIX = 'Export the data as a CSV text file (comma- or tab-separated) and import that file instead.';

const SIGNATURES: { bytes: number[]; what: string; fix?: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx workbook is one)', fix: 'Open it and save or export the sheet as CSV, then import that file instead.' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel .xls workbook', fix: 'Open it and save the sheet as CSV, then import that file instead.' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file', fix: 'Decompress it first, then import the CSV inside.' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file', fix: 'Rename it to end in .parquet so it is read as Parquet, then import it again.' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
  { bytes: [0xff, 0xfe], what: 'UTF-16 encoded text', fix: 'Save it again as UTF-8 CSV, then import that file instead.' },
  { bytes: [0xfe, 0xff], what: 'UTF-16 encoded text', fix: 'Save it again as UTF-8 CSV, then import that file instead.' },
];

/** What a non-text file looks like, judged from its first bytes; null for text. */
export function describeBinary(head: Uint8Array): BinaryKind | null {
  for (const sig of SIGNATURES) {
    if (head.length >= sig.bytes.length && sig.bytes.every((b, i) => head[i] === b)) return { what: sig.what, fix: sig.fix ?? EXPORT_FIX };
  }
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) return { what: 'a binary file (it contains NUL bytes)', fix: EXPORT_FIX };
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++;
  }
  if (control > head.length * 0.01) return { what: 'a binary file (it contains control characters)', fix: EXPORT_FIX };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Messages.

export function emptyFile(file: string, format: 'CSV' | 'JSON lines' = 'CSV'): DataError {
  const want = format === 'CSV' ? 'a CSV file with a header line and at least one row of data' : 'a JSON lines file with at least one object';
  return new DataError('EMPTY_FILE', `The file ${quote(file)} is empty. Choose ${want}.`, { file });
}

export function noRows(file: string): DataError {
  return new DataError(
    'NO_ROWS',
    `The file ${quote(file)} has a header line but no data rows. Add rows of data below the header, or choose another file.`,
    { file },
  );
}

export function binaryError(file: string, kind: BinaryKind, format = 'CSV'): DataError {
  return new DataError('BINARY_FILE', `The file ${quote(file)} is not a ${format} text file: it looks like ${kind.what}. ${kind.fix}`, { file });
}

export function cancelled(file: string): DataError {
  return new DataError('CANCELLED', `Reading the file ${quote(file)} was cancelled before it finished.`, { file });
}

export function tooLarge(file: string, bytes?: number): DataError {
  const size = bytes === undefined ? '' : ` (${formatBytes(bytes)})`;
  return new DataError(
    'TOO_LARGE',
    `The file ${quote(file)}${size} is too large to load into this machine's memory (${formatBytes(totalmem())}). Import a sample of its rows, or use a machine with more memory.`,
    { file },
  );
}

export function readFailed(file: string, cause: unknown): DataError {
  const code = (cause as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'it does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission was denied'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : cause instanceof Error
            ? cause.message
            : String(cause);
  const error = new DataError(
    'READ_FAILED',
    `The file ${quote(file)} could not be read: ${why}. Check that the file exists, is not open in another program that locks it, and that you may read it.`,
    { file },
  );
  error.cause = cause;
  return error;
}

/** A file that became shorter while it was read (READ_FAILED); readers add the line it stops on. */
export class TruncatedFileError extends DataError {
  constructor(
    file: string,
    readonly bytesRead: number,
    readonly size: number,
    stop?: { line: number; partial: boolean },
  ) {
    const where = stop === undefined ? '' : stop.partial ? ` What could be read stops in the middle of line ${stop.line}.` : ` What could be read stops after line ${stop.line}.`;
    super(
      'READ_FAILED',
      `The file ${quote(file)} became shorter while it was being read (${formatBytes(bytesRead)} of ${formatBytes(size)}): another program may be writing or replacing it.${where} Wait until that program is done (or import a copy of the file), then import it again.`,
      stop === undefined ? { file } : { file, row: stop.line },
    );
  }
}

export function truncatedFile(file: string, bytesRead: number, size: number, stop?: { line: number; partial: boolean }): TruncatedFileError {
  return new TruncatedFileError(file, bytesRead, size, stop);
}

/** A field (CSV) or value (JSON lines) over the per-value limit; `column` when it is known. */
export function fieldTooLarge(file: string, line: number, column: string | undefined, bytes: number, limit: number): DataError {
  const where = column === undefined ? '' : ` in column ${quote(column)}`;
  return new DataError(
    'TOO_LARGE',
    `Line ${line} of ${quote(file)} has a value${where} longer than ${formatBytes(limit)} (at least ${formatBytes(bytes)}), the most one value may hold. ` +
      `A value this long is usually a double quote (") that opens a field and is never closed, or a file that is not a table. Fix that line, then import the file again.`,
    column === undefined ? { file, row: line } : { file, row: line, column },
  );
}

/** A file that is removed or renamed after the import started (a second pass cannot reopen it). */
export function removedWhileReading(file: string, cause: unknown): DataError {
  const error = new DataError(
    'READ_FAILED',
    `The file ${quote(file)} was removed or renamed while it was being imported, so it could not be read to the end. Put the file back (or choose it where it is now), then import it again.`,
    { file },
  );
  error.cause = cause;
  return error;
}

export function delimiterName(d: string): string {
  if (d === ',') return 'comma';
  if (d === ';') return 'semicolon';
  if (d === '\t') return 'tab';
  if (d === '|') return 'pipe (|)';
  return `delimiter (${d})`;
}

export function joinNumbers(ns: readonly number[]): string {
  return ns.length === 1 ? String(ns[0]) : `${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`;
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
