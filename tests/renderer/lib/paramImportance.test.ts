import { describe, expect, it } from 'vitest';
import { correlationRatio, groupKeys, paramImportance } from '../../../src/renderer/lib/paramImportance';
import { seeded, trial } from '../trialFixtures';

describe('paramImportance (adjusted η² of the score by parameter)', () => {
  it('is 1 for a grouping that explains the score entirely and 0 for one that explains nothing', () => {
    expect(correlationRatio(['a', 'a', 'b', 'b'], [1, 1, 2, 2]).eta2).toBeCloseTo(1);
    expect(correlationRatio(['a', 'b', 'a', 'b'], [1, 1, 2, 2]).eta2).toBe(0);
    expect(correlationRatio(['a', 'a', 'a'], [1, 2, 3])).toEqual({ eta2: 0, groups: 1 });
  });

  it('bins numbers into quantile bins and keeps categories as they are', () => {
    const keys = groupKeys([1, 2, 3, 4, 5, 6, 7, 8], 4);
    expect(new Set(keys).size).toBe(4);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[6]).toBe(keys[7]);
    expect(groupKeys(['x', 'y', true], 4)).toEqual(['x', 'y', 'true']);
  });

  it('ranks the parameter that drives the score first and a noise parameter near 0', () => {
    const next = seeded(7);
    const trials = Array.from({ length: 80 }, (_, i) => {
      const lr = 0.01 + next() * 0.3;
      const noise = next();
      return trial(i + 1, 'gbdt', 0.9 - (lr - 0.1) ** 2 * 5 + next() * 0.01, { learningRate: lr, noise, kind: i % 2 === 0 ? 'a' : 'b' });
    });
    const rows = paramImportance(trials);
    expect(rows[0].param).toBe('learningRate');
    expect(rows[0].importance).toBeGreaterThan(0.6);
    const noise = rows.find((r) => r.param === 'noise');
    expect(noise?.importance).toBeLessThan(0.15);
    expect(rows.find((r) => r.param === 'kind')?.groups).toBe(2);
  });

  it('leaves out trials without a score and counts only trials that have the parameter', () => {
    const rows = paramImportance([trial(1, 'gbdt', 0.8, { a: 1 }), trial(2, 'gbdt', null, { a: 2 }), trial(3, 'linear', 0.7, { c: 1 })]);
    expect(rows.find((r) => r.param === 'a')?.trials).toBe(1);
    expect(rows.every((r) => r.importance === 0)).toBe(true);
  });
});
