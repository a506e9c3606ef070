/**
 * Restores any fitted pipeline from its toJSON() document, dispatching on `family`.
 */
import { treePipelineFromJSON } from '../trees/tree-pipeline';
import { pipelineFromJSON as linearPipelineFromJSON } from './linear';
import { mlpPipelineFromJSON } from './mlp';
import type { FittedPipeline } from './pipeline';

/** Rebuilds a fitted pipeline (any family); throws an Error naming what is wrong. */
export function pipelineFromJSON(json: unknown): FittedPipeline {
  const family = typeof json === 'object' && json !== null && 'family' in json ? (json as { family: unknown }).family : undefined;
  if (family === 'gbdt' || family === 'random-forest' || family === 'extra-trees') return treePipelineFromJSON(json);
  if (family === 'mlp') return mlpPipelineFromJSON(json);
  return linearPipelineFromJSON(json);
}
