import { describe, expect, it } from 'vitest';
import { classWeights } from '../../../src/main/ml/class-weights';

describe('class weights', () => {
  const y = Float64Array.of(0, 0, 0, 0, 0, 0, 1, 1, 2, 2);
  const all = Int32Array.from({ length: 10 }, (_, i) => i);

  it('balanced: every class counts as much in total; sqrt-balanced halfway; none: no weights', () => {
    const w = classWeights(y, all, 3, 'balanced');
    expect(Array.from(w ?? [])).toEqual([10 / 18, 10 / 6, 10 / 6]);
    const totals = [6, 2, 2].map((count, c) => count * (w?.[c] ?? 0));
    expect(totals[0]).toBeCloseTo(totals[1], 12);
    expect(Array.from(classWeights(y, all, 3, 'sqrt-balanced') ?? []).map((v) => v * v)).toEqual(Array.from(w ?? []).map((v) => expect.closeTo(v, 12)));
    expect(classWeights(y, all, 3, 'none')).toBeNull();
  });

  it('counts only the listed rows, and gives a class without rows weight 1', () => {
    const w = classWeights(y, Int32Array.of(0, 1, 6, 7), 3, 'balanced');
    expect(Array.from(w ?? [])).toEqual([4 / 6, 4 / 6, 1]);
  });
});
