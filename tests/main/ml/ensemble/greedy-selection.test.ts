import { describe, expect, it } from 'vitest';
import { greedyEnsembleSelection } from '../../../../src/main/ml/ensemble/greedy-selection';
import { softVote } from '../../../../src/main/ml/ensemble/voting';
import { isBetter, LOG_LOSS, ROC_AUC, RMSE } from '../../../../src/main/ml/metrics';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { createRng } from '../../../../src/main/ml/rng';
import { binaryCase, binaryMember } from './synthetic';

describe('greedy ensemble selection (Caruana)', () => {
  it('never does worse than the best single member on the selection set', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { y, strong, weak, noise } = binaryCase(seed, 600);
      const members = [noise, weak, strong];
      for (const metric of [ROC_AUC, LOG_LOSS]) {
        for (const start of ['best', 'empty'] as const) {
          const r = greedyEnsembleSelection(members, y, metric, { rounds: 15, start });
          const best = Math.max(...members.map((m) => (metric.greaterIsBetter ? 1 : -1) * metric.score(y, m))) * (metric.greaterIsBetter ? 1 : -1);
          expect(isBetter(metric, best, r.score)).toBe(false);
          expect(r.bestSingle.index).toBe(2);
          // The reported score is the score of the returned weights.
          expect(metric.score(y, softVote(members, r.weights))).toBeCloseTo(r.score, 12);
          expect(r.weights.every((w) => Number.isInteger(w) && w >= 0)).toBe(true);
        }
      }
    }
  });

  it('mixes complementary members and weights the better one more', () => {
    const rng = createRng(9);
    const y = Float64Array.from({ length: 2000 }, () => (rng.next() < 0.5 ? 1 : 0));
    const a = binaryMember(y, 1.2, 1.5, rng);
    const b = binaryMember(y, 0.8, 1.5, rng);
    const r = greedyEnsembleSelection([a, b], y, ROC_AUC, { rounds: 20 });
    expect(r.score).toBeGreaterThan(ROC_AUC.score(y, a));
    expect(r.weights[0]).toBeGreaterThan(r.weights[1]);
    expect(r.weights[1]).toBeGreaterThan(0);
    expect(r.history[0]).toEqual({ added: 0, score: ROC_AUC.score(y, a) });
  });

  it('works for regression (minimizing RMSE)', () => {
    const rng = createRng(3);
    const n = 500;
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const m = (noise: number): Prediction => ({ task: 'regression', value: y.map((v) => v + noise * rng.normal()) });
    const members = [m(1), m(1), m(3)];
    const r = greedyEnsembleSelection(members, y, RMSE, { rounds: 10 });
    expect(r.score).toBeLessThan(Math.min(...members.map((p) => RMSE.score(y, p))));
    expect(r.weights[2]).toBeLessThan(r.weights[0] + r.weights[1]);
  });
});
