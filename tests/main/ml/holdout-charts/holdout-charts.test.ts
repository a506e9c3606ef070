import { describe, expect, it } from 'vitest';
import { classificationCharts, confusionMatrix, histogram, holdoutCharts, regressionCharts, rocPrCurves, thinIndexes } from '../../../../src/main/ml/holdout-charts';
import { MAX_CURVE_POINTS } from '../../../../src/main/ml/holdout-charts/curves';
import { rocAuc } from '../../../../src/main/ml/metrics';
import { createRng } from '../../../../src/main/ml/rng';

/** n rows of k classes whose probabilities lean towards the true class, with ties from rounding. */
function leaningProba(n: number, k: number, seed: number): { y: Float64Array; proba: Float64Array } {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  const proba = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    y[i] = rng.int(k);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const v = Math.round((rng.next() + (c === y[i] ? 0.6 : 0)) * 20) / 20 + 1e-3;
      proba[i * k + c] = v;
      sum += v;
    }
    for (let c = 0; c < k; c++) proba[i * k + c] /= sum;
  }
  return { y, proba };
}

describe('ROC and precision-recall curves', () => {
  it('match scikit-learn on its documented example (AUC 0.75, average precision 0.8333)', () => {
    const c = rocPrCurves([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(c.auc).toBeCloseTo(0.75, 12);
    expect(c.averagePrecision).toBeCloseTo(0.8333333333, 9);
    expect(c.roc).toEqual([[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]]);
    expect(c.pr).toEqual([[0, 1], [0.5, 1], [0.5, 0.5], [1, 2 / 3], [1, 0.5]]);
  });

  it('give the rank-based AUC of the metrics module, ties included, and stay within 200 points', () => {
    const { y, proba } = leaningProba(10_000, 2, 7);
    const positive = Float64Array.from({ length: y.length }, (_, i) => proba[i * 2 + 1]);
    const c = rocPrCurves(y, positive);
    expect(c.auc).toBeCloseTo(rocAuc(y, positive), 12);
    expect(c.roc.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(c.pr.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(c.roc[0]).toEqual([0, 0]);
    expect(c.roc.at(-1)).toEqual([1, 1]);
    expect(c.pr.at(-1)?.[0]).toBe(1);
    // Monotone: both rates only grow along the ROC curve, recall only grows along the PR curve.
    for (let i = 1; i < c.roc.length; i++) {
      expect(c.roc[i][0]).toBeGreaterThanOrEqual(c.roc[i - 1][0]);
      expect(c.roc[i][1]).toBeGreaterThanOrEqual(c.roc[i - 1][1]);
      expect(c.pr[i][0]).toBeGreaterThanOrEqual(c.pr[i - 1][0]);
    }
  });

  it('thin many distinct thresholds to ≤ 200 points but keep the full-curve areas', () => {
    const rng = createRng(3);
    const y = Float64Array.from({ length: 5000 }, () => (rng.next() < 0.3 ? 1 : 0));
    const score = Float64Array.from(y, (v) => v * 0.5 + rng.next());
    const full = rocPrCurves(y, score, 1_000_000);
    const thin = rocPrCurves(y, score);
    expect(full.roc.length).toBe(5001);
    expect(thin.roc.length).toBe(MAX_CURVE_POINTS);
    expect(thin.auc).toBe(full.auc);
    expect(thin.averagePrecision).toBe(full.averagePrecision);
    expect(thin.auc).toBeCloseTo(rocAuc(y, score), 12);
  });

  it('have NaN areas when one class is missing', () => {
    const c = rocPrCurves([1, 1, 1], [0.2, 0.5, 0.9]);
    expect(c.auc).toBeNaN();
    expect(c.averagePrecision).toBe(1);
    expect(rocPrCurves([0, 0], [0.2, 0.5]).averagePrecision).toBeNaN();
  });

  it('thinIndexes keeps the first and last index, evenly spaced', () => {
    expect(thinIndexes(3, 10)).toEqual([0, 1, 2]);
    expect(thinIndexes(101, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(thinIndexes(0, 5)).toEqual([]);
  });
});

describe('confusion matrix', () => {
  it('counts actual rows against predicted columns', () => {
    const m = confusionMatrix([0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 2], ['a', 'b', 'c']);
    expect(m.labels).toEqual(['a', 'b', 'c']);
    expect(m.counts).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 2],
    ]);
  });

  it('folds the classes not kept into one "other" row and column', () => {
    const m = confusionMatrix([0, 1, 2, 3], [3, 1, 0, 2], ['a', 'b', 'c', 'd'], [0, 1]);
    expect(m.labels).toEqual(['a', 'b', 'other (2 classes)']);
    expect(m.counts).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 1],
    ]);
  });
});

