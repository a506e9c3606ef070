/**
 * The chart data the validation agent records in the run report from the final model's holdout
 * predictions (see `HoldoutCharts` in shared/domain.ts). Cheap: one sort per curve, one pass for
 * the matrix and the residuals.
 */
import type { HoldoutCharts } from '../../../shared/domain';
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';
import { classificationCharts } from './classification';
import { regressionCharts } from './regression';

/** `y` holds class indexes (classification) or values (regression), as the metrics take them. */
export function holdoutCharts(y: Float64Array, prediction: Prediction, rng: Rng): HoldoutCharts {
  return prediction.task === 'regression' ? regressionCharts(y, prediction.value, rng) : classificationCharts(y, prediction.proba, prediction.classes);
}

export { classificationCharts, confusionMatrix } from './classification';
export { rocPrCurves, thinIndexes } from './curves';
export { histogram, regressionCharts } from './regression';
