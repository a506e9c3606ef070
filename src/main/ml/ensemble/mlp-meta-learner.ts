/**
 * The small-MLP meta-learner for stacking. It exists for members that are complementary in a
 * way no weighted average can use: one member is right where another is wrong, and which one to
 * trust depends on what the members say (their confidence, a third member's output). The linear
 * pool gives each member one weight everywhere; this one can trust them differently per region.
 *
 * Model: the linear meta-learner (meta-learner.ts: the log-linear pool, or ridge) plus one tanh
 * hidden layer over all the members' outputs side by side (meta-features.ts: m·k clipped
 * log-probabilities, or m values), standardized:
 *
 *   out = b + Σ_m a_m · u_m + tanh(((x − mean) / scale) · W1 + b1) · W2
 *
 * with u_m member m's log-probabilities (k) or value (1) and x their concatenation; Softmax(out)
 * for classification. The linear part matters: with 26 classes a hidden layer of 12 units could
 * not even pass each class's evidence through, and starting from the fitted linear meta-learner
 * (hidden output ≈ 0) the MLP begins where the linear stack ends and learns a correction.
 *
 * Training: full-batch L-BFGS (lbfgs.ts) on the mean log loss (or half the mean squared error
 * of the standardized target), L2 weight decay on W1 and W2, the linear part's own penalty, a
 * fixed iteration cap, seeded initial weights: the same seed, the same model. Plain data, JSON-
 * serializable; exports as Concat, Sub, Div, MatMul, Add, Tanh (onnx/ensemble-graph.ts).
 */
import type { Prediction } from '../prediction';
import { createRng, type Rng } from '../rng';
import { minimizeLbfgs } from './lbfgs';
import { memberShape, predictionOf } from './members';
import { metaFeatures, softmaxRows } from './meta-features';

/** A fitted MLP meta-learner: plain data, serializable as JSON. */
export interface MlpStackModel {
  kind: 'mlp';
  task: Prediction['task'];
  classes: string[] | null;
  /** The linear part: one weight per member, on its log-probabilities (classification) or its value (regression). */
  weights: number[];
  /** The linear part's bias per class, or the single intercept (regression). */
  intercepts: number[];
  /** Hidden units. */
  hidden: number;
  /** Standardization of the hidden layer's inputs (members × classes, member-major; or members). */
  inputMean: number[];
  inputScale: number[];
  /** inputs × hidden, row-major. */
  w1: number[];
  b1: number[];
  /** hidden × outputs, row-major (outputs: classes, or 1). */
  w2: number[];
}

export interface MlpMetaLearnerOptions {
  /** Hidden tanh units (default 12). */
  hidden?: number;
  /** L2 weight decay on the hidden layer's weights, on the mean loss (default 1e-2: with 26 classes the hidden layer has thousands of weights). */
  weightDecay?: number;
  /** L2 penalty on the linear part's member weights, on the summed loss, as the linear meta-learner's (default 1; regression: in standardized units). */
  l2?: number;
  /** L-BFGS iterations at most (default 40: about 2 s at 5,000 rows × 26 classes × 5 members). */
  maxIterations?: number;
  /** Draws the initial weights (default: a fixed seed). */
  rng?: Rng;
}

/** Where the linear part starts: the fitted linear meta-learner's weights and intercepts. */
export interface LinearStart {
  weights: readonly number[];
  intercepts: readonly number[];
}

const DEFAULT_SEED = 0x5eed;

