/**
 * Mean imputation + standardization for one numeric column.
 *
 * Mean and std are stored already rounded to float32, and `standardize` rounds after each step
 * the way float32 arithmetic does, because the exported graph (Imputer → Sub → Div in float) must
 * give bit-for-bit the same design matrix as the in-app path.
 */
const f32 = Math.fround;

export interface Standardizer {
  /** Mean of the finite training values (float32); 0 when there were none. */
  mean: number;
  /** Population std of the finite training values (float32); 1 when it is 0 or undefined. */
  std: number;
  /** Value a missing cell takes before scaling (float32, see imputer.ts); the mean when absent. */
  fill?: number;
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

/**
 * (x − mean) / std in float32, with NaN replaced by the fill (the mean by default, so it maps to 0). Infinite values
 * (also finite doubles beyond float32's range, which ORT receives as ±Infinity) count as missing.
 */
export function standardize(value: number, s: Standardizer): number {
  const v = f32(value);
  const x = Number.isFinite(v) ? v : (s.fill ?? s.mean);
  return f32(f32(x - s.mean) / s.std);
}
