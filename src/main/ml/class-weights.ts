/**
 * Class weights for imbalanced classification (the refinement's classWeighting block): how much
 * each class's rows count in a fit.
 */

export const CLASS_WEIGHTINGS = ['none', 'balanced', 'sqrt-balanced'] as const;
export type ClassWeighting = (typeof CLASS_WEIGHTINGS)[number];

/**
 * Per-class weights from the class counts of `rows` (class indexes in `y`): 'balanced' gives
 * class c the weight n / (K · n_c), so that every class counts as much in total; 'sqrt-balanced'
 * the square root of that. Null for 'none'. A class with no row gets weight 1.
 */
export function classWeights(y: Float64Array, rows: ArrayLike<number>, classCount: number, mode: ClassWeighting): Float64Array | null {
  if (mode === 'none' || classCount < 2) return null;
  const counts = new Float64Array(classCount);
  for (let i = 0; i < rows.length; i++) counts[y[rows[i]]]++;
  const n = rows.length;
  return Float64Array.from(counts, (c) => {
    if (c === 0) return 1;
    const w = n / (classCount * c);
    return mode === 'balanced' ? w : Math.sqrt(w);
  });
}
