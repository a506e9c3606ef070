import { describe, expect, it } from 'vitest';
import { applyEnsemble, compareEnsembles, ENSEMBLE_KINDS, fitsBefore } from '../../../../src/main/ml/ensemble/compare';
import { metricForTask } from '../../../../src/main/ml/metrics';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { createRng } from '../../../../src/main/ml/rng';
import { binaryLabels, binaryMember, complementaryMembers, multiclassMember } from './synthetic';

const AUC = metricForTask('binary');

describe('compareEnsembles: every kind scored on folds it never saw, adopted only if it beats the best single member', () => {
  it('refuses every kind when the members are copies of one model', async () => {
    const rng = createRng(11);
    const y = binaryLabels(1500, rng);
    const one = binaryMember(y, 1.2, 1.2, rng);
    const result = await compareEnsembles([one, one, one, one], y, AUC, createRng(1));
    expect(result.trials.map((t) => t.kind)).toEqual([...ENSEMBLE_KINDS]);
    expect(result.chosen).toBeNull();
    for (const t of result.trials) {
      expect(t.decision.adopt).toBe(false);
      // The trees' output is a step function of the member's: rows it ties lose a little AUC, never gain.
      // So do a hard vote's vote shares (0 or 1 for copies): they keep only the predicted class.
      if (t.kind === 'stacking-trees' || t.kind === 'hard-vote') expect(t.decision.gain).toBeLessThanOrEqual(0);
      else expect(Math.abs(t.decision.gain)).toBeLessThan(1e-3);
    }
  });

  it('refuses when one strong member is joined by noise that hurts an average', async () => {
    for (const seed of [12, 13, 14]) {
      const rng = createRng(seed);
      const y = binaryLabels(1500, rng);
      const strong = binaryMember(y, 1.5, 1.0, rng);
      const noise = [0, 1, 2].map(() => binaryMember(y, 0, 1.5, rng));
      const result = await compareEnsembles([strong, ...noise], y, AUC, createRng(seed));
      const equal = result.trials.find((t) => t.kind === 'soft-vote');
      expect(equal?.decision.gain).toBeLessThan(-0.02); // averaging in noise hurts…
      expect(result.chosen).toBeNull(); // …and nothing that learns its weights does better than the strong member alone
    }
  });

  it('adopts an ensemble of diverse members where averaging helps, and its final fit predicts', async () => {
    const rng = createRng(21);
    const y = binaryLabels(2000, rng);
    // Same signal, independent errors: the average has less noise than any one member.
    const members = [1.0, 0.9, 0.8, 0.8].map((s) => binaryMember(y, s, 1.2, rng));
    const result = await compareEnsembles(members, y, AUC, createRng(2));
    expect(result.chosen).not.toBeNull();
    const chosen = result.chosen!;
    expect(chosen.decision.gain).toBeGreaterThan(0.01);
    expect(chosen.decision.wins).toBe(5);
    for (const t of result.trials) expect(t.decision.adopt).toBe(true);
    const p = applyEnsemble(chosen.final, chosen.members.map((i) => members[i]));
    expect(AUC.score(y, p)).toBeGreaterThan(AUC.score(y, members[0]) + 0.01);
  });

  it('stacking learns to trust the better member (multiclass log loss), and is nested', async () => {
    const rng = createRng(31);
    const y = Float64Array.from({ length: 1500 }, () => Math.floor(rng.next() * 3));
    const good = multiclassMember(y, 3, 2.5, rng);
    const weak = multiclassMember(y, 3, 1.0, rng);
    const result = await compareEnsembles([good, weak], y, metricForTask('multiclass'), createRng(3), { kinds: ['soft-vote', 'stacking'] });
    const stacking = result.trials.find((t) => t.kind === 'stacking')!;
    const equal = result.trials.find((t) => t.kind === 'soft-vote')!;
    if (!('stack' in stacking.final)) throw new Error('expected a meta-learner');
    expect(stacking.final.stack.weights[0]).toBeGreaterThan(stacking.final.stack.weights[1]);
    expect(stacking.decision.ensembleScore).toBeLessThan(equal.decision.ensembleScore);
    // Nested: the held-out score is close to, and not better than much, what the fitted-on-all stack gets in sample.
    const inSample = metricForTask('multiclass').score(y, applyEnsemble(stacking.final, [good, weak] as Prediction[]));
    expect(stacking.decision.ensembleScore).toBeGreaterThanOrEqual(inSample - 1e-3);
  });

  it('considers the MLP and tree meta-learners, nested, and adopts one where members are complementary non-linearly', async () => {
    const { y, members } = complementaryMembers('multiclass', 2000, createRng(61));
    const metric = metricForTask('multiclass');
    const result = await compareEnsembles(members, y, metric, createRng(5));
    const score = (kind: string): number => result.trials.find((t) => t.kind === kind)!.decision.ensembleScore;
    expect(result.trials.map((t) => t.kind)).toEqual([...ENSEMBLE_KINDS]);
    expect(result.chosen?.kind).toMatch(/^stacking-(mlp|trees)$/);
    // Held out, both beat the linear stack by a wide margin (log loss: lower is better).
    expect(score('stacking-mlp')).toBeLessThan(score('stacking') - 0.1);
    expect(score('stacking-trees')).toBeLessThan(score('stacking') - 0.1);
    const chosen = result.chosen!;
    if (!('stack' in chosen.final)) throw new Error('expected a meta-learner');
    expect(chosen.final.stack.kind).toBe(chosen.kind === 'stacking-mlp' ? 'mlp' : 'trees');
    // Nested: the held-out score is not better than what the fitted-on-all stack gets in sample.
    const inSample = metric.score(y, applyEnsemble(chosen.final, members));
    expect(chosen.decision.ensembleScore).toBeGreaterThanOrEqual(inSample - 1e-3);
  });

  it('tries a hard vote for classes, scored on its vote shares, and none for a regression', async () => {
    const binary = complementaryMembers('binary', 900, createRng(51));
    const result = await compareEnsembles(binary.members, binary.y, AUC, createRng(5), { kinds: ['soft-vote', 'hard-vote'] });
    const hard = result.trials.find((t) => t.kind === 'hard-vote');
    expect(hard?.final).toMatchObject({ hard: true });
    const shares = applyEnsemble(hard!.final, binary.members);
    if (shares.task === 'regression') throw new Error('expected class shares');
    const k = binary.members.length;
    expect(Array.from(shares.proba).every((p) => Math.abs(p * k - Math.round(p * k)) < 1e-9)).toBe(true);
    const regression = complementaryMembers('regression', 600, createRng(52));
    const values = await compareEnsembles(regression.members, regression.y, metricForTask('regression'), createRng(6), { kinds: ['soft-vote', 'hard-vote'] });
    expect(values.trials.map((t) => t.kind)).toEqual(['soft-vote']);
  });

  it('past its deadline it still compares the votes and skips the fitted kinds', async () => {
    const rng = createRng(41);
    const y = binaryLabels(600, rng);
    const members = [1.0, 0.9].map((sig) => binaryMember(y, sig, 1.2, rng));
    const result = await compareEnsembles(members, y, AUC, createRng(4), { deadline: Date.now() - 1 });
    expect(result.trials.map((t) => t.kind)).toEqual(['soft-vote', 'weighted-vote', 'hard-vote']);
    expect(result.skipped).toEqual(['greedy', 'blending', 'stacking', 'stacking-mlp', 'stacking-trees']);
  });
});

describe('time for the costlier meta-learners', () => {
  it('starts a non-linear meta-learner only when its projected time ends before the deadline', () => {
    const now = 1_000_000;
    expect(fitsBefore('stacking', 400, now + 100, now)).toBe(true);
    expect(fitsBefore('stacking', 400, now - 1, now)).toBe(false);
    expect(fitsBefore('stacking-mlp', 400, now + 2_100, now)).toBe(true);
    expect(fitsBefore('stacking-mlp', 400, now + 1_900, now)).toBe(false);
    expect(fitsBefore('stacking-trees', 400, now + 1_300, now)).toBe(true);
    expect(fitsBefore('stacking-trees', 400, now + 1_100, now)).toBe(false);
    expect(fitsBefore('stacking-trees', null, now + 1e9, now)).toBe(false);
  });
});
