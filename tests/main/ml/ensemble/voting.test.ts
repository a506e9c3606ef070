import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { hardVote, softVote } from '../../../../src/main/ml/ensemble/voting';

const cls = (proba: number[]): Prediction => ({ task: 'multiclass', classes: ['a', 'b', 'c'], proba: Float64Array.from(proba) });

describe('voting', () => {
  it('soft vote averages probabilities, with weights', () => {
    const a = cls([0.6, 0.3, 0.1]);
    const b = cls([0.2, 0.2, 0.6]);
    expect(Array.from((softVote([a, b]) as { proba: Float64Array }).proba)).toEqual([0.4, 0.25, 0.35].map((v) => expect.closeTo(v, 12)));
    expect(Array.from((softVote([a, b], [3, 1]) as { proba: Float64Array }).proba)).toEqual([0.5, 0.275, 0.225].map((v) => expect.closeTo(v, 12)));
  });

  it('soft vote averages regression values', () => {
    const r = softVote([
      { task: 'regression', value: Float64Array.from([1, 2]) },
      { task: 'regression', value: Float64Array.from([3, 6]) },
    ]);
    expect(r).toEqual({ task: 'regression', value: Float64Array.from([2, 4]) });
  });

  it('hard vote returns weighted vote shares whose argmax is the majority (ties to the lower class)', () => {
    const a = cls([0.6, 0.3, 0.1, 0.1, 0.8, 0.1]);
    const b = cls([0.1, 0.3, 0.6, 0.1, 0.1, 0.8]);
    const c = cls([0.5, 0.4, 0.1, 0.1, 0.8, 0.1]);
    expect(Array.from((hardVote([a, b, c]) as { proba: Float64Array }).proba)).toEqual([2, 0, 1, 0, 2, 1].map((v) => expect.closeTo(v / 3, 12)));
    expect(Array.from((hardVote([a, b], [1, 3]) as { proba: Float64Array }).proba)).toEqual([0.25, 0, 0.75, 0, 0.25, 0.75]);
  });

  it('refuses mismatched members and bad weights', () => {
    const a = cls([0.6, 0.3, 0.1]);
    expect(() => softVote([a, { task: 'binary', classes: ['x', 'y'], proba: Float64Array.from([0.5, 0.5]) }])).toThrow(TypeError);
    expect(() => softVote([a, cls([0.6, 0.3, 0.1, 0.2, 0.2, 0.6])])).toThrow(/rows/);
    expect(() => softVote([a, a], [1])).toThrow(/2 members/);
    expect(() => softVote([a, a], [0, 0])).toThrow(/positive/);
    expect(() => softVote([])).toThrow(/at least one/);
    expect(() => hardVote([{ task: 'regression', value: new Float64Array(1) }])).toThrow(/regression/);
  });
});
