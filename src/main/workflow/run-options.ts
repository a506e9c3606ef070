/**
 * What the run's optional settings (RunSettings: metric, cvFolds, refinement rounds and attempts,
 * ensemble, device) mean for the phases, in one place, so each phase reads them the same way and
 * a setting left out gives the workflow's own default.
 */
import { METRICS_BY_TASK, type ColumnProfile, type MetricName, type RunSettings, type TaskKind } from '../../shared/domain';
import { ACCURACY, LOG_LOSS, RMSE, ROC_AUC, metricForTask, type Metric } from '../ml/metrics';
import { MAX_INFERRED_CLASSES } from '../ml/target';

const BY_NAME: Record<string, Metric> = { roc_auc: ROC_AUC, log_loss: LOG_LOSS, accuracy: ACCURACY, rmse: RMSE };

/** The run's metric: the one chosen when it fits the task, else the task's default; a metric that does not fit throws (the run fails saying why). */
export function runMetric(settings: Pick<RunSettings, 'metric'>, task: TaskKind): Metric {
  if (settings.metric === undefined) return metricForTask(task);
  if (!METRICS_BY_TASK[task].includes(settings.metric)) {
    throw new Error(`The metric ${settings.metric} does not fit a ${task} task; choose one of ${METRICS_BY_TASK[task].join(', ')}.`);
  }
  return BY_NAME[settings.metric];
}

/**
 * Why `metric` cannot fit the task a target column implies when the task is left on auto, or null
 * where it fits or the profile leaves the task open (the run then decides, as prepareTarget does).
 * Certain only: a column of labels is never regression; a numeric column of two values is binary;
 * a fractional or many-valued numeric column is regression; labels of three or more are multiclass.
 */
export function metricMismatch(column: Pick<ColumnProfile, 'name' | 'type' | 'distinct'>, metric: MetricName): string | null {
  const numeric = column.type === 'numeric' || column.type === 'integer';
  const task: TaskKind | null = !numeric
    ? column.distinct <= 2
      ? 'binary'
      : 'multiclass'
    : column.distinct <= 2
      ? 'binary'
      : column.type === 'numeric' || column.distinct > MAX_INFERRED_CLASSES
        ? 'regression'
        : null;
  if (!task || METRICS_BY_TASK[task].includes(metric)) return null;
  return `The metric ${metric} does not fit the target "${column.name}", which makes a ${task} task (${column.distinct} distinct values); choose one of ${METRICS_BY_TASK[task].join(', ')}, or set the task.`;
}

/** Cross-validation folds: the setting, else 5 (3 past 50,000 training rows). */
export const runFoldCount = (settings: Pick<RunSettings, 'cvFolds'>, trainRows: number): number => settings.cvFolds ?? (trainRows > 50_000 ? 3 : 5);

/** Where ONNX Runtime trains linear and MLP fits. */
export const runExecutionProvider = (settings: Pick<RunSettings, 'device'>): 'cpu' | 'cuda' => (settings.device === 'gpu' ? 'cuda' : 'cpu');
