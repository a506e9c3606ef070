/**
 * Asynchronous successive halving (Li et al. 2018, Optuna's SuccessiveHalvingPruner). Rung r sits
 * at step `minResource * reductionFactor^(minEarlyStoppingRate + r)`; a trial that reaches a rung
 * is promoted only if its value there is in the top 1/reductionFactor of every trial that reached
 * that rung (any state). A trial's value at a rung is its first report at or after the rung's
 * step. As in Optuna, while a rung has fewer than `reductionFactor` entries only the best so far
 * is promoted.
 */
import type { Direction } from './direction';
import type { Pruner } from './pruner';
import { lastStep, type FrozenTrial } from './trial';

export interface SuccessiveHalvingOptions {
  /** Steps before the first rung (default 1). */
  minResource?: number;
  /** Keep the top 1/η at each rung (default 3). */
  reductionFactor?: number;
  /** Skips the first rungs (default 0). */
  minEarlyStoppingRate?: number;
}

export class SuccessiveHalvingPruner implements Pruner {
  readonly name = 'successive-halving';
  private readonly minResource: number;
  private readonly eta: number;
  private readonly rate: number;

  constructor(options: SuccessiveHalvingOptions = {}) {
    this.minResource = options.minResource ?? 1;
    this.eta = options.reductionFactor ?? 3;
    this.rate = options.minEarlyStoppingRate ?? 0;
    if (!(this.minResource > 0)) throw new RangeError(`minResource must be positive, got ${this.minResource}.`);
    if (!(this.eta >= 2)) throw new RangeError(`reductionFactor must be at least 2, got ${this.eta}.`);
  }

  /** The step of rung `r`. */
  rungStep(r: number): number {
    return this.minResource * this.eta ** (this.rate + r);
  }

  shouldPrune(trial: FrozenTrial, trials: readonly FrozenTrial[], direction: Direction): boolean {
    const step = lastStep(trial);
    if (step === undefined) return false;
    // The highest rung this trial has reached decides.
    let rung = -1;
    while (this.rungStep(rung + 1) <= step) rung++;
    if (rung < 0) return false;
    const at = this.rungStep(rung);
    const own = valueAtRung(trial, at);
    if (own === undefined) return false;
    if (Number.isNaN(own)) return true;
    const competing: number[] = [];
    for (const t of trials) {
      const v = t.number === trial.number ? own : valueAtRung(t, at);
      if (v !== undefined && !Number.isNaN(v)) competing.push(v);
    }
    competing.sort((a, b) => a - b);
    const idx = Math.max(0, Math.floor(competing.length / this.eta) - 1);
    return direction === 'maximize' ? own < competing[competing.length - 1 - idx] : own > competing[idx];
  }
}

function valueAtRung(trial: FrozenTrial, step: number): number | undefined {
  return trial.intermediate.find((v) => v.step >= step)?.value;
}
