/**
 * Blending: the members are trained on the training rows only and predict a holdout they never
 * saw; the meta-learner is fitted on that holdout. Its score is estimated by k-fold inside the
 * holdout (the same out-of-fold guard as stacking), since the holdout is all the blend has.
 */
import type { Metric } from '../metrics';
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';
import { kFold } from '../splits';
import type { MetaLearnerOptions } from './meta-learner';
import { memberShape } from './members';
import { stackOutOfFold, type StackResult } from './stacking';

export interface BlendOptions extends MetaLearnerOptions {
  /** Folds inside the holdout for the honest score (default 5, at most the holdout's rows). */
  folds?: number;
}

/** Fits the blend on holdout predictions of the members and scores it out of fold within the holdout. */
export function blendOnHoldout(members: readonly Prediction[], yHoldout: Float64Array, metric: Metric, rng: Rng, options: BlendOptions = {}): StackResult {
  const shape = memberShape(members);
  const k = Math.min(options.folds ?? 5, shape.rows);
  const folds = kFold(yHoldout, shape.task, k, rng);
  return stackOutOfFold(members, yHoldout, folds, metric, options);
}
