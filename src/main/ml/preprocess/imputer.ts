/**
 * Imputation of numeric columns: which value a missing cell takes before standardization.
 *
 * Missing means NaN or ±Infinity (also finite doubles beyond float32's range, which the exported
 * graph receives as ±Infinity): infinite values are treated as missing everywhere in the linear
 * preprocessing, in the app and in the graph alike, so they cannot poison the mean and std.
 * Strategies: 'mean' (the default), 'median', 'most_frequent' (the smallest of the most frequent
 * values) and 'constant' (a given value, 0 by default). The fill is rounded to float32, the type
 * the exported graph's Imputer works in.
 */
const f32 = Math.fround;

export const IMPUTATION_STRATEGIES = ['mean', 'median', 'most_frequent', 'constant'] as const;
export type ImputationStrategy = (typeof IMPUTATION_STRATEGIES)[number];

/** Whether a value counts as missing (NaN, ±Infinity, or beyond float32's range). */
export function isMissingNumber(value: number): boolean {
  return !Number.isFinite(f32(value));
}

/** The present (finite in float32) values of a column. */
function presentValues(values: Float64Array): Float64Array {
  let n = 0;
  for (const v of values) if (!isMissingNumber(v)) n++;
  const out = new Float64Array(n);
  let i = 0;
  for (const v of values) if (!isMissingNumber(v)) out[i++] = v;
  return out;
}

/**
 * The fill value of a column under `strategy` (float32). `mean` is the mean the standardizer
 * uses (passed in so both agree to the bit); with no present value every strategy but
 * 'constant' falls back to `mean` (0 for an all-missing column).
 */
export function fitImputation(values: Float64Array, strategy: ImputationStrategy, mean: number, constant = 0): number {
  if (strategy === 'mean') return mean;
  if (strategy === 'constant') {
    if (!Number.isFinite(f32(constant))) throw new Error(`The constant imputation value must be a finite float32 number, got ${constant}.`);
    return f32(constant);
  }
  const present = presentValues(values);
  if (present.length === 0) return mean;
  present.sort();
  if (strategy === 'median') {
    const m = present.length >> 1;
    return f32(present.length % 2 === 1 ? present[m] : (present[m - 1] + present[m]) / 2);
  }
  let best = present[0];
  let bestCount = 0;
  for (let i = 0; i < present.length; ) {
    let j = i;
    while (j < present.length && present[j] === present[i]) j++;
    if (j - i > bestCount) {
      best = present[i];
      bestCount = j - i;
    }
    i = j;
  }
  return f32(best);
}

/** Share of the column's cells that are missing (the training frequency of its missing indicator). */
export function missingShare(values: Float64Array): number {
  if (values.length === 0) return 0;
  let missing = 0;
  for (const v of values) if (isMissingNumber(v)) missing++;
  return missing / values.length;
}