/** Fits the MLP meta-learner on member predictions for the same rows and the true `y`. */
export function fitMlpMetaLearner(members: readonly Prediction[], y: Float64Array, start: LinearStart, options: MlpMetaLearnerOptions = {}): MlpStackModel {
  const shape = memberShape(members);
  if (y.length !== shape.rows) throw new RangeError(`Got ${y.length} targets for ${shape.rows} predicted rows.`);
  const m = members.length;
  const n = shape.rows;
  const regression = shape.task === 'regression';
  const o = shape.width; // outputs: classes, or 1
  const { width: d, values: raw } = metaFeatures(members);
  const h = options.hidden ?? 12;
  const decay = options.weightDecay ?? 1e-2;
  const skipL2 = (options.l2 ?? 1) / n;
  const rng = options.rng ?? createRng(DEFAULT_SEED);

  // Standardized hidden inputs; for regression the linear part reads them too (and the target is standardized).
  const { mean, scale } = columnStats(raw, n, d);
  const xs = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xs[i * d + j] = (raw[i * d + j] - mean[j]) / scale[j];
  const skipInputs = regression ? xs : raw;
  let target = y;
  let yMean = 0;
  let yScale = 1;
  if (regression) {
    const stats = columnStats(y, n, 1);
    yMean = stats.mean[0];
    yScale = stats.scale[0];
    target = y.map((v) => (v - yMean) / yScale);
  }

  // Parameters: a (m), b (o), W1 transposed (h × d), b1 (h), W2 (h × o).
  const offA = 0;
  const offB = m;
  const offW1 = offB + o;
  const offB1 = offW1 + d * h;
  const offW2 = offB1 + h;
  const size = offW2 + h * o;
  const x0 = new Float64Array(size);
  if (start.weights.length !== m || start.intercepts.length !== o) throw new RangeError(`The linear start has ${start.weights.length} weights and ${start.intercepts.length} intercepts for ${m} members and ${o} outputs.`);
  if (regression) {
    // The ridge's raw-unit weights, in standardized units: a'_m = a_m · scale_m / yScale.
    let c = start.intercepts[0];
    for (let j = 0; j < m; j++) {
      x0[offA + j] = (start.weights[j] * scale[j]) / yScale;
      c += start.weights[j] * mean[j];
    }
    x0[offB] = (c - yMean) / yScale;
  } else {
    for (let j = 0; j < m; j++) x0[offA + j] = start.weights[j];
    for (let c = 0; c < o; c++) x0[offB + c] = start.intercepts[c];
  }
  const w1Std = 1 / Math.sqrt(d);
  for (let t = 0; t < d * h; t++) x0[offW1 + t] = w1Std * rng.normal();
  const w2Std = 0.5 / Math.sqrt(h);
  for (let t = 0; t < h * o; t++) x0[offW2 + t] = w2Std * rng.normal();

  // Per-row work writes the hidden activations and the output deltas column-wise (hT, deltaT), so
  // the weight gradients are dot products over the rows at the end, four accumulators each.
  const xsT = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xsT[j * n + i] = xs[i * d + j];
  const hT = new Float64Array(h * n);
  const gzT = new Float64Array(h * n);
  const deltaT = new Float64Array(o * n);
  const hid = new Float64Array(h);
  const s = new Float64Array(o);
  const w2T = new Float64Array(o * h);
  const objective = (p: Float64Array, g: Float64Array): number => {
    g.fill(0);
    for (let u = 0; u < h; u++) for (let c = 0; c < o; c++) w2T[c * h + u] = p[offW2 + u * o + c];
    let loss = 0;
    for (let i = 0; i < n; i++) {
      // W1 is held transposed (hidden × inputs) while training: each unit is one dot product.
      for (let u = 0; u < h; u++) hT[u * n + i] = hid[u] = Math.tanh(p[offB1 + u] + dot(xs, i * d, p, offW1 + u * d, d));
      const ui = i * m * o;
      for (let c = 0; c < o; c++) s[c] = p[offB + c] + dot(hid, 0, w2T, c * h, h);
      for (let j = 0; j < m; j++) {
        const a = p[offA + j];
        const base = ui + j * o;
        for (let c = 0; c < o; c++) s[c] += a * skipInputs[base + c];
      }
      // s becomes δ = ∂(mean loss)/∂s.
      if (regression) {
        const r = s[0] - target[i];
        loss += 0.5 * r * r;
        s[0] = r / n;
      } else {
        let max = -Infinity;
        for (let c = 0; c < o; c++) max = Math.max(max, s[c]);
        let sum = 0;
        for (let c = 0; c < o; c++) sum += s[c] = Math.exp(s[c] - max);
        const yi = target[i];
        loss -= Math.log(Math.max(s[yi] / sum, 1e-300));
        for (let c = 0; c < o; c++) s[c] = (s[c] / sum - (c === yi ? 1 : 0)) / n;
      }
      for (let c = 0; c < o; c++) deltaT[c * n + i] = s[c];
      for (let j = 0; j < m; j++) g[offA + j] += dot(s, 0, skipInputs, ui + j * o, o);
      for (let u = 0; u < h; u++) {
        const a = hid[u];
        gzT[u * n + i] = dot(s, 0, p, offW2 + u * o, o) * (1 - a * a);
      }
    }
    for (let c = 0; c < o; c++) g[offB + c] = sumRange(deltaT, c * n, n);
    for (let u = 0; u < h; u++) {
      g[offB1 + u] = sumRange(gzT, u * n, n);
      for (let c = 0; c < o; c++) g[offW2 + u * o + c] = dot(hT, u * n, deltaT, c * n, n);
    }
    // ∂/∂W1ᵀ[u, j] = Σ_i gz[i, u] · x[i, j]; input column j is read once for all units.
    for (let j = 0; j < d; j++) for (let u = 0; u < h; u++) g[offW1 + u * d + j] = dot(gzT, u * n, xsT, j * n, n);
    loss /= n;
    for (let j = 0; j < m; j++) {
      loss += 0.5 * skipL2 * p[offA + j] ** 2;
      g[offA + j] += skipL2 * p[offA + j];
    }
    for (let t = offW1; t < offB1; t++) {
      loss += 0.5 * decay * p[t] ** 2;
      g[t] += decay * p[t];
    }
    for (let t = offW2; t < size; t++) {
      loss += 0.5 * decay * p[t] ** 2;
      g[t] += decay * p[t];
    }
    return loss;
  };
  const { x } = minimizeLbfgs(objective, x0, { maxIterations: options.maxIterations ?? 40 });

  const w1 = new Array<number>(d * h);
  for (let u = 0; u < h; u++) for (let j = 0; j < d; j++) w1[j * h + u] = x[offW1 + u * d + j];
  const b1 = Array.from(x.subarray(offB1, offW2));
  let weights = Array.from(x.subarray(offA, offB));
  let intercepts = Array.from(x.subarray(offB, offW1));
  let w2 = Array.from(x.subarray(offW2, size));
  if (regression) {
    // Back to target units, on raw member values: out = b + Σ a_m v_m + tanh(…) · W2.
    let b = yMean + yScale * intercepts[0];
    weights = weights.map((a, j) => {
      b -= (yScale * a * mean[j]) / scale[j];
      return (yScale * a) / scale[j];
    });
    intercepts = [b];
    w2 = w2.map((v) => v * yScale);
  }
  return { kind: 'mlp', task: shape.task, classes: shape.classes, weights, intercepts, hidden: h, inputMean: Array.from(mean), inputScale: Array.from(scale), w1, b1, w2 };
}

