/**
 * The hyperparameter space the refinement searches for each model family, and how a sampled
 * point becomes a full parameter set (the incumbent's, with the sampled values swapped in).
 * The spaces are data: `searchSpace` of each family in resources/knowledge/families.json.
 */
import type { Params, SearchSpace } from '../ml/search/space';
import { knowledgeBase, roundsFor } from './knowledge';
import type { Candidate } from './run-state';

export { roundsFor };

/** The knowledge base's space per family (read on first use, so importing this reads no file). */
export const SEARCH_SPACES: Readonly<Record<Candidate['model'], SearchSpace>> = new Proxy({} as Record<Candidate['model'], SearchSpace>, {
  get: (_, family) => (typeof family === 'string' ? knowledgeBase().families[family as Candidate['model']]?.searchSpace : undefined),
  has: (_, family) => typeof family === 'string' && family in knowledgeBase().families,
  ownKeys: () => Object.keys(knowledgeBase().families),
  getOwnPropertyDescriptor: (_, family) => (typeof family === 'string' && family in knowledgeBase().families ? { enumerable: true, configurable: true, value: knowledgeBase().families[family as Candidate['model']].searchSpace } : undefined),
});

/** The incumbent's parameters with a sampled point swapped in. */
export function applyPoint(incumbent: Candidate, point: Params, reason: string): Candidate {
  const merged = { ...incumbent.params, ...point } as Record<string, unknown>;
  if (incumbent.model === 'gbdt') merged.numIterations = roundsFor(merged.learningRate as number);
  return { ...incumbent, params: merged, reason } as unknown as Candidate;
}
