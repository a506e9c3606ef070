/**
 * Imputation, clipping and scaling for one numeric column: x → fill if missing → clamp to
 * [low, high] → (x − mean) / std. With standard scaling `mean` and `std` are the mean and
 * standard deviation; robust scaling stores the median and the interquartile range there, and
 * min-max scaling the minimum and the range (the graph is the same: Sub, then Div).
 *
 * Every number is stored already rounded to float32, and `standardize` rounds after each step
 * the way float32 arithmetic does, because the exported graph (Imputer → Max → Min → Sub → Div
 * in float) must give bit-for-bit the same design matrix as the in-app path.
 */
const f32 = Math.fround;

/** How numeric columns are centred and scaled (the refinement's scaling block). */
export const SCALINGS = ['standard', 'robust', 'min-max'] as const;
export type Scaling = (typeof SCALINGS)[number];

export interface Standardizer {
  /** The centre (float32): the mean of the finite training values (0 when there were none), or the median / minimum. */
  mean: number;
  /** The scale (float32): the population std (1 when it is 0 or undefined), or the IQR / range. */
  std: number;
  /** Value a missing cell takes before scaling (float32, see imputer.ts); the mean when absent. */
  fill?: number;
  /** Outlier clipping: values are clamped to [low, high] (float32 training quantiles) after imputation. */
  clip?: { low: number; high: number };
}

/**
 * Fits mean and std over the present values; NaN (missing), ±Infinity and doubles beyond
 * float32's range (which `standardize` and the graph treat as missing) are skipped.
 */
export function fitStandardizer(values: Float64Array): Standardizer {
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (Number.isFinite(f32(v))) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return { mean: 0, std: 1 };
  const mean = sum / n;
  let ss = 0;
  for (const v of values) if (Number.isFinite(f32(v))) ss += (v - mean) ** 2;
  const std = f32(Math.sqrt(ss / n));
  return { mean: f32(mean), std: std > 0 && Number.isFinite(std) ? std : 1 };
}

/** Sorted finite float32 training values. */
function sortedFinite(values: Float64Array): Float32Array {
  const out = new Float32Array(values.length);
  let n = 0;
  for (const v of values) {
    out[n] = v;
    if (Number.isFinite(out[n])) n++;
  }
  return out.subarray(0, n).sort();
}

/** The q-quantile of sorted values (linear interpolation, as numpy's default), float32. */
export function quantileOf(sorted: Float32Array, q: number): number {
  if (sorted.length === 0) return 0;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return f32(sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo));
}

/**
 * Fits the centre and scale of `scaling` over the present values. Robust: median and
 * interquartile range; min-max: minimum and range; a zero or undefined scale becomes 1.
 */
export function fitScaler(values: Float64Array, scaling: Scaling): Standardizer {
  if (scaling === 'standard') return fitStandardizer(values);
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return { mean: 0, std: 1 };
  const [center, scale] = scaling === 'robust' ? [quantileOf(sorted, 0.5), f32(quantileOf(sorted, 0.75) - quantileOf(sorted, 0.25))] : [sorted[0], f32(sorted[sorted.length - 1] - sorted[0])];
  return { mean: f32(center), std: scale > 0 && Number.isFinite(scale) ? scale : 1 };
}

/** The clipping bounds at the q and 1 − q training quantiles (q in (0, 0.5)). */
export function fitClip(values: Float64Array, q: number): { low: number; high: number } {
  const sorted = sortedFinite(values);
  return { low: quantileOf(sorted, q), high: quantileOf(sorted, 1 - q) };
}

/**
 * (clamp(x) − mean) / std in float32, with NaN replaced by the fill (the mean by default, so it
 * maps to 0 under standard scaling). Infinite values (also finite doubles beyond float32's
 * range, which ORT receives as ±Infinity) count as missing.
 */
export function standardize(value: number, s: Standardizer): number {
  const v = f32(value);
  let x = Number.isFinite(v) ? v : (s.fill ?? s.mean);
  if (s.clip) x = Math.min(Math.max(x, s.clip.low), s.clip.high);
  return f32(f32(x - s.mean) / s.std);
}
