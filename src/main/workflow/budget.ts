/**
 * The run's time budget. Phases ask how much is left and plan their loops with it; the whole
 * run stops cleanly at the deadline with the best result so far.
 */
export interface Budget {
  readonly totalMs: number;
  elapsedMs(): number;
  remainingMs(): number;
  /** True once `fraction` of the total budget has been spent. */
  spent(fraction?: number): boolean;
  /** The wall-clock time (epoch ms) at which `fraction` of the budget is spent. */
  deadlineAt(fraction?: number): number;
  /** True when work expected to take `estimateMs` would end past `fraction` of the budget. */
  wouldExceed(estimateMs: number, fraction?: number): boolean;
}

export function createBudget(totalSeconds: number, now: () => number = Date.now): Budget {
  const start = now();
  const totalMs = totalSeconds * 1000;
  return {
    totalMs,
    elapsedMs: () => now() - start,
    remainingMs: () => Math.max(0, totalMs - (now() - start)),
    spent: (fraction = 1) => now() - start >= totalMs * fraction,
    deadlineAt: (fraction = 1) => start + totalMs * fraction,
    wouldExceed: (estimateMs, fraction = 1) => now() - start + estimateMs > totalMs * fraction,
  };
}
