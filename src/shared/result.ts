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
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, reason?: string): Result<never> => ({
  ok: false,
  error: { code, message, ...(reason !== undefined ? { reason } : {}) },
});
