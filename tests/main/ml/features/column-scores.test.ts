import { describe, expect, it } from 'vitest';
import { mutualInformation, nearConstantColumns } from '../../../../src/main/ml/features/column-scores';
import { createRng } from '../../../../src/main/ml/rng';
import { cat, frameOf, num } from '../../workflow/checks/frames';

describe('model-free column scores', () => {
  const rng = createRng(7);
  const n = 2_000;
  const signal = Float64Array.from({ length: n }, () => rng.normal());
  const weak = Float64Array.from(signal, (v) => v + 3 * rng.normal());
  const noise = Float64Array.from({ length: n }, () => rng.normal());
  const shade = Array.from(signal, (v) => (v > 0.5 ? 'dark' : v < -0.5 ? 'light' : 'mid'));
  const frame = frameOf(num('noise', noise), num('weak', weak), cat('shade', shade), num('signal', signal));
  const rows = Int32Array.from({ length: n }, (_, i) => i);

  it('ranks columns by mutual information with a class target and with a numeric one', () => {
    const yClass = Float64Array.from(signal, (v) => (v > 0 ? 1 : 0));
    const yValue = Float64Array.from(signal, (v) => 10 * v + 0.1 * rng.normal());
    for (const [y, task] of [
      [yClass, 'binary'],
      [yValue, 'regression'],
    ] as const) {
      const scores = mutualInformation(frame, y, rows, task);
      expect(scores.map((s) => s.feature)).toEqual(['signal', 'shade', 'weak', 'noise']);
      expect(scores[3].score).toBeLessThan(0.02);
      expect(scores[0].score).toBeGreaterThan(0.5);
    }
  });

  it('finds columns with one value on nearly every row, missing counted as a value', () => {
    const almost = Float64Array.from({ length: n }, (_, i) => (i < 10 ? 1 : 0));
    const missing = Float64Array.from({ length: n }, (_, i) => (i < 5 ? 2 : Number.NaN));
    const rare = Array.from({ length: n }, (_, i) => (i % 50 === 0 ? 'b' : 'a'));
    const f = frameOf(num('almost', almost), num('missing', missing), cat('rare', rare), num('noise', noise));
    expect(nearConstantColumns(f, rows)).toEqual(['almost', 'missing']);
    expect(nearConstantColumns(f, rows, 0.97)).toEqual(['almost', 'missing', 'rare']);
  });
});
