import { describe, expect, it } from 'vitest';
import type { StackModel } from '../../../src/main/ml/ensemble/meta-learner';
import { DEFAULT_LINEAR_PARAMS } from '../../../src/main/ml/models/linear';
import { createRng } from '../../../src/main/ml/rng';
import { DEFAULT_GBDT_PARAMS } from '../../../src/main/ml/trees/params';
import { fitCandidate } from '../../../src/main/workflow/fit-candidate';
import type { Candidate, EvaluatedCandidate } from '../../../src/main/workflow/run-state';
import { MAX_IMPORTANCE_FEATURES, memberWeights, solutionImportance, solutionMembers } from '../../../src/main/workflow/solution-insights';
import { numeric, frame, syntheticData } from '../ml/models/synthetic';

const gbdt: Candidate = { model: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numIterations: 30 }, reason: 'test' };
const linear: Candidate = { model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS, epochs: 5 }, reason: 'test' };
const member = (candidate: Candidate, cvScore: number): EvaluatedCandidate => ({ candidate, cvScore, cvStd: 0, oof: { task: 'regression', value: new Float64Array(0) } });

describe('solution insights', () => {
  it('ranks the columns that drive the target first, for a tree model, a linear one and a weighted mix', async () => {
    const { features, y, classes } = syntheticData('binary', 600, 3);
    const trees = await fitCandidate(gbdt, features, y, 'binary', classes, { rng: createRng(1) });
    const lin = await fitCandidate(linear, features, y, 'binary', classes, { rng: createRng(1) });
    for (const [models, weights, method] of [
      [[trees], [1], /split gain/],
      [[lin], [1], /coefficient/],
      [[trees, lin], [0.7, 0.3], /averaged over the members by \|weight\|/],
    ] as const) {
      const report = solutionImportance(models, weights);
      expect(report.method).toMatch(method);
      // The noise column is the least important; a and b (which set the target) are above it.
      expect(report.features.at(-1)?.feature).toBe('noise');
      expect(report.features.slice(0, 3).map((f) => f.feature).sort()).toEqual(['a', 'b', 'color']);
      expect(report.features.reduce((s, f) => s + f.importance, 0)).toBeCloseTo(1, 9);
      const shares = report.features.map((f) => f.importance);
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
    }
    // A member with weight 0 contributes nothing: the mix equals the other member alone.
    expect(solutionImportance([trees, lin], [1, 0]).features).toEqual(solutionImportance([trees], [1]).features);
  });

  it('keeps the top 30 of many columns', async () => {
    const rng = createRng(4);
    const n = 300;
    const cols = Array.from({ length: 45 }, (_, j) => numeric(`x${j}`, Float64Array.from({ length: n }, () => rng.normal())));
    const y = Float64Array.from({ length: n }, (_, i) => cols.reduce((s, c, j) => s + (j + 1) * c.values[i], 0));
    const model = await fitCandidate({ ...linear, params: { ...DEFAULT_LINEAR_PARAMS } }, frame(cols), y, 'regression', null, { rng: createRng(2) });
    const report = solutionImportance([model], [1]);
    expect(report.features).toHaveLength(MAX_IMPORTANCE_FEATURES);
    // The target weighs column j by j + 1: the strongest columns are kept, the weakest left out.
    const kept = report.features.map((f) => Number(f.feature.slice(1)));
    expect(kept.slice(0, 5).every((j) => j >= 35)).toBe(true);
    expect(kept.every((j) => j >= 10)).toBe(true);
  });

  it('reports each member with its weight: the vote’s, or the meta-learner’s for stacking', () => {
    const members = [member(gbdt, 0.9), member(linear, 0.8)];
    expect(solutionMembers({ label: 'soft vote', kind: 'soft-vote', members, weights: [0.6, 0.4], cvScore: 0.91 })).toEqual([
      { model: 'gbdt', weight: 0.6, cvScore: 0.9 },
      { model: 'linear', weight: 0.4, cvScore: 0.8 },
    ]);
    const stack: StackModel = { kind: 'ridge', task: 'regression', classes: null, weights: [1.2, -0.1], intercepts: [0] };
    expect(memberWeights({ members, weights: [0.5, 0.5], stack })).toEqual([1.2, -0.1]);
    // A vote's weights are shares of the vote.
    expect(memberWeights({ members, weights: [1, 3] })).toEqual([0.25, 0.75]);
  });
});
