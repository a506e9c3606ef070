import { describe, expect, it } from 'vitest';
import { designFeatures, designInputs, designMatrix, designWidth, fitDesign } from '../../../../src/main/ml/preprocess/design';
import { fitOneHot } from '../../../../src/main/ml/preprocess/one-hot';
import { fitClip, fitScaler, fitStandardizer, standardize } from '../../../../src/main/ml/preprocess/standardizer';
import { categorical, frame, numeric } from './synthetic';

describe('standardizer', () => {
  it('imputes the mean and scales by the population std, in float32', () => {
    const s = fitStandardizer(Float64Array.from([1, 2, 3, Number.NaN]));
    expect(s.mean).toBe(2);
    expect(s.std).toBe(Math.fround(Math.sqrt(2 / 3)));
    expect(standardize(Number.NaN, s)).toBe(0);
    expect(standardize(3, s)).toBe(Math.fround(1 / s.std));
  });

  it('robust scaling centres on the median and divides by the IQR; min-max by the range; clipping clamps to training quantiles', () => {
    const values = Float64Array.from([1, 2, 3, 4, 100, Number.NaN]);
    expect(fitScaler(values, 'robust')).toEqual({ mean: 3, std: 2 });
    expect(fitScaler(values, 'min-max')).toEqual({ mean: 1, std: 99 });
    expect(fitScaler(Float64Array.from([5, 5, Number.NaN]), 'robust')).toEqual({ mean: 5, std: 1 });
    const clip = fitClip(Float64Array.from({ length: 101 }, (_, i) => i), 0.1);
    expect(clip).toEqual({ low: 10, high: 90 });
    const s = { mean: 3, std: 2, fill: 22, clip: { low: 2, high: 4 } };
    expect(standardize(100, s)).toBe(0.5);
    expect(standardize(0, s)).toBe(-0.5);
    // Missing takes the fill (the mean), then is clipped too.
    expect(standardize(Number.NaN, s)).toBe(0.5);
    const design = fitDesign(frame([numeric('x', values)]), { scaling: 'robust', clipQuantile: 0.2 });
    expect(design.columns[0]).toMatchObject({ mean: 3, std: 2, fill: 22 });
  });

  it('frequency encoding: each category its standardized training share; missing and unseen count as never seen', () => {
    const design = fitDesign(frame([categorical('c', ['a', 'a', 'a', 'b', null])]), { encoding: 'frequency' });
    const t = design.columns[0];
    if (t.kind !== 'categorical' || !t.lookup) throw new Error('expected a lookup');
    // Per-row frequencies 0.6, 0.6, 0.6, 0.2, 0: mean 0.4, population std 0.2449…
    const mean = 0.4;
    const std = Math.sqrt((3 * 0.2 ** 2 + 0.2 ** 2 + 0.4 ** 2) / 5);
    expect(t.categories).toEqual(['a', 'b']);
    expect(t.lookup.values[0][0]).toBeCloseTo((0.6 - mean) / std, 6);
    expect(t.lookup.values[0][1]).toBeCloseTo((0.2 - mean) / std, 6);
    expect(t.lookup.fallback[0]).toBeCloseTo(-mean / std, 6);
    const x = designMatrix(frame([categorical('c', ['b', 'zzz', null])]), design);
    expect(Array.from(x)).toEqual([t.lookup.values[0][1], t.lookup.fallback[0], t.lookup.fallback[0]]);
  });

  it('uses std 1 for a constant or empty column', () => {
    expect(fitStandardizer(Float64Array.from([5, 5, 5]))).toEqual({ mean: 5, std: 1 });
    expect(fitStandardizer(Float64Array.from([Number.NaN]))).toEqual({ mean: 0, std: 1 });
  });
});

describe('one-hot', () => {
  it('keeps the most frequent categories up to the cap, never the empty string', () => {
    const col = categorical('c', ['b', 'a', 'b', '', 'c', 'c', 'c', null, '']);
    expect(fitOneHot(col).categories).toEqual(['c', 'b', 'a']);
    expect(fitOneHot(col, 2).categories).toEqual(['c', 'b']);
    expect(fitOneHot(col).frequencies[0]).toBeCloseTo(3 / 9);
  });

  it('drops categories of the dictionary that never occur', () => {
    const col = { kind: 'categorical' as const, name: 'c', codes: Int32Array.from([1, 1]), categories: ['never', 'x'] };
    expect(fitOneHot(col).categories).toEqual(['x']);
  });
});

describe('design matrix', () => {
  const train = frame([
    categorical('color', ['red', 'blue', 'red', null]),
    numeric('x', [1, 2, 3, Number.NaN]),
    categorical('empty', [null, null, null, null]),
  ]);
  const spec = fitDesign(train);

  it('lays out numerics first, then one-hot blocks; drops all-missing categoricals', () => {
    expect(designInputs(spec)).toEqual([
      { name: 'color', kind: 'categorical' },
      { name: 'x', kind: 'numeric' },
    ]);
    expect(designWidth(spec)).toBe(3);
    expect(designFeatures(spec)).toEqual([
      { column: 'x', category: null },
      { column: 'color', category: 'red' },
      { column: 'color', category: 'blue' },
    ]);
  });

  it('encodes by category text, with missing and unseen as zeros', () => {
    // Another dictionary order, an unseen category, an extra column.
    const rows = frame([numeric('x', [2, Number.NaN, 4]), categorical('color', ['blue', 'green', null]), numeric('extra', [0, 0, 0])]);
    const x = designMatrix(rows, spec);
    const z = standardize(4, spec.columns[1].kind === 'numeric' ? spec.columns[1] : { mean: 0, std: 1 });
    expect(Array.from(x)).toEqual([0, 0, 1, 0, 0, 0, z, 0, 0]);
  });

  it('names a missing column or a kind mismatch', () => {
    expect(() => designMatrix(frame([numeric('x', [1])]), spec)).toThrow(/Column 'color' is missing/);
    expect(() => designMatrix(frame([numeric('color', [1]), numeric('x', [1])]), spec)).toThrow(/'color' is numeric but the model was trained on it as categorical/);
  });
});
