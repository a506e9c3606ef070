/**
 * Fits one candidate configuration, whatever its model family: the single place the workflow
 * turns a candidate into a fitted pipeline.
 */
import type { TaskKind } from '../../shared/domain';
import { dropColumns, type Frame } from '../ml/frame';
import { fitLinearPipeline } from '../ml/models/linear';
import { fitMlpPipeline } from '../ml/models/mlp';
import type { FitOptions, FittedPipeline } from '../ml/models/pipeline';
import { fitTreePipeline } from '../ml/trees/tree-pipeline';
import { withoutDuplicates } from '../ml/dedupe';
import { withDerived } from '../ml/features/derived';
import { EngineeredPipeline } from '../ml/models/engineered';
import type { Candidate } from './run-state';
import { forwardTarget } from '../ml/target-transform';
import { TargetTransformedPipeline } from '../ml/models/target-transformed';
import { isTargetTransformed } from '../ml/target-transform';
import { isEngineered } from '../ml/features/derived';
import { TreePipeline } from '../ml/trees/tree-pipeline';

export async function fitCandidate(candidate: Candidate, frame: Frame, y: Float64Array, task: TaskKind, classes: string[] | null, options: FitOptions): Promise<FittedPipeline> {
  // Feature selection: the pipeline is fitted without these columns, so it never takes them.
  const kept = candidate.dropColumns?.length ? dropColumns(frame, candidate.dropColumns) : frame;
  // Cleaning: duplicate rows count once (training only; the pipeline takes any row).
  const rows = candidate.dropDuplicates ? withoutDuplicates(kept, y) : { frame: kept, y };
  // Feature engineering: fitted on derived columns too, which the pipeline then computes itself.
  const derived = candidate.derived ?? [];
  // Target transform (regression): fitted on the transformed target, predicting through the inverse.
  const transform = task === 'regression' ? candidate.targetTransform : undefined;
  const target = transform ? forwardTarget(transform, rows.y) : rows.y;
  const model = await fitFamily(candidate, withDerived(rows.frame, derived), target, task, classes, options);
  const engineered = derived.length > 0 ? new EngineeredPipeline(model, derived) : model;
  return transform ? new TargetTransformedPipeline(engineered, transform) : engineered;
}

function fitFamily(candidate: Candidate, features: Frame, y: Float64Array, task: TaskKind, classes: string[] | null, options: FitOptions): Promise<FittedPipeline> {
  switch (candidate.model) {
    case 'linear':
      return fitLinearPipeline(features, y, task, classes, candidate.params, options);
    case 'mlp':
      return fitMlpPipeline(features, y, task, classes, candidate.params, options);
    case 'gbdt':
      return fitTreePipeline(features, y, task, classes, { family: 'gbdt', params: candidate.params }, options);
    case 'random-forest':
    case 'extra-trees':
      return fitTreePipeline(features, y, task, classes, { family: candidate.model, params: candidate.params }, options);
  }
}

/**
 * Boosting rounds a fitted pipeline kept (through target-transform and derived-feature
 * wrappers); null for other families and for a fit its deadline cut short (its rounds say how
 * much time there was, not how many rounds the data wants: a refit sized by them was a one-round
 * model under a tight budget).
 */
export function boostedRounds(model: FittedPipeline): number | null {
  if (isTargetTransformed(model) || isEngineered(model)) return boostedRounds(model.inner);
  return model instanceof TreePipeline && model.family === 'gbdt' && !model.training.cutByDeadline ? model.training.iterations : null;
}

/** Whether the fit's deadline stopped a boosted model's rounds before early stopping or its round count did (through wrappers). */
export function cutByDeadline(model: FittedPipeline): boolean {
  if (isTargetTransformed(model) || isEngineered(model)) return cutByDeadline(model.inner);
  return model instanceof TreePipeline && model.training.cutByDeadline === true;
}

/** More rows than a fold's fit had (all of them, no validation share): a few more rounds. */
export const REFIT_ROUNDS_SCALE = 1.1;

/**
 * The candidate to refit on all training rows: a boosted model with early stopping grows the
 * rounds its folds kept (their mean × `roundsScale`) on every row, instead of holding a
 * share of them back to stop early again. Others as they are.
 */
export function forFullRefit(candidate: Candidate, foldRounds: readonly number[] | undefined, roundsScale = REFIT_ROUNDS_SCALE): Candidate {
  if (candidate.model !== 'gbdt' || candidate.params.earlyStoppingRounds <= 0 || !foldRounds || foldRounds.length === 0) return candidate;
  const mean = foldRounds.reduce((s, r) => s + r, 0) / foldRounds.length;
  const rounds = Math.max(1, Math.min(candidate.params.numIterations, Math.round(mean * roundsScale)));
  return { ...candidate, params: { ...candidate.params, numIterations: rounds, earlyStoppingRounds: 0 } };
}

/** A stable key for "the same configuration". */
export const candidateKey = (candidate: Candidate): string =>
  `${candidate.model}:${JSON.stringify(candidate.params)}${candidate.dropColumns?.length ? `-${JSON.stringify([...candidate.dropColumns].sort())}` : ''}${candidate.derived?.length ? `+${JSON.stringify(candidate.derived)}` : ''}${candidate.dropDuplicates ? '~distinct' : ''}${candidate.targetTransform ? `^${candidate.targetTransform}` : ''}`;