describe('classification charts', () => {
  it('binary: one curve for the positive class, matrix of the most probable class', () => {
    const y = Float64Array.from([0, 0, 1, 1]);
    const proba = Float64Array.from([0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8]);
    const charts = classificationCharts(y, proba, ['no', 'yes']);
    expect(charts.confusion).toEqual({ labels: ['no', 'yes'], counts: [[2, 0], [1, 1]] });
    expect(charts.curves).toHaveLength(1);
    expect(charts.curves[0]).toMatchObject({ label: 'yes', support: 2, prevalence: 0.5, auc: 0.75 });
  });

  it('multiclass: one-vs-rest for the ten most frequent classes, the rest folded into one curve', () => {
    const k = 14;
    const classes = Array.from({ length: k }, (_, c) => `class-${c}`);
    const { y, proba } = leaningProba(3000, k, 11);
    const charts = classificationCharts(y, proba, classes);
    expect(charts.curves).toHaveLength(11);
    expect(charts.curves.at(-1)?.label).toBe('other (4 classes)');
    const supports = charts.curves.slice(0, 10).map((c) => c.support);
    expect(supports).toEqual([...supports].sort((a, b) => b - a));
    expect(charts.curves.reduce((s, c) => s + c.support, 0)).toBe(3000);
    // Each named curve's AUC is the one-vs-rest AUC of that class's probability.
    const first = classes.indexOf(charts.curves[0].label);
    const isFirst = Float64Array.from(y, (v) => (v === first ? 1 : 0));
    const scoreFirst = Float64Array.from({ length: y.length }, (_, i) => proba[i * k + first]);
    expect(charts.curves[0].auc).toBeCloseTo(rocAuc(isFirst, scoreFirst), 12);
    expect(charts.confusion.labels).toEqual(classes);
    expect(charts.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(3000);
  });

  it('multiclass: a class the holdout never holds gets no curve (its AUC would be NaN), every curve has a finite AUC', () => {
    const k = 5;
    const classes = Array.from({ length: k }, (_, c) => `class-${c}`);
    const { y, proba } = leaningProba(600, k, 12);
    const without = y.map((v) => (v === 2 ? 0 : v));
    const charts = classificationCharts(without, proba, classes);
    expect(charts.curves.map((c) => c.label)).not.toContain('class-2');
    expect(charts.curves).toHaveLength(4);
    expect(charts.curves.every((c) => Number.isFinite(c.auc) && c.support > 0)).toBe(true);
    expect(charts.confusion.labels).toEqual(classes);
  });

  it('past 30 classes the matrix keeps the 29 most frequent and folds the rest', () => {
    const k = 40;
    const { y, proba } = leaningProba(4000, k, 5);
    const charts = classificationCharts(y, proba, Array.from({ length: k }, (_, c) => `c${c}`));
    expect(charts.confusion.labels).toHaveLength(30);
    expect(charts.confusion.labels.at(-1)).toBe('other (11 classes)');
    expect(charts.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(4000);
  });

  it('is cheap on a 10,000-row holdout of 26 classes', () => {
    const { y, proba } = leaningProba(10_000, 26, 2);
    const classes = Array.from({ length: 26 }, (_, c) => String.fromCharCode(65 + c));
    const started = performance.now();
    const charts = holdoutCharts(y, { task: 'multiclass', classes, proba }, createRng(1));
    expect(performance.now() - started).toBeLessThan(500);
    expect(charts.kind).toBe('classification');
  });
});

describe('regression charts', () => {
  it('histogram: edges span the values and the counts add up', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Number.NaN], 5);
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 2, 2, 3]);
    expect(histogram([3, 3, 3])).toEqual({ edges: [2.5, 3.5], counts: [3] });
    expect(histogram([])).toEqual({ edges: [], counts: [] });
  });

  it('samples ≤ 1,000 points with the seed, and summarizes every residual', () => {
    const rng = createRng(9);
    const actual = Float64Array.from({ length: 10_000 }, () => rng.normal() * 10 + 50);
    const predicted = Float64Array.from(actual, (v, i) => v + (i % 2 === 0 ? 1 : -1));
    const started = performance.now();
    const a = regressionCharts(actual, predicted, createRng(42));
    expect(performance.now() - started).toBeLessThan(500);
    const b = regressionCharts(actual, predicted, createRng(42));
    expect(a.points).toHaveLength(1000);
    expect(a.points).toEqual(b.points);
    expect(a.rows).toBe(10_000);
    expect(a.residualHistogram.counts.reduce((s, c) => s + c, 0)).toBe(10_000);
    expect(a.residualSummary.mean).toBeCloseTo(0, 12);
    expect(a.residualSummary.mae).toBeCloseTo(1, 12);
    expect(a.residualSummary.std).toBeCloseTo(1, 12);
    expect(a.residualSummary.r2).toBeGreaterThan(0.98);
    for (const [x, y] of a.points) expect(Math.abs(x - y)).toBeCloseTo(1, 9);
  });

  it('keeps every row of a small holdout', () => {
    const charts = regressionCharts([1, 2, 3], [1, 2, 4], createRng(1));
    expect(charts.points).toEqual([[1, 1], [2, 2], [3, 4]]);
    expect(charts.residualSummary.r2).toBeCloseTo(0.5, 12);
  });
});
