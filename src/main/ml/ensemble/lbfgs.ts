/**
 * Limited-memory BFGS for the small smooth problems of the meta-learners (a few thousand
 * parameters, full batch): the two-loop recursion over the last `memory` steps and a
 * backtracking (Armijo) line search. Deterministic: no randomness, a fixed iteration cap.
 */

export interface LbfgsOptions {
  /** Iterations at most (each one gradient step, usually one evaluation). */
  maxIterations: number;
  /** Past steps kept (default 10). */
  memory?: number;
  /** Stop when the loss improves by less than this, relative (default 1e-9). */
  tolerance?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  loss: number;
  iterations: number;
  evaluations: number;
}

/** `evaluate(x, grad)` returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Minimizes `f` from `x0` (not modified). */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const dim = x0.length;
  const memory = options.memory ?? 10;
  const tolerance = options.tolerance ?? 1e-9;
  let x = Float64Array.from(x0);
  let grad = new Float64Array(dim);
  let loss = f(x, grad);
  let evaluations = 1;
  const s: Float64Array[] = [];
  const yv: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const dir = new Float64Array(dim);
  let xNew = new Float64Array(dim);
  let gNew = new Float64Array(dim);
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    // Two-loop recursion: dir = −H·grad.
    for (let i = 0; i < dim; i++) dir[i] = -grad[i];
    for (let j = s.length - 1; j >= 0; j--) {
      alpha[j] = rho[j] * dot(s[j], dir);
      const yj = yv[j];
      for (let i = 0; i < dim; i++) dir[i] -= alpha[j] * yj[i];
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last], yv[last]) / dot(yv[last], yv[last]);
      for (let i = 0; i < dim; i++) dir[i] *= gamma;
    }
    for (let j = 0; j < s.length; j++) {
      const beta = rho[j] * dot(yv[j], dir);
      const sj = s[j];
      for (let i = 0; i < dim; i++) dir[i] += (alpha[j] - beta) * sj[i];
    }
    let slope = dot(dir, grad);
    if (!(slope < 0)) {
      // Not a descent direction (curvature went bad): restart from steepest descent.
      s.length = 0;
      yv.length = 0;
      rho.length = 0;
      for (let i = 0; i < dim; i++) dir[i] = -grad[i];
      slope = dot(dir, grad);
      if (!(slope < 0)) break;
    }
    let step = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let accepted = false;
    let lossNew = loss;
    for (let tries = 0; tries < 30; tries++, step /= 2) {
      for (let i = 0; i < dim; i++) xNew[i] = x[i] + step * dir[i];
      lossNew = f(xNew, gNew);
      evaluations++;
      if (Number.isFinite(lossNew) && lossNew <= loss + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
    const sk = new Float64Array(dim);
    const yk = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      sk[i] = xNew[i] - x[i];
      yk[i] = gNew[i] - grad[i];
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12 * Math.max(1, dot(yk, yk))) {
      if (s.length === memory) {
        s.shift();
        yv.shift();
        rho.shift();
      }
      s.push(sk);
      yv.push(yk);
      rho.push(1 / sy);
    }
    const improvement = loss - lossNew;
    [x, xNew] = [xNew, x];
    [grad, gNew] = [gNew, grad];
    loss = lossNew;
    if (improvement <= tolerance * Math.max(1, Math.abs(loss))) {
      iterations++;
      break;
    }
  }
  return { x, loss, iterations, evaluations };
}
