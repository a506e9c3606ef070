/**
 * Evaluation metrics. Each {@link Metric} declares its direction (`greaterIsBetter`), so search
 * and ensembling compare scores through {@link isBetter} and never assume "higher wins".
 * Definitions follow scikit-learn's (roc_auc_score, log_loss, accuracy_score, RMSE), so scores
 * can be compared with the peers in the benchmark table.
 */
import type { TaskKind } from '../../shared/domain';
import type { Prediction } from './prediction';

/** A scoring rule for one task. */
export interface Metric {
  /** Stable identifier (`roc_auc`, `log_loss`, `rmse`, `accuracy`). */
  name: string;
  greaterIsBetter: boolean;
  /** Score of `prediction` against true `y` (class indexes or values). */
  score(y: Float64Array, prediction: Prediction): number;
}

const EPS = 1e-15;

/**
 * Area under the ROC curve for labels 0/1 (anything > 0.5 counts as positive) and scores where
 * larger means "more likely positive". Tied scores get the average of their ranks (Mann-Whitney
 * U), which equals the trapezoid area under the curve. NaN when only one class is present.
 */
export function rocAuc(yTrue01: Float64Array, score: Float64Array): number {
  const n = yTrue01.length;
  if (score.length !== n) throw new RangeError(`rocAuc: ${n} labels but ${score.length} scores.`);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => score[a] - score[b]);
  let positives = 0;
  let positiveRankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    const s = score[order[i]];
    while (j + 1 < n && score[order[j + 1]] === s) j++;
    const rank = (i + j + 2) / 2; // average of 1-based ranks i+1..j+1
    for (let t = i; t <= j; t++) {
      if (yTrue01[order[t]] > 0.5) {
        positives++;
        positiveRankSum += rank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Mean negative log-likelihood of the true classes. `proba` is row-major n × k; each probability
 * is clipped to [1e-15, 1 - 1e-15] so a confident mistake costs about 34.5, not infinity.
 */
export function logLoss(y: Float64Array, proba: Float64Array, k: number): number {
  const n = y.length;
  if (proba.length !== n * k) throw new RangeError(`logLoss: expected ${n} × ${k} probabilities, got ${proba.length}.`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let p = proba[i * k + y[i]];
    if (!(p > EPS)) p = EPS; // also catches NaN
    else if (p > 1 - EPS) p = 1 - EPS;
    sum -= Math.log(p);
  }
  return sum / n;
}

/** Share of rows where the predicted class index equals the true one. */
export function accuracy(y: Float64Array, predicted: ArrayLike<number>): number {
  const n = y.length;
  if (predicted.length !== n) throw new RangeError(`accuracy: ${n} labels but ${predicted.length} predictions.`);
  let hits = 0;
  for (let i = 0; i < n; i++) if (y[i] === predicted[i]) hits++;
  return hits / n;
}

/** Root mean squared error. */
export function rmse(y: Float64Array, predicted: ArrayLike<number>): number {
  const n = y.length;
  if (predicted.length !== n) throw new RangeError(`rmse: ${n} values but ${predicted.length} predictions.`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - predicted[i];
    sum += d * d;
  }
  return Math.sqrt(sum / n);
}

/** The most probable class index per row of a row-major n × k probability matrix (first on ties). */
export function argmaxRows(proba: Float64Array, k: number): Int32Array {
  const n = Math.floor(proba.length / k);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestP = proba[i * k];
    for (let c = 1; c < k; c++) {
      const p = proba[i * k + c];
      if (p > bestP) {
        best = c;
        bestP = p;
      }
    }
    out[i] = best;
  }
  return out;
}

function probaOf(prediction: Prediction, metric: string): { proba: Float64Array; k: number } {
  if (prediction.task === 'regression') throw new TypeError(`${metric} needs class probabilities, got a regression prediction.`);
  return { proba: prediction.proba, k: prediction.classes.length };
}

function valuesOf(prediction: Prediction, metric: string): Float64Array {
  if (prediction.task !== 'regression') throw new TypeError(`${metric} needs predicted values, got class probabilities.`);
  return prediction.value;
}

/** ROC AUC of the probability of class index 1 (binary). */
export const ROC_AUC: Metric = {
  name: 'roc_auc',
  greaterIsBetter: true,
  score(y, prediction) {
    const { proba, k } = probaOf(prediction, 'roc_auc');
    if (k !== 2) throw new TypeError(`roc_auc is for two classes, got ${k}.`);
    const positive = new Float64Array(y.length);
    for (let i = 0; i < positive.length; i++) positive[i] = proba[i * 2 + 1];
    return rocAuc(y, positive);
  },
};

/** Multiclass (or binary) log loss. */
export const LOG_LOSS: Metric = {
  name: 'log_loss',
  greaterIsBetter: false,
  score(y, prediction) {
    const { proba, k } = probaOf(prediction, 'log_loss');
    return logLoss(y, proba, k);
  },
};

/** Accuracy of the most probable class. */
export const ACCURACY: Metric = {
  name: 'accuracy',
  greaterIsBetter: true,
  score(y, prediction) {
    const { proba, k } = probaOf(prediction, 'accuracy');
    return accuracy(y, argmaxRows(proba, k));
  },
};

/** Root mean squared error (regression). */
export const RMSE: Metric = {
  name: 'rmse',
  greaterIsBetter: false,
  score(y, prediction) {
    return rmse(y, valuesOf(prediction, 'rmse'));
  },
};

/** The default metric of a task: binary → ROC AUC, multiclass → log loss, regression → RMSE. */
export function metricForTask(task: TaskKind): Metric {
  switch (task) {
    case 'binary':
      return ROC_AUC;
    case 'multiclass':
      return LOG_LOSS;
    case 'regression':
      return RMSE;
  }
}

/**
 * True when score `a` is strictly better than `b` under `metric`'s direction. A NaN score is
 * never better, and any number is better than NaN.
 */
export function isBetter(metric: Pick<Metric, 'greaterIsBetter'>, a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return metric.greaterIsBetter ? a > b : a < b;
}

/**
 * Squared Pearson correlation of `x` and `y` over the rows where `x` is present (0 when fewer than
 * two such rows or either is constant): the one-feature R² of a linear fit, used by the leakage checks.
 */
export function squaredCorrelation(x: Float64Array, y: Float64Array): number {
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue;
    n++;
    mx += x[i];
    my += y[i];
  }
  if (n < 2) return 0;
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue;
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 0;
}
