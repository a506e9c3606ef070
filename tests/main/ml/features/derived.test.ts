import { describe, expect, it } from 'vitest';
import { derivedValues, planDerived, withDerived } from '../../../../src/main/ml/features/derived';
import { categorical, frame, numeric } from '../models/synthetic';

describe('derived features', () => {
  const f = frame([numeric('a', [1.1, 2, Number.NaN, 3, 0]), numeric('b', [3.3, 0, 1, Number.POSITIVE_INFINITY, 0]), categorical('c', ['x', 'y', 'x', 'y', 'x'])]);

  it('computes products and ratios in float32, missing in → missing out, division by zero as IEEE', () => {
    const product = derivedValues(f, { name: 'p', op: 'product', left: 'a', right: 'b' });
    expect(product[0]).toBe(Math.fround(Math.fround(1.1) * Math.fround(3.3)));
    expect(Number.isNaN(product[2])).toBe(true);
    const ratio = derivedValues(f, { name: 'r', op: 'ratio', left: 'a', right: 'b' });
    expect(ratio[0]).toBe(Math.fround(Math.fround(1.1) / Math.fround(3.3)));
    expect(ratio[1]).toBe(Number.POSITIVE_INFINITY);
    expect(ratio[3]).toBe(0);
    expect(Number.isNaN(ratio[4])).toBe(true);
  });

  it('appends the columns, and refuses a name clash, a missing or a categorical operand with the column named', () => {
    const out = withDerived(f, [{ name: 'a × b', op: 'product', left: 'a', right: 'b' }]);
    expect(out.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'a × b']);
    expect(() => withDerived(f, [{ name: 'a', op: 'product', left: 'a', right: 'b' }])).toThrow(/name of an existing column/);
    expect(() => withDerived(f, [{ name: 'z', op: 'ratio', left: 'a', right: 'gone' }])).toThrow(/Column 'gone' is missing/);
    expect(() => withDerived(f, [{ name: 'z', op: 'ratio', left: 'a', right: 'c' }])).toThrow(/Column 'c' is categorical/);
  });

  it('plans pairwise products and ratios over the most important numeric columns, with unique names', () => {
    const plan = planDerived(['a', 'b', 'c', 'd', 'e'], { interactions: true, ratios: false }, ['a', 'b', 'a × b']);
    expect(plan).toHaveLength(6);
    expect(plan[0]).toEqual({ name: "a × b'", op: 'product', left: 'a', right: 'b' });
    expect(plan.some((d) => d.left === 'e' || d.right === 'e')).toBe(false);
    expect(planDerived(['a', 'b', 'c'], { interactions: true, ratios: true }, []).map((d) => d.name)).toEqual(['a × b', 'a ÷ b', 'a × c', 'a ÷ c', 'b × c', 'b ÷ c']);
    expect(planDerived(['a', 'b'], { interactions: false, ratios: false }, [])).toEqual([]);
  });
});
