import { describe, expect, it } from 'vitest';
import { trial } from '../trialFixtures';
import { bestTrials, familiesOf, mergeTrials } from '../../../src/renderer/lib/trials';
import { budgetLeft } from '../../../src/renderer/lib/budget';

describe('mergeTrials', () => {
  it('adds only unknown trials, keeps id order, and returns the same array when nothing is new', () => {
    const a = [trial(1, 'gbdt', 0.8), trial(2, 'linear', 0.7)];
    expect(mergeTrials(a, [])).toBe(a);
    expect(mergeTrials(a, [trial(2, 'linear', 0.7)])).toBe(a);
    expect(mergeTrials(a, [trial(2, 'linear', 0.7), trial(3, 'mlp', 0.6)]).map((t) => t.id)).toEqual([1, 2, 3]);
    // A late older trial (loaded list racing an event) still lands in order.
    expect(mergeTrials([trial(1, 'gbdt', 0.8), trial(4, 'gbdt', 0.9)], [trial(3, 'mlp', 0.6)]).map((t) => t.id)).toEqual([1, 3, 4]);
  });

  it('lists families in first-seen order and the best complete trials by direction', () => {
    const ts = [trial(1, 'gbdt', 0.8), trial(2, 'linear', 0.9), trial(3, 'gbdt', 0.95, {}, 'pruned'), trial(4, 'mlp', null), trial(5, 'gbdt', 0.85)];
    expect(familiesOf(ts)).toEqual(['gbdt', 'linear', 'mlp']);
    expect(bestTrials(ts, true, 2).map((t) => t.id)).toEqual([2, 5]);
    expect(bestTrials(ts, false, 2).map((t) => t.id)).toEqual([1, 5]);
  });
});

describe('budgetLeft', () => {
  const start = '2024-01-01T00:00:00.000Z';
  const t0 = Date.parse(start);
  it('counts down from the budget while the run goes, and stops at its end', () => {
    expect(budgetLeft(60, start, null, t0 + 15_000)).toMatchObject({ leftMs: 45_000, spentMs: 15_000, fraction: 0.25, over: false });
    expect(budgetLeft(60, start, null, t0 + 70_000)).toMatchObject({ leftMs: 0, fraction: 1, over: true });
    expect(budgetLeft(60, start, '2024-01-01T00:00:30.000Z', t0 + 999_000)).toMatchObject({ leftMs: 30_000, fraction: 0.5 });
    expect(budgetLeft(60, null, null, t0)).toMatchObject({ leftMs: 60_000, spentMs: 0, fraction: 0 });
  });
});
