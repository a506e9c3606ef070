import { describe, expect, it } from 'vitest';
import { median, MedianPruner } from '../../../../src/main/ml/search/median-pruner';
import { SuccessiveHalvingPruner } from '../../../../src/main/ml/search/successive-halving-pruner';
import { completeTrial, type FrozenTrial, pruneTrial, startTrial, withIntermediate } from '../../../../src/main/ml/search/trial';

/** A trial with values reported at steps 1..n. */
function trial(number: number, values: number[], state: 'running' | 'complete' | 'pruned' = 'complete'): FrozenTrial {
  let t = startTrial(number, {}, 0);
  values.forEach((v, i) => (t = withIntermediate(t, i + 1, v)));
  if (state === 'complete') return completeTrial(t, values[values.length - 1], 1);
  if (state === 'pruned') return pruneTrial(t, 1);
  return t;
}

describe('MedianPruner', () => {
  const done = [trial(0, [0.5, 0.6, 0.7]), trial(1, [0.6, 0.7, 0.8]), trial(2, [0.7, 0.8, 0.9])];

  it('prunes a trial whose best so far is worse than the median at its step (maximize)', () => {
    const p = new MedianPruner({ startupTrials: 3 });
    const all = [...done, trial(3, [0.55, 0.6], 'running')];
    expect(p.shouldPrune(all[3], all, 'maximize')).toBe(true);
    const good = trial(3, [0.65, 0.72], 'running');
    expect(p.shouldPrune(good, [...done, good], 'maximize')).toBe(false);
  });

  it('is direction-aware: the same values are good when minimizing', () => {
    const p = new MedianPruner({ startupTrials: 3 });
    const t = trial(3, [0.55, 0.6], 'running');
    expect(p.shouldPrune(t, [...done, t], 'minimize')).toBe(false);
  });

  it('waits for startup trials, warm-up steps and interval', () => {
    const t = trial(3, [0.1, 0.1], 'running');
    expect(new MedianPruner({ startupTrials: 4 }).shouldPrune(t, [...done, t], 'maximize')).toBe(false);
    expect(new MedianPruner({ startupTrials: 3, warmupSteps: 3 }).shouldPrune(t, [...done, t], 'maximize')).toBe(false);
    expect(new MedianPruner({ startupTrials: 3, intervalSteps: 3 }).shouldPrune(t, [...done, t], 'maximize')).toBe(false);
    expect(new MedianPruner({ startupTrials: 3 }).shouldPrune(t, [...done, t], 'maximize')).toBe(true);
  });

  it('does not prune when no completed trial reported at that step, or nothing was reported', () => {
    const t = trial(3, [0.1, 0.1, 0.1, 0.1], 'running');
    expect(new MedianPruner({ startupTrials: 3 }).shouldPrune(t, [...done, t], 'maximize')).toBe(false);
    const fresh = startTrial(4, {}, 0);
    expect(new MedianPruner({ startupTrials: 0 }).shouldPrune(fresh, [...done, fresh], 'maximize')).toBe(false);
  });

  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('SuccessiveHalvingPruner', () => {
  it('places rungs at minResource * eta^(rate + r)', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1 });
    expect([0, 1, 2].map((r) => p.rungStep(r))).toEqual([6, 18, 54]);
  });

  it('promotes only the top 1/eta at a rung (minimize)', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 });
    // Nine finished trials reached rung 0 (step 1) with values 1..9; top third is 1..3.
    const others = Array.from({ length: 9 }, (_, i) => trial(i, [i + 1]));
    const good = trial(9, [2.5], 'running');
    const bad = trial(9, [4], 'running');
    expect(p.shouldPrune(good, [...others, good], 'minimize')).toBe(false);
    expect(p.shouldPrune(bad, [...others, bad], 'minimize')).toBe(true);
    expect(p.shouldPrune(bad, [...others, bad], 'maximize')).toBe(true);
    const high = trial(9, [8.5], 'running');
    expect(p.shouldPrune(high, [...others, high], 'maximize')).toBe(false);
  });

  it('counts pruned and running competitors, and promotes only the best while a rung is small', () => {
    const p = new SuccessiveHalvingPruner({ reductionFactor: 4 });
    const a = trial(0, [5], 'pruned');
    const b = trial(1, [3], 'running');
    const c = trial(2, [4], 'running');
    expect(p.shouldPrune(c, [a, b, c], 'minimize')).toBe(true);
    expect(p.shouldPrune(b, [a, b, c], 'minimize')).toBe(false);
  });

  it('does not prune before the first rung', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 5 });
    const t = trial(1, [100, 100], 'running');
    expect(p.shouldPrune(t, [trial(0, [1, 1, 1, 1, 1]), t], 'minimize')).toBe(false);
  });

  it('refuses bad settings', () => {
    expect(() => new SuccessiveHalvingPruner({ reductionFactor: 1 })).toThrow(RangeError);
    expect(() => new SuccessiveHalvingPruner({ minResource: 0 })).toThrow(RangeError);
  });
});
