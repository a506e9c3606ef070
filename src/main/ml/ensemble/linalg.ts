/** The one piece of linear algebra the meta-learners need: solving a small SPD system. */

/**
 * Solves A x = b for a symmetric positive definite d × d matrix `a` (row-major) by Cholesky.
 * Adds a growing jitter to the diagonal if A is only semi-definite. Does not modify its inputs.
 */
export function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array {
  for (let jitter = 0; jitter <= 1e-2; jitter = jitter === 0 ? 1e-10 : jitter * 100) {
    const l = cholesky(a, d, jitter);
    if (!l) continue;
    const z = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = b[i];
      for (let k = 0; k < i; k++) s -= l[i * d + k] * z[k];
      z[i] = s / l[i * d + i];
    }
    const x = new Float64Array(d);
    for (let i = d - 1; i >= 0; i--) {
      let s = z[i];
      for (let k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
      x[i] = s / l[i * d + i];
    }
    return x;
  }
  throw new RangeError('The system is not positive definite.');
}

function cholesky(a: Float64Array, d: number, jitter: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j] + (i === j ? jitter * Math.max(1, Math.abs(a[i * d + i])) : 0);
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j];
    }
  }
  return l;
}
