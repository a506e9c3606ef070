/**
 * How long the validation's refits take, as multiples of a cross-validation fold's fit: the
 * refinement and ensemble phases stop early enough to leave the validation its refits on the
 * training rows, and the validation skips a refit (an alternative's, or one on every row) that
 * would pass the budget.
 */

/** A refit on all training rows takes about this many times one fold's fit (more rows, no early stop). */
export const REFIT_TIME_PER_FOLD_FIT = 1.5;
/** A refit on every row (training and holdout) against one on the training rows: 1 / (1 − holdout share) as many rows. */
export const ALL_ROWS_TIME_SCALE = 1.25;

/** Expected time (ms) of the validation's refits of `members` on the training rows (to score the holdout). */
export function trainingRowsRefitMs(members: readonly { foldFitMs?: number }[]): number {
  return members.reduce((sum, m) => sum + (m.foldFitMs ?? 1000) * REFIT_TIME_PER_FOLD_FIT, 0);
}
