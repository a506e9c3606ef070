/**
 * Stacking on out-of-fold predictions. The members' OOF predictions are already honest, but a
 * meta-learner fitted and scored on the same rows is not: its score would be optimistic. So the
 * stack is itself evaluated out of fold — for each fold, fit the meta-learner on the other folds'
 * rows and predict this fold's — and the final meta-learner is fitted on all rows.
 */
import type { Metric } from '../metrics';
import type { Prediction } from '../prediction';
import { applyMetaLearner, fitMetaLearner, type MetaLearnerOptions, type StackModel } from './meta-learner';
import { memberShape, predictionOf, predictionRows, takeRows, valuesOf } from './members';

/** Row indexes of one fold: fit on `train`, predict `test`. */
export interface FoldRows {
  train: ArrayLike<number>;
  test: ArrayLike<number>;
}

export interface StackResult {
  /** Meta-learner fitted on all rows, for inference. */
  model: StackModel;
  /** The stack's own out-of-fold prediction over all rows (rows in no test fold stay 0). */
  oof: Prediction;
  /** `metric` on {@link oof}, over the rows that were in a test fold. */
  score: number;
}

/**
 * Stacks `members` (OOF predictions over the same n rows) against `y`, evaluating the stack with
 * `folds` (over those n rows; each row should be in at most one test fold).
 */
export function stackOutOfFold(members: readonly Prediction[], y: Float64Array, folds: readonly FoldRows[], metric: Metric, options: MetaLearnerOptions = {}): StackResult {
  const shape = memberShape(members);
  if (folds.length < 2) throw new RangeError(`Stacking needs at least 2 folds to evaluate itself, got ${folds.length}.`);
  const out = new Float64Array(shape.rows * shape.width);
  const covered: number[] = [];
  for (const fold of folds) {
    const model = fitMetaLearner(
      members.map((m) => predictionRows(m, fold.train)),
      takeRows(y, fold.train),
      options,
    );
    const predicted = valuesOf(
      applyMetaLearner(
        model,
        members.map((m) => predictionRows(m, fold.test)),
      ),
    );
    for (let i = 0; i < fold.test.length; i++) {
      const row = fold.test[i];
      covered.push(row);
      for (let c = 0; c < shape.width; c++) out[row * shape.width + c] = predicted[i * shape.width + c];
    }
  }
  covered.sort((a, b) => a - b);
  const oof = predictionOf(shape, out);
  const score = metric.score(takeRows(y, covered), predictionRows(oof, covered));
  return { model: fitMetaLearner(members, y, options), oof, score };
}
