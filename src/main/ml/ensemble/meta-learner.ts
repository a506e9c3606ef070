/**
 * The linear meta-learner for stacking: tiny, L2-regularized, fitted by Newton's method.
 *
 * Classification: a log-linear pool. Each class c scores `b_c + Σ_m w_m · log p_{m,c}` (b_0 = 0)
 * and the scores go through a softmax. One weight per member is shared across classes, so the
 * model has members + classes - 1 parameters however many classes there are; for two classes it
 * is exactly logistic regression on the members' logits. The log-likelihood is concave, so
 * Newton with a backtracking line search converges in a handful of steps.
 *
 * Regression: ridge regression of the target on the members' values, with an intercept, solved
 * in closed form.
 *
 * Both export as a few elementwise ONNX ops (Log, Mul, Add, Softmax / MatMul), so a stacked
 * ensemble stays one graph.
 *
 * The non-linear meta-learners live beside it: a small MLP (mlp-meta-learner.ts, the linear
 * model plus a tanh hidden layer) and small boosted trees (tree-meta-learner.ts). This module is
 * their common entry: {@link StackModel} is any of them, {@link fitStackModel} fits one by name
 * and {@link applyMetaLearner} applies any.
 */
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';
import { solveSpd } from './linalg';
import { memberShape, predictionOf, valuesOf } from './members';
import { MIN_PROBA, softmaxRows } from './meta-features';
import { applyMlpMetaLearner, fitMlpMetaLearner, type MlpMetaLearnerOptions, type MlpStackModel } from './mlp-meta-learner';
import { applyTreeMetaLearner, fitTreeMetaLearner, type TreeStackModel } from './tree-meta-learner';

export { MIN_PROBA } from './meta-features';
export type { MlpStackModel } from './mlp-meta-learner';
export type { TreeStackModel } from './tree-meta-learner';

/** A fitted meta-learner of any kind: plain data, serializable as JSON. */
export type StackModel = LinearStackModel | MlpStackModel | TreeStackModel;

/** The meta-learners {@link fitStackModel} fits: the linear one, the small MLP, the small boosted trees. */
export type MetaLearnerKind = 'linear' | 'mlp' | 'trees';

/** How a meta-learner kind is named in reports and model cards. */
export function metaLearnerName(model: StackModel): string {
  if (model.kind === 'mlp') return `MLP meta-learner (linear ${model.task === 'regression' ? 'ridge' : 'log-linear pool'} + ${model.hidden} tanh hidden units)`;
  if (model.kind === 'trees') return `gradient-boosted tree meta-learner (${model.trees.trees.length} trees)`;
  return `${model.kind} meta-learner`;
}

/** The linear meta-learner: plain data, serializable as JSON. */
export interface LinearStackModel {
  kind: 'log-linear-pool' | 'ridge';
  task: Prediction['task'];
  classes: string[] | null;
  /** One weight per member. */
  weights: number[];
  /** Per class (log-linear pool, class 0 fixed at 0), or a single intercept (ridge). */
  intercepts: number[];
}

export interface MetaLearnerOptions {
  /** L2 penalty on the member weights, on the summed loss (default 1). */
  l2?: number;
  /** Newton iterations at most (default 50). */
  maxIterations?: number;
}

const BIAS_L2 = 1e-6;

export interface StackModelOptions extends MetaLearnerOptions {
  /** Seeds the MLP's initial weights and the trees' binning (default: a fixed seed for the MLP; required for trees). */
  rng?: Rng;
  mlp?: Omit<MlpMetaLearnerOptions, 'rng' | 'l2'>;
  signal?: AbortSignal;
}

/**
 * Fits a meta-learner of `kind`. The MLP starts from the fitted linear meta-learner (its linear
 * part), so it is fitted first; the trees need an `rng`.
 */
export async function fitStackModel(kind: MetaLearnerKind, members: readonly Prediction[], y: Float64Array, options: StackModelOptions = {}): Promise<StackModel> {
  if (kind === 'trees') {
    if (!options.rng) throw new Error('The tree meta-learner needs an rng.');
    return fitTreeMetaLearner(members, y, { rng: options.rng, signal: options.signal });
  }
  const linear = fitMetaLearner(members, y, options);
  if (kind === 'linear') return linear;
  return fitMlpMetaLearner(members, y, linear, { ...options.mlp, l2: options.l2, rng: options.rng });
}

/** Fits the linear meta-learner on member predictions for the same rows and the true `y`. */
export function fitMetaLearner(members: readonly Prediction[], y: Float64Array, options: MetaLearnerOptions = {}): LinearStackModel {
  const shape = memberShape(members);
  if (y.length !== shape.rows) throw new RangeError(`Got ${y.length} targets for ${shape.rows} predicted rows.`);
  const l2 = options.l2 ?? 1;
  return shape.task === 'regression' ? fitRidge(members, y, l2) : fitPool(members, y, shape.width, shape.classes ?? [], shape.task, l2, options.maxIterations ?? 50);
}

/** The meta-learner's prediction from member predictions (same member order as in fitting). */
export function applyMetaLearner(model: StackModel, members: readonly Prediction[]): Prediction {
  if (model.kind === 'mlp') return applyMlpMetaLearner(model, members);
  if (model.kind === 'trees') return applyTreeMetaLearner(model, members);
  const shape = memberShape(members);
  if (members.length !== model.weights.length) throw new RangeError(`The meta-learner was fitted on ${model.weights.length} members, got ${members.length}.`);
  const n = shape.rows;
  if (model.kind === 'ridge') {
    const out = new Float64Array(n).fill(model.intercepts[0]);
    members.forEach((m, j) => {
      const v = valuesOf(m);
      for (let i = 0; i < n; i++) out[i] += model.weights[j] * v[i];
    });
    return predictionOf(shape, out);
  }
  const k = shape.width;
  const scores = poolScores(logsOf(members), model.weights, model.intercepts, n, k);
  softmaxRows(scores, n, k);
  return predictionOf(shape, scores);
}

