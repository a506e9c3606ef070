import { describe, expect, it } from 'vitest';
import { DEFAULT_LINEAR_PARAMS } from '../../../src/main/ml/models/linear';
import { createRng } from '../../../src/main/ml/rng';
import { DEFAULT_GBDT_PARAMS } from '../../../src/main/ml/trees/params';
import { boostedRounds, candidateKey, fitCandidate, forFullRefit, REFIT_ROUNDS_SCALE } from '../../../src/main/workflow/fit-candidate';
import { candidateParams, type Candidate } from '../../../src/main/workflow/run-state';
import { syntheticData } from '../ml/models/synthetic';

const gbdt: Candidate = { model: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numIterations: 300, earlyStoppingRounds: 20 }, reason: 'test' };

describe('refitting on all training rows', () => {
  it('grows the rounds the folds kept (a few more) on every row, without early stopping', () => {
    const refit = forFullRefit(gbdt, [40, 50, 60]);
    expect(refit.params).toMatchObject({ numIterations: Math.round(50 * REFIT_ROUNDS_SCALE), earlyStoppingRounds: 0 });
    expect(forFullRefit(gbdt, [290, 300]).params).toMatchObject({ numIterations: 300 });
    // Nothing to go by, no early stopping, or another family: as it is.
    expect(forFullRefit(gbdt, undefined)).toBe(gbdt);
    expect(forFullRefit(gbdt, [])).toBe(gbdt);
    const fixed: Candidate = { ...gbdt, params: { ...gbdt.params, earlyStoppingRounds: 0 } } as Candidate;
    expect(forFullRefit(fixed, [10])).toBe(fixed);
    const linear: Candidate = { model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS }, reason: 'test' };
    expect(forFullRefit(linear, [10])).toBe(linear);
    // The refit is another configuration's key: measure-solution files it under the candidate's own key.
    expect(candidateKey(refit)).not.toBe(candidateKey(gbdt));
  });

  it('reads the rounds a boosted pipeline kept, through a target transform, and none for other families', async () => {
    const { features, y } = syntheticData('regression', 400, 2);
    const positive = y.map((v) => Math.exp(v / 4));
    const model = await fitCandidate({ ...gbdt, targetTransform: 'log1p' }, features, positive, 'regression', null, { rng: createRng(1) });
    const rounds = boostedRounds(model);
    expect(rounds).toBeGreaterThan(0);
    expect(rounds).toBeLessThan(300);
    const linear = await fitCandidate({ model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS, epochs: 2 }, reason: 'test' }, features, y, 'regression', null, { rng: createRng(1) });
    expect(boostedRounds(linear)).toBeNull();
  });

  it('does not size a refit by a fold its deadline cut short', async () => {
    const { features, y } = syntheticData('binary', 3000, 4);
    const slow = { ...gbdt, params: { ...gbdt.params, numIterations: 5000, earlyStoppingRounds: 5000 } } as Candidate;
    const cut = await fitCandidate(slow, features, y, 'binary', ['0', '1'], { rng: createRng(1), deadline: Date.now() + 150 });
    expect(boostedRounds(cut)).toBeNull();
    // The same flag survives a save and load of the pipeline.
    const roundTrip = JSON.parse(JSON.stringify(cut)) as { training: { cutByDeadline?: boolean } };
    expect(roundTrip.training.cutByDeadline).toBe(true);
    const whole = await fitCandidate({ ...slow, params: { ...slow.params, numIterations: 20 } } as Candidate, features, y, 'binary', ['0', '1'], { rng: createRng(1), deadline: Date.now() + 60_000 });
    expect(boostedRounds(whole)).toBeGreaterThan(0);
  });

  it('shows, in a trial or leaderboard row, what the refinement set around the model', () => {
    const params = candidateParams({ ...gbdt, targetTransform: 'log1p', dropColumns: ['b', 'c'], dropDuplicates: true });
    expect(params).toMatchObject({ numIterations: 300, targetTransform: 'log1p', dropColumns: 'b,c', dropDuplicates: true });
    expect(candidateParams(gbdt)).not.toHaveProperty('targetTransform');
  });
});
