/**
 * Errors the ONNX layer throws on purpose. Cancellation is its own class so callers can tell
 * "the user stopped it" from a failure; its `name` is 'AbortError' like the DOM's, so code that
 * only checks `err.name` treats it the same way as a fetch abort.
 */

/** Thrown when an AbortSignal stops a fit or a run. */
export class CancelledError extends Error {
  override readonly name = 'AbortError';

  constructor(message = 'Cancelled') {
    super(message);
  }
}

/** true for a CancelledError or any other AbortError (e.g. from `signal.throwIfAborted()`). */
export function isCancelled(err: unknown): boolean {
  return err instanceof CancelledError || (err instanceof Error && err.name === 'AbortError');
}

/** Throws a CancelledError when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined, what = 'Training'): void {
  if (signal?.aborted) throw new CancelledError(`${what} was cancelled`);
}