function fitRidge(members: readonly Prediction[], y: Float64Array, l2: number): LinearStackModel {
  const m = members.length;
  const d = m + 1;
  const n = y.length;
  const cols = members.map(valuesOf);
  const xtx = new Float64Array(d * d);
  const xty = new Float64Array(d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) row[j] = cols[j][i];
    row[m] = 1;
    for (let a = 0; a < d; a++) {
      xty[a] += row[a] * y[i];
      for (let b = 0; b <= a; b++) xtx[a * d + b] += row[a] * row[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) xtx[b * d + a] = xtx[a * d + b];
  for (let j = 0; j < m; j++) xtx[j * d + j] += l2;
  xtx[m * d + m] += BIAS_L2;
  const beta = solveSpd(xtx, xty, d);
  return { kind: 'ridge', task: 'regression', classes: null, weights: Array.from(beta.subarray(0, m)), intercepts: [beta[m]] };
}

/** Each member's clipped log-probabilities (computed once per fit, not per Newton step). */
const logsOf = (members: readonly Prediction[]): Float64Array[] => members.map((p) => valuesOf(p).map((v) => Math.log(Math.max(v, MIN_PROBA))));

function poolScores(logs: readonly Float64Array[], w: readonly number[], b: readonly number[], n: number, k: number): Float64Array {
  const s = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) s[i * k + c] = b[c];
  logs.forEach((l, j) => {
    for (let t = 0; t < n * k; t++) s[t] += w[j] * l[t];
  });
  return s;
}

/** Penalized negative log-likelihood of the pool. */
function poolLoss(logs: readonly Float64Array[], y: Float64Array, w: number[], b: number[], k: number, l2: number): number {
  const n = y.length;
  const s = poolScores(logs, w, b, n, k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, s[i * k + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(s[i * k + c] - max);
    loss -= s[i * k + y[i]] - max - Math.log(sum);
  }
  for (const v of w) loss += 0.5 * l2 * v * v;
  for (const v of b) loss += 0.5 * BIAS_L2 * v * v;
  return loss;
}

function fitPool(members: readonly Prediction[], y: Float64Array, k: number, classes: string[], task: Prediction['task'], l2: number, maxIterations: number): LinearStackModel {
  const m = members.length;
  const n = y.length;
  const d = m + k - 1; // member weights, then biases of classes 1..k-1
  const logs = logsOf(members);
  let w = new Array<number>(m).fill(1 / m);
  let b = new Array<number>(k).fill(0);
  let loss = poolLoss(logs, y, w, b, k, l2);
  const zbar = new Float64Array(m);
  const dz = new Float64Array(m);
  for (let iter = 0; iter < maxIterations; iter++) {
    const p = poolScores(logs, w, b, n, k);
    softmaxRows(p, n, k);
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d); // lower triangle, filled block by block
    for (let i = 0; i < n; i++) {
      const row = i * k;
      const yi = y[i];
      zbar.fill(0);
      for (let c = 0; c < k; c++) for (let j = 0; j < m; j++) zbar[j] += p[row + c] * logs[j][row + c];
      for (let j = 0; j < m; j++) grad[j] += zbar[j] - logs[j][row + yi];
      for (let c = 1; c < k; c++) grad[m + c - 1] += p[row + c] - (yi === c ? 1 : 0);
      // Hessian of the softmax log-likelihood, Σ_c p_c (x_c − x̄)(x_c − x̄)ᵀ, by blocks:
      // weights × weights, weights × bias c (p_c (z_c − z̄)), bias × bias (diag(p) − p pᵀ).
      for (let c = 0; c < k; c++) {
        const pc = p[row + c];
        if (pc < 1e-12) continue;
        for (let j = 0; j < m; j++) dz[j] = logs[j][row + c] - zbar[j];
        for (let a = 0; a < m; a++) for (let bb = 0; bb <= a; bb++) hess[a * d + bb] += pc * dz[a] * dz[bb];
        if (c === 0) continue;
        const bc = (m + c - 1) * d;
        for (let j = 0; j < m; j++) hess[bc + j] += pc * dz[j];
        hess[bc + m + c - 1] += pc;
        for (let c2 = 1; c2 <= c; c2++) hess[bc + m + c2 - 1] -= pc * p[row + c2];
      }
    }
    for (let a = 0; a < d; a++) for (let bb = 0; bb < a; bb++) hess[bb * d + a] = hess[a * d + bb];
    for (let j = 0; j < m; j++) {
      grad[j] += l2 * w[j];
      hess[j * d + j] += l2;
    }
    for (let c = 1; c < k; c++) {
      grad[m + c - 1] += BIAS_L2 * b[c];
      hess[(m + c - 1) * d + m + c - 1] += BIAS_L2;
    }
    const step = solveSpd(hess, grad, d);
    let t = 1;
    let improved = false;
    for (let tries = 0; tries < 30; tries++, t /= 2) {
      const w2 = w.map((v, j) => v - t * step[j]);
      const b2 = b.map((v, c) => (c === 0 ? 0 : v - t * step[m + c - 1]));
      const loss2 = poolLoss(logs, y, w2, b2, k, l2);
      if (loss2 <= loss) {
        improved = loss - loss2 > 1e-10 * Math.max(1, Math.abs(loss));
        w = w2;
        b = b2;
        loss = loss2;
        break;
      }
    }
    if (!improved) break;
  }
  return { kind: 'log-linear-pool', task, classes, weights: w, intercepts: b };
}
