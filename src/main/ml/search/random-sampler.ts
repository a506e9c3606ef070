/** Independent uniform sampling: the baseline every smarter sampler must beat. */
import type { Rng } from '../rng';
import type { Sampler } from './sampler';
import { type ParamValue, type SearchSpace, sampleUniform, validateSpace } from './space';

export class RandomSampler implements Sampler {
  readonly name = 'random';
  constructor(private readonly rng: Rng) {}

  sample(space: SearchSpace): Record<string, ParamValue> {
    validateSpace(space);
    const out: Record<string, ParamValue> = {};
    for (const [name, spec] of Object.entries(space)) out[name] = sampleUniform(spec, this.rng);
    return out;
  }
}
