/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate as in Optuna's default.
 *
 * After `startupTrials` random trials, completed trials are split at the gamma quantile into
 * "good" (the best `gamma(n)`) and "bad" (the rest, plus every pruned trial: it was stopped for
 * being hopeless). Per parameter, a Parzen estimator l(x) is fitted to the good values and g(x)
 * to the bad ones; `candidates` values are drawn from l(x) and the one maximizing l(x)/g(x) (the
 * expected-improvement criterion of TPE) is proposed. Older observations weigh less once there
 * are more than 25 (Optuna's default weights).
 */
import type { Rng } from '../rng';
import { bestFirst, type Direction } from './direction';
import { parzenEstimator } from './parzen';
import { RandomSampler } from './random-sampler';
import type { Sampler } from './sampler';
import { inDomain, type ParamValue, type SearchSpace, validateSpace } from './space';
import type { FrozenTrial } from './trial';

export interface TpeOptions {
  /** Random trials before TPE takes over (default 10). */
  startupTrials?: number;
  /** Candidates drawn from l(x) per parameter (default 24). */
  candidates?: number;
  /** Weight of the prior component of each estimator (default 1). */
  priorWeight?: number;
  /** Size of the good group for n completed trials (default min(ceil(0.1 n), 25)). */
  gamma?: (n: number) => number;
}

/** Optuna's default: the best 10%, at most 25. */
export const defaultGamma = (n: number): number => Math.min(Math.ceil(0.1 * n), 25);

/** Optuna's default observation weights: flat for the newest 25, a ramp from 1/n for older ones. */
export function defaultWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const out: number[] = [];
  for (let i = 0; i < ramp; i++) out.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) out.push(1);
  return out;
}

export class TpeSampler implements Sampler {
  readonly name = 'tpe';
  private readonly random: RandomSampler;
  private readonly startupTrials: number;
  private readonly candidates: number;
  private readonly priorWeight: number;
  private readonly gamma: (n: number) => number;

  constructor(
    private readonly rng: Rng,
    options: TpeOptions = {},
  ) {
    this.random = new RandomSampler(rng);
    this.startupTrials = options.startupTrials ?? 10;
    this.candidates = options.candidates ?? 24;
    this.priorWeight = options.priorWeight ?? 1;
    this.gamma = options.gamma ?? defaultGamma;
  }

  sample(space: SearchSpace, trials: readonly FrozenTrial[], direction: Direction): Record<string, ParamValue> {
    validateSpace(space);
    const complete = trials.filter((t) => t.state === 'complete' && t.value !== null && !Number.isNaN(t.value));
    if (complete.length < this.startupTrials) return this.random.sample(space);

    const order = bestFirst(direction);
    const ranked = [...complete].sort((a, b) => order(a.value as number, b.value as number) || a.number - b.number);
    const nGood = Math.max(1, Math.min(ranked.length - 1, this.gamma(ranked.length)));
    const byNumber = (a: FrozenTrial, b: FrozenTrial): number => a.number - b.number;
    const good = ranked.slice(0, nGood).sort(byNumber);
    const bad = [...ranked.slice(nGood), ...trials.filter((t) => t.state === 'pruned')].sort(byNumber);

    const out: Record<string, ParamValue> = {};
    for (const [name, spec] of Object.entries(space)) {
      const goodValues = good.map((t) => t.params[name]).filter((v) => inDomain(spec, v));
      const badValues = bad.map((t) => t.params[name]).filter((v) => inDomain(spec, v));
      const l = parzenEstimator(spec, goodValues, defaultWeights(goodValues.length), this.priorWeight);
      const g = parzenEstimator(spec, badValues, defaultWeights(badValues.length), this.priorWeight);
      let best: ParamValue = l.sample(this.rng);
      let bestScore = l.logDensity(best) - g.logDensity(best);
      for (let c = 1; c < this.candidates; c++) {
        const x = l.sample(this.rng);
        const s = l.logDensity(x) - g.logDensity(x);
        if (s > bestScore) {
          best = x;
          bestScore = s;
        }
      }
      out[name] = best;
    }
    return out;
  }
}
