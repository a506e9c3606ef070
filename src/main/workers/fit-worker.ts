/**
 * Worker-thread entry for fitting off the main thread (DESIGN.md §3 workers/). Run through
 * fit-pool.ts, which owns the piscina pool and cancellation.
 *
 * - default export: fits a tree pipeline on the data it is given and returns its versioned JSON.
 * - `fitFold`: fits one tree candidate on some rows of a run's shared training frame and returns
 *   its predictions on other rows (a cross-validation fold), plus the fitted pipeline's JSON only
 *   when asked. The frame's columns live in SharedArrayBuffers (see shareFrame in fit-pool.ts):
 *   a task carries views on them, not copies.
 *
 * Tree families only, on purpose: this module must not load onnxruntime-node. Its native binding
 * is not safe in several worker threads, nor when piscina terminates a worker on cancel (a full
 * run with linear/MLP fits in workers aborted the whole process with "terminate called after
 * throwing an instance of 'Napi::Error'"). Linear and MLP fits stay on the main thread; they
 * await ONNX Runtime between epochs, so they do not hold the event loop.
 */
import type { TaskKind } from '../../shared/domain';
import { dropColumns, selectRows, type Frame } from '../ml/frame';
import { withoutDuplicates } from '../ml/dedupe';
import { engineeredJSON, withDerived, type DerivedFeature } from '../ml/features/derived';
import type { Prediction } from '../ml/prediction';
import { createRng } from '../ml/rng';
import { fitTreePipeline, type TreeSpec } from '../ml/trees/tree-pipeline';
import type { ForestParams, GbdtParams } from '../ml/trees/params';
import { forwardTarget, inverseTarget, targetTransformedJSON, type TargetTransform } from '../ml/target-transform';
import { lowerTrainingThreadPriority } from '../ml/priority';

// This thread only trains: it runs below the window's priority (MLESTAR_TRAIN_PRIORITY, ml/priority.ts).
lowerTrainingThreadPriority();

/** A candidate of a tree family (the shape of workflow/run-state.ts's Candidate for these). */
export type TreeCandidate = ({ model: 'gbdt'; params: GbdtParams } | { model: 'random-forest' | 'extra-trees'; params: ForestParams }) & { dropColumns?: string[]; derived?: DerivedFeature[]; dropDuplicates?: boolean; targetTransform?: TargetTransform };

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

/** One fold fit: train on `trainRows` of the shared frame, predict `testRows`. */
export interface FoldFitTask {
  /** Columns backed by SharedArrayBuffers (shared, not copied, into the worker). */
  features: Frame;
  y: Float64Array;
  task: TaskKind;
  classes: string[] | null;
  candidate: TreeCandidate;
  trainRows: Int32Array;
  testRows: Int32Array;
  /** Seed of the fit's rng (the fold's fork of the cross-validation's rng). */
  seed: number;
  /** Epoch ms (see FitOptions.deadline). */
  deadline?: number;
  /** Return the fitted pipeline's JSON too (a final refit); off for fold fits. */
  wantModel?: boolean;
}

export interface FoldFitResult {
  prediction: Prediction;
  /** Wall time of the fit alone (not the prediction), ms. */
  fitMs: number;
  /** Boosting rounds kept after early stopping (gradient boosting only). */
  rounds?: number;
  model?: unknown;
}

export async function fitFold(input: FoldFitTask): Promise<FoldFitResult> {
  const y = new Float64Array(input.trainRows.length);
  for (let i = 0; i < y.length; i++) y[i] = input.y[input.trainRows[i]];
  const started = Date.now();
  // As workflow/fit-candidate.ts does for these families.
  const { candidate } = input;
  const train = selectRows(input.features, input.trainRows);
  const derived = candidate.derived ?? [];
  const kept = candidate.dropColumns?.length ? dropColumns(train, candidate.dropColumns) : train;
  const rows = candidate.dropDuplicates ? withoutDuplicates(kept, y) : { frame: kept, y };
  const features = withDerived(rows.frame, derived);
  const spec = (candidate.model === 'gbdt' ? { family: 'gbdt', params: candidate.params } : { family: candidate.model, params: candidate.params }) as TreeSpec;
  const transform = input.task === 'regression' ? candidate.targetTransform : undefined;
  const target = transform ? forwardTarget(transform, rows.y) : rows.y;
  const model = await fitTreePipeline(features, target, input.task, input.classes, spec, { rng: createRng(input.seed), deadline: input.deadline });
  const fitMs = Date.now() - started;
  // Derived features and the target's inverse by hand (EngineeredPipeline and TargetTransformedPipeline
  // would bring the exporters, and ONNX Runtime, into the worker).
  const raw = input.testRows.length ? model.predict(withDerived(selectRows(input.features, input.testRows), derived)) : emptyFor(input.task, input.classes);
  const prediction = transform && raw.task === 'regression' ? { task: raw.task, value: raw.value.map((v) => inverseTarget(transform, v)) } : raw;
  const inner = derived.length > 0 ? engineeredJSON(derived, model.toJSON()) : model.toJSON();
  const json = input.wantModel ? (transform ? targetTransformedJSON(transform, inner) : inner) : undefined;
  // A fit its deadline cut short says how much time there was, not how many rounds to refit (fit-candidate.ts boostedRounds).
  return { prediction, fitMs, model: json, ...(candidate.model === 'gbdt' && !model.training.cutByDeadline ? { rounds: model.training.iterations } : {}) };
}

function emptyFor(task: TaskKind, classes: string[] | null): Prediction {
  return task === 'regression' ? { task, value: new Float64Array(0) } : { task, classes: classes ?? [], proba: new Float64Array(0) };
}
