/**
 * Pruners decide, from a running trial's intermediate values and the rest of the study, whether
 * the trial is hopeless and should stop early. They are stateless: everything they need is in
 * the trial snapshots, so a resumed study prunes the same way.
 */
import type { Direction } from './direction';
import type { FrozenTrial } from './trial';

export interface Pruner {
  readonly name: string;
  /** True when `trial` (running, with its latest report) should stop; `trials` is the whole study. */
  shouldPrune(trial: FrozenTrial, trials: readonly FrozenTrial[], direction: Direction): boolean;
}

/** Never prunes. */
export const NOP_PRUNER: Pruner = { name: 'none', shouldPrune: () => false };
