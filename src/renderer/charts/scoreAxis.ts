/**
 * The range of a score axis. ECharts' own (`scale: true` alone) pads one or two scores out to a
 * whole unit, so a single AUC of 0.84 sat on an axis from 0.4 to 1.4, past what AUC can reach.
 * Here: the scores' range with a small margin, kept inside [0, 1] when every score is in it
 * (AUC, accuracy, average precision, R² of a good model).
 */

/**
 * min/max and tick interval for a value axis over `scores` (non-finite ones ignored); null when
 * there is none. The ends fall on ticks (1, 2 or 5 × 10^k apart, about five of them), so no end
 * label crowds its neighbour.
 */
export function scoreAxisRange(scores: Iterable<number>): { min: number; max: number; interval: number } | null {
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
  const interval = niceStep((max - min) / 5);
  const decimals = Math.max(0, -Math.floor(Math.log10(interval)) + 1);
  const round = (v: number): number => Number(v.toFixed(decimals));
  // Snapped outwards onto the ticks; 1, 2 and 5 × 10^k (k < 0) divide 1, so [0, 1] still holds.
  return { min: round(Math.floor(min / interval + 1e-9) * interval), max: round(Math.ceil(max / interval - 1e-9) * interval), interval };
}

/** The smallest of 1, 2, 5 × 10^k that is at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw * (1 - 1e-9)) ?? 10;
  return Number((step * power).toPrecision(1));
}
