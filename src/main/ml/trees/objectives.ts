/**
 * Boosting objectives: initial score, per-row gradients and hessians of the loss with respect to
 * the raw scores, and the loss itself (for early stopping). Scores are row-major n × outputs.
 */
export type ObjectiveName = 'binary' | 'multiclass' | 'l2' | 'huber';

export interface Objective {
  readonly name: ObjectiveName;
  /** Raw score columns: K for multiclass, else 1. */
  readonly outputs: number;
  initScore(y: Float64Array, rows: Int32Array): Float64Array;
  /** Fills grad[k], hess[k] (one array per output) for rows[begin..end) (default: all of `rows`). */
  gradients(y: Float64Array, scores: Float64Array, rows: Int32Array, grad: Float64Array[], hess: Float64Array[], begin?: number, end?: number): void;
  /** How to build the same objective on a helper thread (set by createObjective). */
  readonly spec?: ObjectiveSpec;
  /** Mean loss over `rows`. */
  loss(y: Float64Array, scores: Float64Array, rows: Int32Array): number;
}

const EPS = 1e-15;

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

const binary: Objective = {
  name: 'binary',
  outputs: 1,
  initScore(y, rows) {
    let pos = 0;
    for (let i = 0; i < rows.length; i++) pos += y[rows[i]];
    const p = Math.min(1 - 1e-6, Math.max(1e-6, pos / rows.length));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(y, scores, rows, grad, hess, begin = 0, end = rows.length) {
    const g = grad[0];
    const h = hess[0];
    for (let i = begin; i < end; i++) {
      const r = rows[i];
      // sigmoid(scores[r]), written out: the hottest loop outside the tree learner.
      const p = 1 / (1 + Math.exp(-scores[r]));
      const q = p * (1 - p);
      g[r] = p - y[r];
      h[r] = q > 1e-16 ? q : 1e-16;
    }
  },
  loss(y, scores, rows) {
    let s = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const p = Math.min(1 - EPS, Math.max(EPS, sigmoid(scores[r])));
      s -= y[r] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    return s / rows.length;
  },
};

function multiclass(k: number): Objective {
  // LightGBM's hessian factor k/(k−1) makes the Newton step match the softmax curvature better.
  const factor = k / (k - 1);
  const p = new Float64Array(k);
  const softmaxRow = (scores: Float64Array, r: number): void => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[r * k + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      p[c] = Math.exp(scores[r * k + c] - max);
      sum += p[c];
    }
    for (let c = 0; c < k; c++) p[c] /= sum;
  };
  return {
    name: 'multiclass',
    outputs: k,
    initScore(y, rows) {
      const counts = new Float64Array(k);
      for (let i = 0; i < rows.length; i++) counts[y[rows[i]]]++;
      return counts.map((c) => Math.log(Math.max(c, 1) / rows.length));
    },
    gradients(y, scores, rows, grad, hess, begin = 0, end = rows.length) {
      for (let i = begin; i < end; i++) {
        const r = rows[i];
        softmaxRow(scores, r);
        for (let c = 0; c < k; c++) {
          grad[c][r] = p[c] - (y[r] === c ? 1 : 0);
          hess[c][r] = Math.max(factor * p[c] * (1 - p[c]), 1e-16);
        }
      }
    },
    loss(y, scores, rows) {
      let s = 0;
      for (let i = 0; i < rows.length; i++) {
        softmaxRow(scores, rows[i]);
        s -= Math.log(Math.max(EPS, p[y[rows[i]]]));
      }
      return s / rows.length;
    },
  };
}

function mean(y: Float64Array, rows: Int32Array): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += y[rows[i]];
  return s / rows.length;
}

const l2: Objective = {
  name: 'l2',
  outputs: 1,
  initScore: (y, rows) => Float64Array.of(mean(y, rows)),
  gradients(y, scores, rows, grad, hess, begin = 0, end = rows.length) {
    const g = grad[0];
    const h = hess[0];
    for (let i = begin; i < end; i++) {
      const r = rows[i];
      g[r] = scores[r] - y[r];
      h[r] = 1;
    }
  },
  loss(y, scores, rows) {
    let s = 0;
    for (let i = 0; i < rows.length; i++) {
      const d = scores[rows[i]] - y[rows[i]];
      s += d * d;
    }
    return s / rows.length;
  },
};

function huber(delta: number): Objective {
  return {
    name: 'huber',
    outputs: 1,
    initScore: (y, rows) => Float64Array.of(mean(y, rows)),
    gradients(y, scores, rows, grad, hess, begin = 0, end = rows.length) {
      const g = grad[0];
      const h = hess[0];
      for (let i = begin; i < end; i++) {
        const r = rows[i];
        const d = scores[r] - y[r];
        g[r] = d > delta ? delta : d < -delta ? -delta : d;
        h[r] = 1;
      }
    },
    loss(y, scores, rows) {
      let s = 0;
      for (let i = 0; i < rows.length; i++) {
        const a = Math.abs(scores[rows[i]] - y[rows[i]]);
        s += a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
      }
      return s / rows.length;
    },
  };
}

/** What names an objective, so a helper thread can build the same one (row-passes.ts). */
export interface ObjectiveSpec {
  name: ObjectiveName;
  classCount: number;
  huberDelta: number;
}

/** The objective for a task (`huberDelta` set → Huber for regression). */
export function createObjective(name: ObjectiveName, classCount: number, huberDelta: number): Objective {
  return { ...objectiveOf(name, classCount, huberDelta), spec: { name, classCount, huberDelta } };
}

function objectiveOf(name: ObjectiveName, classCount: number, huberDelta: number): Objective {
  switch (name) {
    case 'binary':
      return binary;
    case 'multiclass':
      return multiclass(classCount);
    case 'l2':
      return l2;
    case 'huber':
      return huber(huberDelta);
  }
}
