/**
 * The one error type for problems with a user's data (a file that cannot be read, a target that
 * cannot be learned). It carries a machine-readable `code` for the UI and a `message` written for
 * the person who owns the file: which file, which line (as a text editor counts them), which
 * column, and what to do about it. Errors cross process boundaries as `{ code, message }`.
 */

/** Why the data could not be used. */
export type DataErrorCode =
  | 'EMPTY_FILE'
  | 'NO_ROWS'
  | 'BINARY_FILE'
  | 'RAGGED_ROWS'
  | 'BAD_HEADER'
  | 'UNKNOWN_COLUMN'
  | 'SINGLE_VALUE_TARGET'
  | 'BAD_TARGET'
  | 'TOO_LARGE'
  | 'READ_FAILED'
  | 'BAD_LINE'
  | 'UNSUPPORTED_TYPE'
  | 'CANCELLED';

/** Where in the data the problem is; every field is optional. */
export interface DataErrorLocation {
  /** File name as the user knows it (not necessarily a full path). */
  file?: string;
  /** 1-based line number, as a text editor shows it. */
  row?: number;
  /** Column name. */
  column?: string;
}

/** A problem with the user's data, with a message that is a complete sentence for that user. */
export class DataError extends Error {
  readonly code: DataErrorCode;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  /** TOO_LARGE over the memory budget: the most rows of the file that would fit (a random sample of that many can be imported). */
  readonly fitRows?: number;

  constructor(code: DataErrorCode, message: string, location: DataErrorLocation = {}, facts: { fitRows?: number } = {}) {
    super(message);
    this.name = 'DataError';
    this.code = code;
    if (location.file !== undefined) this.file = location.file;
    if (location.row !== undefined) this.row = location.row;
    if (location.column !== undefined) this.column = location.column;
    if (facts.fitRows !== undefined) this.fitRows = facts.fitRows;
  }
}

/** Type guard usable across module copies (checks the name and code, not only `instanceof`). */
export function isDataError(e: unknown): e is DataError {
  return e instanceof DataError || (e instanceof Error && e.name === 'DataError' && typeof (e as { code?: unknown }).code === 'string');
}

/** `"name"` in straight double quotes, for messages. */
export function quote(name: string): string {
  return `"${name}"`;
}

/** `a, b and c` (at most `max` items, then `and N more`). */
export function listNames(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map(quote);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
