import { describe, expect, it } from 'vitest';
import { canTransformTarget, forwardTarget, inverseTarget, TARGET_TRANSFORMS } from '../../../src/main/ml/target-transform';

describe('target transforms', () => {
  it.each(TARGET_TRANSFORMS)('%s: the inverse undoes the forward transform', (kind) => {
    const y = Float64Array.of(0, 0.5, 1, 10, 326, 18_823);
    const back = forwardTarget(kind, y).map((v) => inverseTarget(kind, v));
    back.forEach((v, i) => expect(v).toBeCloseTo(y[i], 8));
  });

  it('needs every target finite and ≥ 0, and maps a prediction below the scale to 0', () => {
    expect(canTransformTarget(Float64Array.of(0, 3))).toBe(true);
    expect(canTransformTarget(Float64Array.of(0, -1e-9))).toBe(false);
    expect(canTransformTarget(Float64Array.of(1, Number.NaN))).toBe(false);
    expect(canTransformTarget(Float64Array.of(1, Number.POSITIVE_INFINITY))).toBe(false);
    expect(canTransformTarget(new Float64Array(0))).toBe(false);
    expect(() => forwardTarget('log1p', Float64Array.of(2, -3))).toThrow(/≥ 0/);
    expect(inverseTarget('sqrt', -0.3)).toBe(0);
    // Neither inverse goes below the smallest possible target.
    expect(inverseTarget('log1p', -2)).toBe(0);
  });
});
