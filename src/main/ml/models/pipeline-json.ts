/**
 * Restores any fitted pipeline from its toJSON() document, dispatching on `family` (and on
 * `derived` for a pipeline with derived features and on `targetTransform` for one fitted on a
 * transformed target, whose inner pipelines are nested).
 */
import { treePipelineFromJSON } from '../trees/tree-pipeline';
import { pipelineFromJSON as linearPipelineFromJSON } from './linear';
import { mlpPipelineFromJSON } from './mlp';
import { z } from 'zod';
import { EngineeredPipeline } from './engineered';
import { TargetTransformedPipeline } from './target-transformed';
import { TARGET_TRANSFORMS } from '../target-transform';
import type { FittedPipeline } from './pipeline';

const derivedSchema = z.array(z.object({ name: z.string().min(1), op: z.enum(['product', 'ratio']), left: z.string().min(1), right: z.string().min(1) })).min(1);

/** Rebuilds a fitted pipeline (any family); throws an Error naming what is wrong. */
export function pipelineFromJSON(json: unknown): FittedPipeline {
  if (typeof json === 'object' && json !== null && 'targetTransform' in json) {
    const doc = json as { format?: unknown; version?: unknown; targetTransform: unknown; inner?: unknown };
    if (doc.format !== 'mlestar.pipeline' || doc.version !== 1) throw new Error(`Not a pipeline document this version can read (format ${String(doc.format)}, version ${String(doc.version)}).`);
    const kind = z.enum(TARGET_TRANSFORMS).safeParse(doc.targetTransform);
    if (!kind.success) throw new Error(`Not a valid pipeline document: unknown target transform ${JSON.stringify(doc.targetTransform)}.`);
    return new TargetTransformedPipeline(pipelineFromJSON(doc.inner), kind.data);
  }
  if (typeof json === 'object' && json !== null && 'derived' in json) {
    const doc = json as { format?: unknown; version?: unknown; derived: unknown; inner?: unknown };
    if (doc.format !== 'mlestar.pipeline' || doc.version !== 1) throw new Error(`Not a pipeline document this version can read (format ${String(doc.format)}, version ${String(doc.version)}).`);
    const derived = derivedSchema.safeParse(doc.derived);
    if (!derived.success) throw new Error(`Not a valid pipeline document: its derived features are malformed (${derived.error.issues[0]?.message ?? 'invalid'}).`);
    return new EngineeredPipeline(pipelineFromJSON(doc.inner), derived.data);
  }
  const family = typeof json === 'object' && json !== null && 'family' in json ? (json as { family: unknown }).family : undefined;
  if (family === 'gbdt' || family === 'random-forest' || family === 'extra-trees') return treePipelineFromJSON(json);
  if (family === 'mlp') return mlpPipelineFromJSON(json);
  return linearPipelineFromJSON(json);
}
