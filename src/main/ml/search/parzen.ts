/**
 * Parzen estimators for TPE: a mixture of Gaussians truncated to a numeric parameter's range (on
 * its internal axis, see space.ts), or smoothed category frequencies, each with a prior component
 * so an estimator built from few observations still covers the whole domain.
 *
 * Bandwidths follow Optuna's univariate TPE: each component's sigma is the larger gap to its
 * neighbours (the range ends count as neighbours), clipped to [range / min(100, n + 1), range];
 * the prior component is centred on the range with sigma = range.
 */
import type { Rng } from '../rng';
import { fromInternal, internalBounds, type ParamSpec, type ParamValue, toInternal } from './space';

type NumericSpec = Exclude<ParamSpec, { kind: 'categorical' }>;
type CategoricalSpec = Extract<ParamSpec, { kind: 'categorical' }>;

/** A density over one parameter's domain. */
export interface ParzenEstimator {
  sample(rng: Rng): ParamValue;
  /** log density (numeric floats), log probability mass (ints, categories). */
  logDensity(value: ParamValue): number;
}

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

/** Standard normal CDF. */
export const normalCdf = (z: number): number => 0.5 * (1 + erf(z / SQRT2));

function logSumExp(xs: readonly number[]): number {
  let max = -Infinity;
  for (const x of xs) if (x > max) max = x;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - max);
  return max + Math.log(s);
}

function pickIndex(weights: readonly number[], rng: Rng): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Builds the estimator for `spec` from `observations` (values in the domain) with per-observation
 * `weights` (same length), adding a prior component of weight `priorWeight`.
 */
export function parzenEstimator(spec: ParamSpec, observations: readonly ParamValue[], weights: readonly number[], priorWeight: number): ParzenEstimator {
  return spec.kind === 'categorical' ? categoricalEstimator(spec, observations, weights, priorWeight) : numericEstimator(spec, observations as readonly number[], weights, priorWeight);
}

function categoricalEstimator(spec: CategoricalSpec, observations: readonly ParamValue[], weights: readonly number[], priorWeight: number): ParzenEstimator {
  const k = spec.choices.length;
  const mass = new Array<number>(k).fill(priorWeight / k);
  observations.forEach((v, i) => {
    const c = spec.choices.indexOf(v);
    if (c >= 0) mass[c] += weights[i];
  });
  const total = mass.reduce((a, b) => a + b, 0);
  const logP = mass.map((m) => Math.log(m / total));
  return {
    sample: (rng) => spec.choices[pickIndex(mass, rng)],
    logDensity: (value) => {
      const c = spec.choices.indexOf(value);
      return c < 0 ? -Infinity : logP[c];
    },
  };
}

function numericEstimator(spec: NumericSpec, observations: readonly number[], obsWeights: readonly number[], priorWeight: number): ParzenEstimator {
  const { low, high } = internalBounds(spec);
  const range = high - low;
  if (!(range > 0)) return { sample: () => spec.low, logDensity: (v) => (v === spec.low ? 0 : -Infinity) };

  const mus = observations.map((v) => toInternal(spec, v));
  const sigmas = bandwidths(mus, low, high);
  mus.push((low + high) / 2);
  sigmas.push(range);
  const weights = [...obsWeights, priorWeight];
  const total = weights.reduce((a, b) => a + b, 0);
  const logW = weights.map((w) => Math.log(w / total));
  const logZ = mus.map((mu, i) => Math.log(Math.max(normalCdf((high - mu) / sigmas[i]) - normalCdf((low - mu) / sigmas[i]), 1e-300)));

  const sampleInternal = (rng: Rng): number => {
    const i = pickIndex(weights, rng);
    for (let attempt = 0; attempt < 100; attempt++) {
      const x = mus[i] + sigmas[i] * rng.normal();
      if (x >= low && x <= high) return x;
    }
    return low + rng.next() * range;
  };

  // Integers score by probability mass of their rounding interval, floats by density.
  const logDensity = (value: ParamValue): number => {
    if (typeof value !== 'number') return -Infinity;
    if (spec.kind === 'int') {
      const a = Math.max(low, spec.log ? Math.log(Math.max(value - 0.5, Number.MIN_VALUE)) : value - 0.5);
      const b = Math.min(high, toInternal(spec, value + 0.5));
      return logSumExp(mus.map((mu, i) => logW[i] - logZ[i] + Math.log(Math.max(normalCdf((b - mu) / sigmas[i]) - normalCdf((a - mu) / sigmas[i]), 1e-300))));
    }
    const x = toInternal(spec, value);
    return logSumExp(mus.map((mu, i) => logW[i] - logZ[i] - Math.log(sigmas[i]) - LOG_SQRT_2PI - 0.5 * ((x - mu) / sigmas[i]) ** 2));
  };

  return { sample: (rng) => fromInternal(spec, sampleInternal(rng)), logDensity };
}

/** Per-observation sigma: the larger gap to the sorted neighbours, clipped (see header). */
function bandwidths(mus: readonly number[], low: number, high: number): number[] {
  const n = mus.length;
  const range = high - low;
  const minSigma = range / Math.min(100, n + 1);
  const order = mus.map((_, i) => i).sort((a, b) => mus[a] - mus[b]);
  const sigmas = new Array<number>(n);
  order.forEach((idx, r) => {
    const left = r === 0 ? low : mus[order[r - 1]];
    const right = r === n - 1 ? high : mus[order[r + 1]];
    const gap = Math.max(mus[idx] - left, right - mus[idx]);
    sigmas[idx] = Math.min(range, Math.max(minSigma, gap));
  });
  return sigmas;
}
