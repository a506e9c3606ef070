/**
 * The contract every {@link Sampler} passes (DESIGN.md §7): determinism under a seed, proposals
 * inside the space, correct handling of categorical, integer and log-scale parameters.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../../src/main/ml/rng';
import type { Sampler } from '../../../../src/main/ml/search/sampler';
import { categoricalParam, contains, floatParam, intParam, type Params, type SearchSpace } from '../../../../src/main/ml/search/space';
import { Study } from '../../../../src/main/ml/search/study';

export const MIXED_SPACE: SearchSpace = {
  lr: floatParam(1e-5, 1, { log: true }),
  dropout: floatParam(0, 0.5),
  depth: intParam(2, 12),
  leaves: intParam(4, 1024, { log: true }),
  booster: categoricalParam(['gbdt', 'dart', 'goss']),
  bagging: categoricalParam([true, false]),
  bins: categoricalParam([63, 127, 255]),
};

/** A deterministic, bumpy objective of the params (same params → same value). */
export function bumpy(p: Params): number {
  const lr = p.lr as number;
  const booster = { gbdt: 0, dart: 0.5, goss: 1 }[p.booster as string] ?? 0;
  return (Math.log10(lr) + 2) ** 2 + (p.dropout as number) + Math.abs((p.depth as number) - 6) / 3 + Math.abs(Math.log2(p.leaves as number) - 5) / 4 + booster + (p.bagging ? 0 : 0.3) + (p.bins === 255 ? 0 : 0.2);
}

async function runStudy(make: (rng: Rng) => Sampler, seed: number, trials: number): Promise<Study> {
  const study = new Study({ space: MIXED_SPACE, direction: 'minimize', sampler: make(createRng(seed)), now: () => 0 });
  await study.optimize((t) => bumpy(t.params), { trials });
  return study;
}

export function samplerContract(label: string, make: (rng: Rng) => Sampler): void {
  describe(`sampler contract: ${label}`, () => {
    it('gives the same proposals for the same seed and history', async () => {
      const a = await runStudy(make, 7, 30);
      const b = await runStudy(make, 7, 30);
      expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
      const c = await runStudy(make, 8, 30);
      expect(c.trials.map((t) => t.params)).not.toEqual(a.trials.map((t) => t.params));
    });

    it('stays inside the space: every value in range, integers integral, categories from the list', async () => {
      const study = await runStudy(make, 3, 40);
      for (const t of study.trials) {
        expect(contains(MIXED_SPACE, t.params)).toBe(true);
        expect(Number.isInteger(t.params.depth)).toBe(true);
        expect(Number.isInteger(t.params.leaves)).toBe(true);
        expect(typeof t.params.bagging).toBe('boolean');
        expect(typeof t.params.bins).toBe('number');
      }
    });

    it('explores log-scale parameters across decades and reaches integer bounds', async () => {
      const study = await runStudy(make, 11, 40);
      const lrs = study.trials.map((t) => t.params.lr as number);
      const decades = new Set(lrs.map((v) => Math.floor(Math.log10(v))));
      expect(decades.size).toBeGreaterThanOrEqual(3);
      const booster = new Set(study.trials.map((t) => t.params.booster));
      expect(booster.size).toBe(3);
    });

    it('handles a degenerate space (one choice, equal bounds)', () => {
      const sampler = make(createRng(1));
      const space: SearchSpace = { a: floatParam(2, 2), b: intParam(5, 5), c: categoricalParam(['only']) };
      expect(sampler.sample(space, [], 'maximize')).toEqual({ a: 2, b: 5, c: 'only' });
    });

    it('refuses a malformed space', () => {
      const sampler = make(createRng(1));
      expect(() => sampler.sample({ x: floatParam(0, 1, { log: true }) }, [], 'maximize')).toThrow(/low > 0/);
      expect(() => sampler.sample({ x: intParam(0.5, 3) }, [], 'maximize')).toThrow(/integer bounds/);
      expect(() => sampler.sample({ x: categoricalParam([]) }, [], 'maximize')).toThrow(/no choices/);
    });
  });
}
