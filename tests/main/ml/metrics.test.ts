import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRows, isBetter, logLoss, metricForTask, rmse, rocAuc } from '../../../src/main/ml/metrics';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('rocAuc', () => {
  it('matches the scikit-learn documentation example', () => {
    // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    expect(rocAuc(f64([0, 0, 1, 1]), f64([0.1, 0.4, 0.35, 0.8]))).toBeCloseTo(0.75, 12);
  });

  it('counts tied scores as half (average ranks)', () => {
    // pairs (pos, neg): (0.5, 0.5) = ½, (0.5, 0.2) = 1, (0.9, 0.5) = 1, (0.9, 0.2) = 1 → 3.5 / 4
    expect(rocAuc(f64([0, 1, 0, 1]), f64([0.5, 0.5, 0.2, 0.9]))).toBeCloseTo(0.875, 12);
    expect(rocAuc(f64([0, 1, 1, 0, 1]), f64([3, 3, 3, 3, 3]))).toBeCloseTo(0.5, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, NaN with one class', () => {
    expect(rocAuc(f64([0, 0, 1, 1, 1]), f64([-2, -1, 0, 5, 6]))).toBe(1);
    expect(rocAuc(f64([1, 1, 0]), f64([0, 1, 2]))).toBe(0);
    expect(rocAuc(f64([1, 1]), f64([0.2, 0.3]))).toBeNaN();
  });

  it('agrees with the pairwise definition on random data', () => {
    let s = 12345;
    const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 300;
    const y = new Float64Array(n);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rand() < 0.3 ? 1 : 0;
      score[i] = Math.round((rand() + y[i] * 0.3) * 20) / 20; // coarse, so many ties
    }
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] !== 1) continue;
      for (let j = 0; j < n; j++) {
        if (y[j] !== 0) continue;
        pairs++;
        wins += score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0;
      }
    }
    expect(rocAuc(y, score)).toBeCloseTo(wins / pairs, 12);
  });
});

describe('logLoss', () => {
  it('matches the scikit-learn documentation example', () => {
    // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) ≈ 0.21616
    const proba = f64([0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65]);
    expect(logLoss(f64([1, 0, 0, 1]), proba, 2)).toBeCloseTo(0.21616187468057912, 12);
  });

  it('handles three classes', () => {
    const proba = f64([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.3, 0.5]);
    expect(logLoss(f64([0, 1, 2]), proba, 3)).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.5)) / 3, 12);
  });

  it('clips probabilities at 1e-15', () => {
    expect(logLoss(f64([0]), f64([0, 1]), 2)).toBeCloseTo(-Math.log(1e-15), 9);
    expect(logLoss(f64([1]), f64([0, 1]), 2)).toBeCloseTo(-Math.log(1 - 1e-15), 20);
    expect(Number.isFinite(logLoss(f64([1]), f64([0.5, Number.NaN]), 2))).toBe(true);
  });

  it('rejects a proba array of the wrong size', () => {
    expect(() => logLoss(f64([0, 1]), f64([0.5, 0.5]), 2)).toThrow(RangeError);
  });
});

describe('accuracy, rmse, argmaxRows', () => {
  it('accuracy is the share of exact matches', () => {
    expect(accuracy(f64([0, 1, 2, 1]), f64([0, 2, 2, 1]))).toBe(0.75);
  });

  it('rmse matches the scikit-learn documentation example', () => {
    // mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) == 0.375
    expect(rmse(f64([3, -0.5, 2, 7]), f64([2.5, 0, 2, 8]))).toBeCloseTo(Math.sqrt(0.375), 12);
  });

  it('argmaxRows picks the most probable class per row', () => {
    expect(Array.from(argmaxRows(f64([0.2, 0.5, 0.3, 0.6, 0.3, 0.1]), 3))).toEqual([1, 0]);
  });
});

describe('metricForTask', () => {
  it('binary → roc_auc on the probability of class index 1', () => {
    const m = metricForTask('binary');
    expect(m).toMatchObject({ name: 'roc_auc', greaterIsBetter: true });
    const proba = f64([0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8]); // p1 = .1 .4 .35 .8
    expect(m.score(f64([0, 0, 1, 1]), { task: 'binary', classes: ['no', 'yes'], proba })).toBeCloseTo(0.75, 12);
  });

  it('multiclass → log_loss', () => {
    const m = metricForTask('multiclass');
    expect(m).toMatchObject({ name: 'log_loss', greaterIsBetter: false });
    const proba = f64([0.7, 0.2, 0.1, 0.1, 0.8, 0.1]);
    expect(m.score(f64([0, 1]), { task: 'multiclass', classes: ['a', 'b', 'c'], proba })).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 12);
  });

  it('regression → rmse, and refuses a mismatched prediction', () => {
    const m = metricForTask('regression');
    expect(m).toMatchObject({ name: 'rmse', greaterIsBetter: false });
    expect(m.score(f64([1, 2]), { task: 'regression', value: f64([1, 4]) })).toBeCloseTo(Math.sqrt(2), 12);
    expect(() => m.score(f64([1]), { task: 'binary', classes: ['a', 'b'], proba: f64([0.5, 0.5]) })).toThrow(TypeError);
  });
});

describe('isBetter', () => {
  it('follows the metric direction and never prefers NaN', () => {
    const auc = metricForTask('binary');
    const loss = metricForTask('multiclass');
    expect(isBetter(auc, 0.8, 0.7)).toBe(true);
    expect(isBetter(auc, 0.7, 0.8)).toBe(false);
    expect(isBetter(auc, 0.7, 0.7)).toBe(false);
    expect(isBetter(loss, 0.2, 0.3)).toBe(true);
    expect(isBetter(loss, 0.3, 0.2)).toBe(false);
    expect(isBetter(loss, Number.NaN, 0.3)).toBe(false);
    expect(isBetter(loss, 0.3, Number.NaN)).toBe(true);
  });
});
