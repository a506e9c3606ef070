/**
 * Errors cross every boundary as data, never as throws (DESIGN.md §3).
 */
export type ErrorCode =
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'BAD_INPUT'
  | 'CONFLICT'
  | 'NOT_SUPPORTED'
  | 'CANCELLED'
  | 'INTERNAL';

export interface AppError {
  code: ErrorCode;
  message: string;
  /**
   * For BAD_INPUT from the user's data: what exactly is wrong (ml/data-error.ts's codes, e.g.
   * `RAGGED_ROWS`), so the window can offer the matching way out.
   */
  reason?: string;
  /**
   * For BAD_INPUT with reason `TOO_LARGE` (a file over the memory budget): the most rows of the
   * file that would fit, so the window can offer to import a random sample of that many instead
   * (the import's `rowSample` option).
   */
  fitRows?: number;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, reason?: string, fitRows?: number): Result<never> => ({
  ok: false,
  error: { code, message, ...(reason !== undefined ? { reason } : {}), ...(fitRows !== undefined ? { fitRows } : {}) },
});
