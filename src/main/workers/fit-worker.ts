/**
 * Worker-thread entry for fitting a tree pipeline off the main thread (DESIGN.md §3 workers/):
 * takes the training data, fits, and returns the model's versioned JSON (a plain object that
 * crosses the thread boundary; the caller rebuilds it with pipelineFromJSON). Run through
 * fit-pool.ts, which owns the piscina pool and cancellation.
 */
import type { TaskKind } from '../../shared/domain';
import type { Frame } from '../ml/frame';
import { createRng } from '../ml/rng';
import { fitTreePipeline, type TreeSpec } from '../ml/trees/tree-pipeline';

/** One fit request. Typed arrays are copied (structured clone) into the worker. */
export interface FitTask {
  features: Frame;
  y: Float64Array;
  task: TaskKind;
  classes: string[] | null;
  spec: TreeSpec;
  seed: number;
}

export default async function fitTask(input: FitTask): Promise<ReturnType<Awaited<ReturnType<typeof fitTreePipeline>>['toJSON']>> {
  const model = await fitTreePipeline(input.features, input.y, input.task, input.classes, input.spec, { rng: createRng(input.seed) });
  return model.toJSON();
}