/** The MLP meta-learner's prediction from member predictions (same member order as in fitting). */
export function applyMlpMetaLearner(model: MlpStackModel, members: readonly Prediction[]): Prediction {
  const shape = memberShape(members);
  const m = members.length;
  if (m !== model.weights.length) throw new RangeError(`The meta-learner was fitted on ${model.weights.length} members, got ${m}.`);
  const { rows: n, width: d, values: x } = metaFeatures(members);
  const o = shape.width;
  const h = model.hidden;
  if (model.inputMean.length !== d || model.w1.length !== d * h || model.w2.length !== h * o) throw new RangeError(`The MLP meta-learner expects ${model.inputMean.length} inputs and ${model.w2.length / h} outputs, got ${d} and ${o}.`);
  const out = new Float64Array(n * o);
  const hid = new Float64Array(h);
  for (let i = 0; i < n; i++) {
    for (let u = 0; u < h; u++) hid[u] = 0;
    for (let j = 0; j < d; j++) {
      const v = (x[i * d + j] - model.inputMean[j]) / model.inputScale[j];
      for (let u = 0; u < h; u++) hid[u] += v * model.w1[j * h + u];
    }
    for (let c = 0; c < o; c++) {
      let v = model.intercepts[c];
      for (let j = 0; j < m; j++) v += model.weights[j] * x[i * d + j * o + c];
      out[i * o + c] = v;
    }
    for (let u = 0; u < h; u++) {
      const a = Math.tanh(hid[u] + model.b1[u]);
      for (let c = 0; c < o; c++) out[i * o + c] += a * model.w2[u * o + c];
    }
  }
  if (shape.task !== 'regression') softmaxRows(out, n, o);
  return predictionOf(shape, out);
}

/** Σ a[ai + t] · b[bi + t] for t < len, with four accumulators (a single one is bound by the add latency). */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += a[ai + t] * b[bi + t];
    s1 += a[ai + t + 1] * b[bi + t + 1];
    s2 += a[ai + t + 2] * b[bi + t + 2];
    s3 += a[ai + t + 3] * b[bi + t + 3];
  }
  for (; t < len; t++) s0 += a[ai + t] * b[bi + t];
  return s0 + s1 + (s2 + s3);
}

/** Σ a[ai + t] for t < len. */
function sumRange(a: Float64Array, ai: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < len; t += 2) {
    s0 += a[ai + t];
    s1 += a[ai + t + 1];
  }
  if (t < len) s0 += a[ai + t];
  return s0 + s1;
}

/** Per-column mean and standard deviation (1 where a column is constant). */
function columnStats(x: Float64Array, n: number, d: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const r = x[i * d + j] - mean[j];
      scale[j] += r * r;
    }
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(scale[j] / Math.max(1, n));
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  return { mean, scale };
}
