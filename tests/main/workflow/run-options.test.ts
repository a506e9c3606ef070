import { describe, expect, it } from 'vitest';
import { metricMismatch, runExecutionProvider, runFoldCount, runMetric } from '../../../src/main/workflow/run-options';

describe('run options', () => {
  it('gives the task default metric when none is chosen, the chosen one when it fits, and refuses one that does not', () => {
    expect(runMetric({}, 'binary').name).toBe('roc_auc');
    expect(runMetric({}, 'multiclass').name).toBe('log_loss');
    expect(runMetric({ metric: 'accuracy' }, 'binary')).toMatchObject({ name: 'accuracy', greaterIsBetter: true });
    expect(runMetric({ metric: 'log_loss' }, 'binary')).toMatchObject({ name: 'log_loss', greaterIsBetter: false });
    expect(() => runMetric({ metric: 'roc_auc' }, 'multiclass')).toThrow(/roc_auc does not fit a multiclass task/);
    expect(() => runMetric({ metric: 'accuracy' }, 'regression')).toThrow(/choose one of rmse/);
  });

  it('refuses a metric the target column cannot fit when the task is on auto, only where the profile is certain', () => {
    const col = (type: 'numeric' | 'integer' | 'categorical' | 'boolean', distinct: number) => ({ name: 't', type, distinct });
    expect(metricMismatch(col('categorical', 2), 'rmse')).toMatch(/makes a binary task .*choose one of roc_auc, log_loss, accuracy/);
    expect(metricMismatch(col('boolean', 2), 'roc_auc')).toBeNull();
    expect(metricMismatch(col('categorical', 5), 'roc_auc')).toMatch(/multiclass task \(5 distinct values\); choose one of log_loss, accuracy/);
    expect(metricMismatch(col('categorical', 5), 'accuracy')).toBeNull();
    expect(metricMismatch(col('numeric', 500), 'accuracy')).toMatch(/regression task/);
    expect(metricMismatch(col('integer', 2), 'rmse')).toMatch(/binary task/);
    // Whole numbers with few values may be classes or amounts (prepareTarget decides by rows per value): left to the run.
    expect(metricMismatch(col('integer', 6), 'rmse')).toBeNull();
    expect(metricMismatch(col('integer', 6), 'log_loss')).toBeNull();
    expect(metricMismatch(col('integer', 300), 'log_loss')).toMatch(/regression task/);
  });

  it('uses the folds setting, else 5 (3 past 50,000 rows), and maps the device to an execution provider', () => {
    expect(runFoldCount({}, 1000)).toBe(5);
    expect(runFoldCount({}, 60_000)).toBe(3);
    expect(runFoldCount({ cvFolds: 7 }, 60_000)).toBe(7);
    expect(runExecutionProvider({})).toBe('cpu');
    expect(runExecutionProvider({ device: 'gpu' })).toBe('cuda');
  });
});
