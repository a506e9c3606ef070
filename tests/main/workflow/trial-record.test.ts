import { describe, expect, it } from 'vitest';
import { completeTrial, failTrial, pruneTrial, startTrial, withIntermediate } from '../../../src/main/ml/search/trial';
import { trialRecordOf } from '../../../src/main/workflow/trial-record';

describe('trialRecordOf', () => {
  const running = startTrial(3, { lr: 0.1, kind: 'gbdt', bagging: true }, 1000);

  it('maps finished snapshots to trial records and skips running ones', () => {
    expect(trialRecordOf(running, 'gbdt')).toBeNull();
    expect(trialRecordOf(completeTrial(running, 0.87, 1250), 'gbdt', 7)).toEqual({ taskId: 7, model: 'gbdt', params: { lr: 0.1, kind: 'gbdt', bagging: true }, score: 0.87, status: 'complete', durationMs: 250 });
    expect(trialRecordOf(pruneTrial(withIntermediate(running, 1, 0.6), 1100), 'gbdt')).toMatchObject({ status: 'pruned', score: 0.6, durationMs: 100 });
    expect(trialRecordOf(failTrial(running, 1010, 'boom'), 'gbdt')).toMatchObject({ status: 'failed', score: null });
  });
});
