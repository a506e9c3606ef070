/**
 * Median stopping rule (Golovin et al. 2017, Optuna's MedianPruner): prune a trial whose best
 * intermediate value so far is worse than the median of the completed trials' values at the same
 * step.
 */
import { isBetterValue, type Direction } from './direction';
import type { Pruner } from './pruner';
import { lastStep, type FrozenTrial } from './trial';

export interface MedianPrunerOptions {
  /** No pruning until this many trials have completed (default 5). */
  startupTrials?: number;
  /** No pruning before this step (default 0). */
  warmupSteps?: number;
  /** Only check at steps that are multiples of this after the warm-up (default 1). */
  intervalSteps?: number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export class MedianPruner implements Pruner {
  readonly name = 'median';
  private readonly startupTrials: number;
  private readonly warmupSteps: number;
  private readonly intervalSteps: number;

  constructor(options: MedianPrunerOptions = {}) {
    this.startupTrials = options.startupTrials ?? 5;
    this.warmupSteps = options.warmupSteps ?? 0;
    this.intervalSteps = Math.max(1, options.intervalSteps ?? 1);
  }

  shouldPrune(trial: FrozenTrial, trials: readonly FrozenTrial[], direction: Direction): boolean {
    const step = lastStep(trial);
    if (step === undefined || step < this.warmupSteps) return false;
    if ((step - this.warmupSteps) % this.intervalSteps !== 0) return false;
    const complete = trials.filter((t) => t.state === 'complete' && t.number !== trial.number);
    if (complete.length < this.startupTrials) return false;
    const peers: number[] = [];
    for (const t of complete) {
      const at = t.intermediate.find((v) => v.step === step);
      if (at && !Number.isNaN(at.value)) peers.push(at.value);
    }
    if (peers.length === 0) return false;
    let best = Number.NaN;
    for (const v of trial.intermediate) if (isBetterValue(direction, v.value, best)) best = v.value;
    if (Number.isNaN(best)) return true;
    return isBetterValue(direction, median(peers), best);
  }
}
