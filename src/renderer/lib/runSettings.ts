/**
 * The run form's advanced settings: their defaults (what the workflow does when a setting is left
 * out) and the part of RunSettings that carries them to `runs:start` (only what the user set).
 */
import type { MetricName, RunSettings, TaskKind } from '../../shared/domain';
import { METRICS_BY_TASK } from '../../shared/domain';

export type AdvancedSettings = Pick<RunSettings, 'metric' | 'cvFolds' | 'refinementRounds' | 'refinementAttempts' | 'ensemble' | 'refitOnAllRows' | 'device'>;

/** The advanced settings present in `settings`, to send with `runs:start`. */
export function advancedSettingsOf(settings: AdvancedSettings): AdvancedSettings {
  const out: AdvancedSettings = {};
  if (settings.metric !== undefined) out.metric = settings.metric;
  if (settings.cvFolds !== undefined) out.cvFolds = settings.cvFolds;
  if (settings.refinementRounds !== undefined) out.refinementRounds = settings.refinementRounds;
  if (settings.refinementAttempts !== undefined) out.refinementAttempts = settings.refinementAttempts;
  if (settings.ensemble !== undefined) out.ensemble = settings.ensemble;
  if (settings.refitOnAllRows !== undefined) out.refitOnAllRows = settings.refitOnAllRows;
  if (settings.device !== undefined) out.device = settings.device;
  return out;
}

/** What each metric means, for the form. */
export const METRIC_LABELS: Record<MetricName, string> = {
  roc_auc: 'ROC AUC (ranking of the positive class)',
  log_loss: 'log loss (calibrated probabilities)',
  accuracy: 'accuracy (most probable class right)',
  rmse: 'RMSE (root mean squared error)',
};

/** The metrics a task accepts, its default first. */
export const metricsFor = (task: TaskKind): readonly MetricName[] => METRICS_BY_TASK[task];

/** Limits of the integer settings, the same as the contract's schema. */
export const LIMITS = {
  cvFolds: { min: 3, max: 10 },
  refinementRounds: { min: 1, max: 40 },
  refinementAttempts: { min: 1, max: 24 },
} as const;
