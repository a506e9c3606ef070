import { describe, expect, it } from 'vitest';
import { decideAdoption } from '../../../../src/main/ml/ensemble/adoption';
import { greedyEnsembleSelection } from '../../../../src/main/ml/ensemble/greedy-selection';
import { stackOutOfFold } from '../../../../src/main/ml/ensemble/stacking';
import { softVote } from '../../../../src/main/ml/ensemble/voting';
import { LOG_LOSS, ROC_AUC } from '../../../../src/main/ml/metrics';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { createRng } from '../../../../src/main/ml/rng';
import { binaryCase, binaryLabels, binaryMember, contiguousFolds } from './synthetic';

describe('adopting an ensemble only when it beats the best single model on held-out folds', () => {
  it('refuses an ensemble of identical members, with the numbers', () => {
    const { y, strong } = binaryCase(1);
    const members = [strong, strong, strong];
    const folds = contiguousFolds(y.length, 5).map((f) => f.test);
    const d = decideAdoption({ ensemble: softVote(members), members, y, metric: ROC_AUC, folds });
    expect(d.adopt).toBe(false);
    expect(d.gain).toBeCloseTo(0, 12);
    expect(d.reason).toMatch(/^Ensemble refused: the gain is not above 0.0001 \(roc_auc 0\.\d{4} vs best single \(member 0\) 0\.\d{4}, gain \+0\.0000, better on 0 of 5 folds\)\.$/);
  });

  it('refuses a Caruana ensemble and a stack over identical members too', () => {
    const { y, strong } = binaryCase(2);
    const members = [strong, strong];
    const folds = contiguousFolds(y.length, 5);
    const greedy = greedyEnsembleSelection(members, y, LOG_LOSS);
    expect(decideAdoption({ ensemble: softVote(members, greedy.weights), members, y, metric: LOG_LOSS, folds: folds.map((f) => f.test) }).adopt).toBe(false);
    // Scored by AUC: a stack of copies is a monotone transform of one member, so it cannot rank
    // better (by log loss it may legitimately win by recalibrating a miscalibrated member).
    const stack = stackOutOfFold(members, y, folds, ROC_AUC);
    expect(decideAdoption({ ensemble: stack.oof, members, y, metric: ROC_AUC, folds: folds.map((f) => f.test) }).adopt).toBe(false);
  });

  it('adopts an ensemble of complementary members (maximize and minimize)', () => {
    const rng = createRng(4);
    const y = binaryLabels(3000, rng);
    const members = [binaryMember(y, 1, 1.5, rng), binaryMember(y, 1, 1.5, rng), binaryMember(y, 1, 1.5, rng)];
    const folds = contiguousFolds(y.length, 5).map((f) => f.test);
    for (const metric of [ROC_AUC, LOG_LOSS]) {
      const d = decideAdoption({ ensemble: softVote(members), members, y, metric, folds });
      expect(d.adopt).toBe(true);
      expect(d.gain).toBeGreaterThan(0.01);
      expect(d.wins).toBe(5);
      expect(d.reason).toMatch(/^Ensemble adopted/);
    }
  });

  it('refuses an ensemble that wins on average but on fewer than half of the folds', () => {
    const { y, strong, weak } = binaryCase(5, 1000);
    const folds = contiguousFolds(1000, 4).map((f) => f.test);
    // An "ensemble" equal to the best member except on the first fold, where it is perfect.
    const proba = Float64Array.from(strong.proba);
    const ens: Prediction = { task: 'binary', classes: ['0', '1'], proba };
    for (const row of folds[0]) {
      proba[row * 2 + 1] = y[row];
      proba[row * 2] = 1 - y[row];
    }
    const d = decideAdoption({ ensemble: ens, members: [weak, strong], y, metric: ROC_AUC, folds });
    expect(d.bestSingleIndex).toBe(1);
    expect(d.gain).toBeGreaterThan(0);
    expect(d.wins).toBe(1);
    expect(d.adopt).toBe(false);
    expect(d.reason).toMatch(/fewer than half/);
  });
});
