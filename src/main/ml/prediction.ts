import type { TaskKind } from '../../shared/domain';

/**
 * Model output for n rows. Classification: `proba` is row-major n × classes.length.
 * Regression: `value` holds one number per row.
 */
export type Prediction =
  | { task: 'binary' | 'multiclass'; classes: string[]; proba: Float64Array }
  | { task: 'regression'; value: Float64Array };

export type ClassificationTask = Exclude<TaskKind, 'regression'>;
