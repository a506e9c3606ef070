/**
 * Regression chart data of holdout predictions: a seeded sample of (actual, predicted) points for
 * the scatter and residual plots, and a histogram and summary of all residuals.
 */
import type { RegressionCharts } from '../../../shared/domain';
import type { Rng } from '../rng';
import { sampleRows } from '../sample-rows';

/** Points kept for the scatter plots. */
export const MAX_REGRESSION_POINTS = 1000;

/** Bins of `values` over [min, max]: about √n of them, between 10 and 40. Non-finite values are left out. */
export function histogram(values: ArrayLike<number>, bins?: number): { edges: number[]; counts: number[] } {
  let min = Infinity;
  let max = -Infinity;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (finite === 0) return { edges: [], counts: [] };
  const b = bins ?? Math.min(40, Math.max(10, Math.ceil(Math.sqrt(finite))));
  if (max === min) return { edges: [min - 0.5, min + 0.5], counts: [finite] };
  const width = (max - min) / b;
  const edges = Array.from({ length: b + 1 }, (_, i) => (i === b ? max : min + i * width));
  const counts = new Array<number>(b).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(b - 1, Math.floor((v - min) / width))]++;
  }
  return { edges, counts };
}

export function regressionCharts(actual: ArrayLike<number>, predicted: ArrayLike<number>, rng: Rng): RegressionCharts {
  const n = actual.length;
  if (predicted.length !== n) throw new RangeError(`regressionCharts: ${n} values but ${predicted.length} predictions.`);
  const residuals = new Float64Array(n);
  let sum = 0;
  let sumAbs = 0;
  let sumActual = 0;
  for (let i = 0; i < n; i++) {
    residuals[i] = actual[i] - predicted[i];
    sum += residuals[i];
    sumAbs += Math.abs(residuals[i]);
    sumActual += actual[i];
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  const meanActual = n > 0 ? sumActual / n : Number.NaN;
  let ssRes = 0;
  let ssDev = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += residuals[i] ** 2;
    ssDev += (residuals[i] - mean) ** 2;
    ssTot += (actual[i] - meanActual) ** 2;
  }
  const rows = sampleRows(n, MAX_REGRESSION_POINTS, rng.next);
  const points = Array.from(rows, (i): [number, number] => [actual[i], predicted[i]]);
  return {
    kind: 'regression',
    points,
    rows: n,
    residualHistogram: histogram(residuals),
    residualSummary: { mean, std: n > 0 ? Math.sqrt(ssDev / n) : Number.NaN, mae: n > 0 ? sumAbs / n : Number.NaN, r2: ssTot > 0 ? 1 - ssRes / ssTot : Number.NaN },
  };
}
