import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { erf, normalCdf, parzenEstimator } from '../../../../src/main/ml/search/parzen';
import { categoricalParam, floatParam, intParam } from '../../../../src/main/ml/search/space';

describe('Parzen estimators', () => {
  it('erf and the normal CDF match known values', () => {
    expect(erf(0)).toBeCloseTo(0, 6);
    expect(erf(1)).toBeCloseTo(0.8427008, 6);
    expect(erf(-2)).toBeCloseTo(-0.9953223, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
  });

  it('a truncated mixture integrates to about one over the range', () => {
    const est = parzenEstimator(floatParam(0, 10), [2, 3, 8], [1, 1, 1], 1);
    let sum = 0;
    const steps = 2000;
    for (let i = 0; i < steps; i++) sum += Math.exp(est.logDensity((10 * (i + 0.5)) / steps)) * (10 / steps);
    expect(sum).toBeCloseTo(1, 2);
  });

  it('integer masses sum to one and samples are integers in range', () => {
    const spec = intParam(1, 64, { log: true });
    const est = parzenEstimator(spec, [4, 8, 8], [1, 1, 1], 1);
    let total = 0;
    for (let v = 1; v <= 64; v++) total += Math.exp(est.logDensity(v));
    expect(total).toBeCloseTo(1, 2);
    const rng = createRng(1);
    for (let i = 0; i < 200; i++) {
      const v = est.sample(rng) as number;
      expect(Number.isInteger(v) && v >= 1 && v <= 64).toBe(true);
    }
  });

  it('categorical probabilities follow the observations plus the prior', () => {
    const est = parzenEstimator(categoricalParam(['a', 'b']), ['a', 'a', 'a'], [1, 1, 1], 1);
    expect(Math.exp(est.logDensity('a'))).toBeCloseTo(3.5 / 4);
    expect(est.logDensity('zzz')).toBe(-Infinity);
  });

  it('concentrates near the observations', () => {
    const est = parzenEstimator(floatParam(1e-4, 1, { log: true }), [0.01, 0.011, 0.012, 0.009], [1, 1, 1, 1], 1);
    expect(est.logDensity(0.01)).toBeGreaterThan(est.logDensity(0.5));
  });
});
