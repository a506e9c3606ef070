import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import type { Direction } from '../../../../src/main/ml/search/direction';
import { RandomSampler } from '../../../../src/main/ml/search/random-sampler';
import type { Sampler } from '../../../../src/main/ml/search/sampler';
import { categoricalParam, floatParam, type SearchSpace } from '../../../../src/main/ml/search/space';
import { Study } from '../../../../src/main/ml/search/study';
import { defaultGamma, defaultWeights, TpeSampler } from '../../../../src/main/ml/search/tpe-sampler';
import { samplerContract } from './sampler-contract';

samplerContract('RandomSampler', (rng) => new RandomSampler(rng));
samplerContract('TpeSampler', (rng) => new TpeSampler(rng));
samplerContract('TpeSampler (short startup)', (rng) => new TpeSampler(rng, { startupTrials: 3 }));

const QUAD: SearchSpace = { x: floatParam(-5, 5), y: floatParam(-5, 5) };
const quadratic = (x: number, y: number): number => (x - 1.3) ** 2 + (y + 2.1) ** 2;

async function bestOf(sampler: Sampler, direction: Direction, trials: number): Promise<number> {
  const sign = direction === 'minimize' ? 1 : -1;
  const study = new Study({ space: QUAD, direction, sampler, now: () => 0 });
  const best = await study.optimize((t) => sign * quadratic(t.params.x as number, t.params.y as number), { trials });
  return sign * (best?.value as number);
}

describe('TpeSampler', () => {
  it('beats random search on average on a 2-D quadratic within 40 trials (minimize and maximize)', async () => {
    for (const direction of ['minimize', 'maximize'] as const) {
      let tpe = 0;
      let random = 0;
      let wins = 0;
      const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
      for (const seed of seeds) {
        const t = await bestOf(new TpeSampler(createRng(seed)), direction, 40);
        const r = await bestOf(new RandomSampler(createRng(seed)), direction, 40);
        tpe += t / seeds.length;
        random += r / seeds.length;
        if (t < r) wins++;
      }
      expect(tpe).toBeLessThan(random / 2);
      expect(wins).toBeGreaterThan(seeds.length / 2);
    }
  });

  it('learns which category is good', async () => {
    const space: SearchSpace = { kind: categoricalParam(['a', 'b', 'c', 'd']) };
    const study = new Study({ space, direction: 'maximize', sampler: new TpeSampler(createRng(4), { startupTrials: 8 }), now: () => 0 });
    await study.optimize((t) => (t.params.kind === 'c' ? 1 : 0), { trials: 40 });
    const late = study.trials.slice(20).filter((t) => t.params.kind === 'c').length;
    expect(late).toBeGreaterThan(12);
  });

  it('samples randomly until enough trials completed, ignoring failed and running ones', () => {
    const a = new TpeSampler(createRng(9), { startupTrials: 5 });
    const b = new RandomSampler(createRng(9));
    expect(a.sample(QUAD, [], 'minimize')).toEqual(b.sample(QUAD));
  });

  it('uses Optuna defaults for gamma and observation weights', () => {
    expect([1, 10, 11, 100, 1000].map(defaultGamma)).toEqual([1, 1, 2, 10, 25]);
    expect(defaultWeights(3)).toEqual([1, 1, 1]);
    const w = defaultWeights(30);
    expect(w).toHaveLength(30);
    expect(w[0]).toBeCloseTo(1 / 30);
    expect(w[4]).toBeCloseTo(1);
    expect(w.slice(5).every((v) => v === 1)).toBe(true);
  });
});
