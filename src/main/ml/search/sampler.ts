/**
 * Samplers propose the next point to try from the history of a study. Each sampler owns a seeded
 * {@link Rng} given at construction, so the same seed and the same history give the same
 * proposals (DESIGN.md §3).
 */
import type { Direction } from './direction';
import type { Params, SearchSpace } from './space';
import type { FrozenTrial } from './trial';

export interface Sampler {
  /** A short name for reports (`random`, `tpe`). */
  readonly name: string;
  /**
   * A point of `space`, given every trial of the study so far (any state, in creation order).
   * Must return exactly one in-domain value per parameter.
   */
  sample(space: SearchSpace, trials: readonly FrozenTrial[], direction: Direction): Params;
}
