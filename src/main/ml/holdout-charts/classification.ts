/**
 * Classification chart data of holdout predictions: the confusion matrix of the most probable
 * class, and ROC / precision-recall curves (binary: the positive class; multiclass: each of the
 * ten most frequent classes against the rest, the remaining classes folded into one "other").
 */
import type { ClassCurve, ClassificationCharts } from '../../../shared/domain';
import { argmaxRows } from '../metrics';
import { rocPrCurves } from './curves';

/** Classes the confusion matrix shows by name; the rest are folded into "other". */
export const MAX_MATRIX_CLASSES = 30;
/** Classes drawn as one-vs-rest curves by name; the rest are folded into one curve. */
export const MAX_CURVE_CLASSES = 10;

/**
 * Counts of (actual, predicted) classes; `keep` are the class indexes shown by name (in that
 * order), all others counted in a last "other" row and column.
 */
export function confusionMatrix(y: ArrayLike<number>, predicted: ArrayLike<number>, classes: readonly string[], keep?: readonly number[]): { labels: string[]; counts: number[][] } {
  const shown = keep ?? classes.map((_, i) => i);
  const folded = shown.length < classes.length;
  const slot = new Int32Array(classes.length).fill(shown.length);
  shown.forEach((c, i) => (slot[c] = i));
  const size = shown.length + (folded ? 1 : 0);
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < y.length; i++) counts[slot[y[i]]][slot[predicted[i]]]++;
  return { labels: [...shown.map((c) => classes[c]), ...(folded ? [`other (${classes.length - shown.length} classes)`] : [])], counts };
}

/** Class indexes by holdout support, largest first (ties by class order). */
function bySupport(y: ArrayLike<number>, k: number): { order: number[]; support: number[] } {
  const support = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) support[y[i]]++;
  const order = support.map((_, c) => c).sort((a, b) => support[b] - support[a] || a - b);
  return { order, support };
}

function curveOf(label: string, isPositive: (row: number) => boolean, scoreOf: (row: number) => number, n: number): ClassCurve {
  const positive = new Uint8Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    positive[i] = isPositive(i) ? 1 : 0;
    score[i] = scoreOf(i);
  }
  const c = rocPrCurves(positive, score);
  return { label, support: c.positives, roc: c.roc, auc: c.auc, pr: c.pr, averagePrecision: c.averagePrecision, prevalence: n > 0 ? c.positives / n : 0 };
}

/** `proba` is row-major n × classes.length; `y` holds class indexes. */
export function classificationCharts(y: ArrayLike<number>, proba: Float64Array, classes: readonly string[]): ClassificationCharts {
  const k = classes.length;
  const n = y.length;
  if (proba.length !== n * k) throw new RangeError(`classificationCharts: expected ${n} × ${k} probabilities, got ${proba.length}.`);
  const predicted = argmaxRows(proba, k);
  const { order, support } = bySupport(y, k);
  const matrixKeep = k > MAX_MATRIX_CLASSES ? order.slice(0, MAX_MATRIX_CLASSES - 1).sort((a, b) => a - b) : undefined;
  const confusion = confusionMatrix(y, predicted, classes, matrixKeep);

  if (k === 2) return { kind: 'classification', confusion, curves: [curveOf(classes[1], (i) => y[i] === 1, (i) => proba[i * 2 + 1], n)] };
  // A class the holdout never holds has no curve (its AUC would be NaN, saved as null in the report).
  const present = order.filter((c) => support[c] > 0);
  const named = present.slice(0, MAX_CURVE_CLASSES);
  const curves = named.map((c) => curveOf(classes[c], (i) => y[i] === c, (i) => proba[i * k + c], n));
  if (present.length > MAX_CURVE_CLASSES) {
    const rest = present.slice(MAX_CURVE_CLASSES);
    const isRest = new Uint8Array(k);
    for (const c of rest) isRest[c] = 1;
    curves.push(
      curveOf(
        `other (${rest.length} classes)`,
        (i) => isRest[y[i]] === 1,
        (i) => {
          let s = 0;
          for (const c of rest) s += proba[i * k + c];
          return s;
        },
        n,
      ),
    );
  }
  return { kind: 'classification', confusion, curves };
}
