/**
 * The range of a score axis. ECharts' own (`scale: true` alone) pads one or two scores out to a
 * whole unit, so a single AUC of 0.84 sat on an axis from 0.4 to 1.4, past what AUC can reach.
 * Here: the scores' range with a small margin, kept inside [0, 1] when every score is in it
 * (AUC, accuracy, average precision, R² of a good model).
 */

/** min/max for a value axis over `scores` (non-finite ones ignored); null when there is none. */
export function scoreAxisRange(scores: Iterable<number>): { min: number; max: number } | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    if (!Number.isFinite(s)) continue;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (lo > hi) return null;
  // 10% of the spread, at least 1% of the magnitude (0.005 near zero), so one score is not alone.
  const pad = Math.max((hi - lo) * 0.1, Math.abs(hi) * 0.01, 0.005);
  let min = lo - pad;
  let max = hi + pad;
  if (lo >= 0 && hi <= 1) {
    min = Math.max(0, min);
    max = Math.min(1, max);
  }
  // Three decimals: the end labels stay short.
  return { min: Math.floor(min * 1000 + 1e-9) / 1000, max: Math.ceil(max * 1000 - 1e-9) / 1000 };
}
