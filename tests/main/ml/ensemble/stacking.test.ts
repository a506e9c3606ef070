import { describe, expect, it } from 'vitest';
import { blendOnHoldout } from '../../../../src/main/ml/ensemble/blending';
import { solveSpd } from '../../../../src/main/ml/ensemble/linalg';
import { applyMetaLearner, fitMetaLearner } from '../../../../src/main/ml/ensemble/meta-learner';
import { stackOutOfFold } from '../../../../src/main/ml/ensemble/stacking';
import { LOG_LOSS, RMSE, ROC_AUC } from '../../../../src/main/ml/metrics';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { createRng } from '../../../../src/main/ml/rng';
import { binaryCase, contiguousFolds, multiclassMember } from './synthetic';

describe('linear algebra', () => {
  it('solves a small SPD system', () => {
    const x = solveSpd(Float64Array.from([4, 1, 1, 3]), Float64Array.from([1, 2]), 2);
    expect(x[0]).toBeCloseTo(1 / 11, 12);
    expect(x[1]).toBeCloseTo(7 / 11, 12);
  });
});

describe('meta-learner', () => {
  it('binary: recovers the better member (large weight on it, about none on noise)', () => {
    const { y, strong, noise } = binaryCase(1);
    const model = fitMetaLearner([noise, strong], y);
    expect(model.kind).toBe('log-linear-pool');
    expect(model.weights[1]).toBeGreaterThan(0.5);
    expect(Math.abs(model.weights[0])).toBeLessThan(0.15);
    const stacked = applyMetaLearner(model, [noise, strong]);
    expect(ROC_AUC.score(y, stacked)).toBeCloseTo(ROC_AUC.score(y, strong), 2);
    expect(LOG_LOSS.score(y, stacked)).toBeLessThanOrEqual(LOG_LOSS.score(y, strong) + 1e-9);
  });

  it('multiclass: probabilities sum to one and beat each member on log loss', () => {
    const rng = createRng(5);
    const k = 4;
    const y = Float64Array.from({ length: 1200 }, () => rng.int(k));
    const a = multiclassMember(y, k, 1.5, rng);
    const b = multiclassMember(y, k, 1.0, rng);
    const model = fitMetaLearner([a, b], y);
    const p = applyMetaLearner(model, [a, b]) as Extract<Prediction, { proba: Float64Array }>;
    for (let i = 0; i < 5; i++) expect(p.proba.subarray(i * k, i * k + k).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(LOG_LOSS.score(y, p)).toBeLessThan(Math.min(LOG_LOSS.score(y, a), LOG_LOSS.score(y, b)));
    expect(model.weights[0]).toBeGreaterThan(model.weights[1]);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('regression: ridge recovers the mixing coefficients', () => {
    const rng = createRng(2);
    const n = 800;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const y = a.map((v, i) => 0.7 * v + 0.3 * b[i] + 2);
    const model = fitMetaLearner(
      [
        { task: 'regression', value: a },
        { task: 'regression', value: b },
      ],
      y,
      { l2: 1e-6 },
    );
    expect(model.weights[0]).toBeCloseTo(0.7, 4);
    expect(model.weights[1]).toBeCloseTo(0.3, 4);
    expect(model.intercepts[0]).toBeCloseTo(2, 4);
  });

  it('refuses a length mismatch', () => {
    const { y, strong } = binaryCase(1, 10);
    expect(() => fitMetaLearner([strong], y.subarray(0, 5))).toThrow(/5 targets/);
  });
});

describe('stacking on out-of-fold predictions', () => {
  it('recovers the better member, and its out-of-fold score is not optimistic', () => {
    const { y, strong, weak, noise } = binaryCase(7);
    const folds = contiguousFolds(y.length, 5);
    const r = stackOutOfFold([noise, weak, strong], y, folds, ROC_AUC);
    expect(r.model.weights[2]).toBeGreaterThan(r.model.weights[1]);
    expect(r.model.weights[1]).toBeGreaterThan(Math.abs(r.model.weights[0]));
    expect(r.score).toBeGreaterThan(ROC_AUC.score(y, strong) - 0.01);
    const inSample = ROC_AUC.score(y, applyMetaLearner(r.model, [noise, weak, strong]));
    expect(r.score).toBeLessThanOrEqual(inSample + 1e-9);
  });

  it('with noise-only members, the OOF log loss is no better than predicting the base rate', () => {
    const rng = createRng(11);
    const y = Float64Array.from({ length: 600 }, () => (rng.next() < 0.5 ? 1 : 0));
    const { noise } = binaryCase(12, 600);
    const { noise: noise2 } = binaryCase(13, 600);
    const r = stackOutOfFold([noise, noise2], y, contiguousFolds(600, 5), LOG_LOSS);
    expect(r.score).toBeGreaterThan(Math.log(2) - 0.01);
  });

  it('regression stacking', () => {
    const rng = createRng(4);
    const n = 400;
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const m = (s: number): Prediction => ({ task: 'regression', value: y.map((v) => v + s * rng.normal()) });
    const members = [m(0.5), m(0.5)];
    const r = stackOutOfFold(members, y, contiguousFolds(n, 4), RMSE);
    expect(r.score).toBeLessThan(RMSE.score(y, members[0]));
  });

  it('needs at least two folds', () => {
    const { y, strong } = binaryCase(1, 20);
    expect(() => stackOutOfFold([strong], y, contiguousFolds(20, 1), ROC_AUC)).toThrow(/2 folds/);
  });
});

describe('blending on a holdout', () => {
  it('fits on the holdout, scores out of fold within it, and is deterministic under a seed', () => {
    const { y, strong, weak } = binaryCase(3, 500);
    const a = blendOnHoldout([weak, strong], y, ROC_AUC, createRng(1));
    const b = blendOnHoldout([weak, strong], y, ROC_AUC, createRng(1));
    expect(a.score).toBe(b.score);
    expect(a.model.weights[1]).toBeGreaterThan(a.model.weights[0]);
    expect(a.score).toBeGreaterThan(ROC_AUC.score(y, weak));
  });
});

describe('meta-learner at the size of letters (26 classes)', () => {
  it('fits many classes quickly and beats its members', () => {
    const rng = createRng(8);
    const k = 26;
    const y = Float64Array.from({ length: 4000 }, () => rng.int(k));
    const members = [2, 1.5, 1, 0.5].map((s) => multiclassMember(y, k, s, rng));
    const started = Date.now();
    const model = fitMetaLearner(members, y);
    expect(Date.now() - started).toBeLessThan(10_000);
    const p = applyMetaLearner(model, members);
    expect(LOG_LOSS.score(y, p)).toBeLessThan(Math.min(...members.map((m) => LOG_LOSS.score(y, m))));
    expect(model.weights[0]).toBeGreaterThan(model.weights[3]);
  });
});
