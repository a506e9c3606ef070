/**
 * Errors the services raise on purpose, each mapped to a contract error code at the boundary.
 */
import type { ErrorCode } from '../../shared/result';

export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export const notFound = (what: string, id: string): AppFailure => new AppFailure('NOT_FOUND', `${what} "${id}" does not exist.`);
export const badInput = (message: string): AppFailure => new AppFailure('BAD_INPUT', message);
