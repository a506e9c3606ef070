/**
 * The hyperparameter space the refinement searches for each model family, and how a sampled
 * point becomes a full parameter set (the incumbent's, with the sampled values swapped in).
 */
import { categoricalParam, floatParam, intParam, type Params, type SearchSpace } from '../ml/search/space';
import type { Candidate } from './run-state';

export const SEARCH_SPACES: Record<Candidate['model'], SearchSpace> = {
  linear: {
    learningRate: floatParam(1e-3, 0.3, { log: true }),
    l2: floatParam(1e-7, 0.1, { log: true }),
    epochs: intParam(5, 80, { log: true }),
  },
  mlp: {
    hiddenLayers: categoricalParam(['32', '64', '128', '64,32', '128,64']),
    activation: categoricalParam(['relu', 'tanh']),
    learningRate: floatParam(3e-4, 1e-2, { log: true }),
    l2: floatParam(1e-6, 1e-2, { log: true }),
    batchSize: categoricalParam([64, 128, 256]),
  },
  gbdt: {
    learningRate: floatParam(0.02, 0.3, { log: true }),
    numLeaves: intParam(7, 127, { log: true }),
    minDataInLeaf: intParam(3, 200, { log: true }),
    featureFraction: floatParam(0.4, 1),
    baggingFraction: floatParam(0.5, 1),
    lambdaL2: floatParam(1e-3, 30, { log: true }),
  },
  'random-forest': {
    featureFraction: floatParam(0.1, 1),
    minDataInLeaf: intParam(1, 40, { log: true }),
    numLeaves: intParam(64, 4096, { log: true }),
  },
  'extra-trees': {
    featureFraction: floatParam(0.1, 1),
    minDataInLeaf: intParam(1, 40, { log: true }),
    numLeaves: intParam(64, 4096, { log: true }),
    bootstrap: categoricalParam([false, true]),
  },
};

/** Boosting rounds for a learning rate: smaller steps need more of them (early stopping trims). */
export const roundsFor = (learningRate: number): number => Math.max(60, Math.min(800, Math.round(30 / learningRate)));

/** The incumbent's parameters with a sampled point swapped in. */
export function applyPoint(incumbent: Candidate, point: Params, reason: string): Candidate {
  const merged = { ...incumbent.params, ...point } as Record<string, unknown>;
  if (incumbent.model === 'gbdt') merged.numIterations = roundsFor(merged.learningRate as number);
  return { ...incumbent, params: merged, reason } as unknown as Candidate;
}
