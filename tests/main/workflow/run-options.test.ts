import { describe, expect, it } from 'vitest';
import { runExecutionProvider, runFoldCount, runMetric } from '../../../src/main/workflow/run-options';

describe('run options', () => {
  it('gives the task default metric when none is chosen, the chosen one when it fits, and refuses one that does not', () => {
    expect(runMetric({}, 'binary').name).toBe('roc_auc');
    expect(runMetric({}, 'multiclass').name).toBe('log_loss');
    expect(runMetric({ metric: 'accuracy' }, 'binary')).toMatchObject({ name: 'accuracy', greaterIsBetter: true });
    expect(runMetric({ metric: 'log_loss' }, 'binary')).toMatchObject({ name: 'log_loss', greaterIsBetter: false });
    expect(() => runMetric({ metric: 'roc_auc' }, 'multiclass')).toThrow(/roc_auc does not fit a multiclass task/);
    expect(() => runMetric({ metric: 'accuracy' }, 'regression')).toThrow(/choose one of rmse/);
  });

  it('uses the folds setting, else 5 (3 past 50,000 rows), and maps the device to an execution provider', () => {
    expect(runFoldCount({}, 1000)).toBe(5);
    expect(runFoldCount({}, 60_000)).toBe(3);
    expect(runFoldCount({ cvFolds: 7 }, 60_000)).toBe(7);
    expect(runExecutionProvider({})).toBe('cpu');
    expect(runExecutionProvider({ device: 'gpu' })).toBe('cuda');
  });
});
