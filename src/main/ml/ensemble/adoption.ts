/**
 * The gate every ensemble passes before it is kept: it must beat the best single member on
 * held-out folds, by a margin worth its extra inference cost, and not only on average but on at
 * least half of the folds (so one lucky fold cannot carry it).
 */
import { isBetter, type Metric } from '../metrics';
import type { Prediction } from '../prediction';
import { memberShape, predictionRows, takeRows } from './members';

export interface AdoptionInput {
  /** The ensemble's held-out prediction over n rows (e.g. a stack's OOF prediction). */
  ensemble: Prediction;
  /** Each member's held-out prediction over the same rows. */
  members: readonly Prediction[];
  y: Float64Array;
  metric: Metric;
  /** The held-out folds, as row indexes into the n rows. */
  folds: readonly ArrayLike<number>[];
  /** Smallest mean gain that counts (default 1e-4, in the metric's units). */
  minGain?: number;
}

export interface AdoptionDecision {
  adopt: boolean;
  /** Mean over folds. */
  ensembleScore: number;
  bestSingleIndex: number;
  bestSingleScore: number;
  /** Ensemble minus best single, signed so positive means the ensemble is better. */
  gain: number;
  /** Per-fold gains, same sign convention. */
  foldGains: number[];
  /** Folds where the ensemble was strictly better. */
  wins: number;
  /** One sentence with the numbers, for logs and the run report. */
  reason: string;
}

const meanOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Compares `ensemble` with the best of `members` fold by fold and says whether to adopt it. */
export function decideAdoption(input: AdoptionInput): AdoptionDecision {
  const { metric, y, folds } = input;
  memberShape([input.ensemble, ...input.members]);
  if (folds.length === 0) throw new RangeError('Adoption needs at least one held-out fold.');
  const minGain = input.minGain ?? 1e-4;
  const foldScores = (p: Prediction): number[] => folds.map((rows) => metric.score(takeRows(y, rows), predictionRows(p, rows)));

  const memberScores = input.members.map(foldScores);
  let bestSingleIndex = 0;
  memberScores.forEach((s, i) => {
    if (isBetter(metric, meanOf(s), meanOf(memberScores[bestSingleIndex]))) bestSingleIndex = i;
  });
  const single = memberScores[bestSingleIndex];
  const ens = foldScores(input.ensemble);
  const sign = metric.greaterIsBetter ? 1 : -1;
  const foldGains = ens.map((e, f) => sign * (e - single[f]));
  const gain = meanOf(foldGains);
  const wins = foldGains.filter((g) => g > 0).length;
  const ensembleScore = meanOf(ens);
  const bestSingleScore = meanOf(single);
  const adopt = gain > minGain && wins * 2 >= folds.length;
  const fmt = (v: number): string => v.toFixed(4);
  const numbers = `${metric.name} ${fmt(ensembleScore)} vs best single (member ${bestSingleIndex}) ${fmt(bestSingleScore)}, gain ${gain >= 0 ? '+' : ''}${fmt(gain)}, better on ${wins} of ${folds.length} folds`;
  const why = adopt ? 'adopted' : gain <= minGain ? `refused: the gain is not above ${minGain}` : 'refused: it wins on fewer than half of the folds';
  return { adopt, ensembleScore, bestSingleIndex, bestSingleScore, gain, foldGains, wins, reason: `Ensemble ${why} (${numbers}).` };
}
