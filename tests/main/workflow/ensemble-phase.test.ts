import { describe, expect, it } from 'vitest';
import { metricForTask } from '../../../src/main/ml/metrics';
import { DEFAULT_LINEAR_PARAMS } from '../../../src/main/ml/models/linear';
import type { Prediction } from '../../../src/main/ml/prediction';
import { createRng } from '../../../src/main/ml/rng';
import { DEFAULT_GBDT_PARAMS, DEFAULT_EXTRA_TREES_PARAMS } from '../../../src/main/ml/trees/params';
import { createBudget } from '../../../src/main/workflow/budget';
import type { PhaseContext } from '../../../src/main/workflow/phase';
import { ensemblePhase } from '../../../src/main/workflow/phases/ensemble';
import { createRunState, type Candidate, type EvaluatedCandidate, type RunState } from '../../../src/main/workflow/run-state';
import { binaryLabels, binaryMember, complementaryMembers } from '../ml/ensemble/synthetic';

const AUC = metricForTask('binary');

function state(y: Float64Array, members: { candidate: Candidate; oof: Prediction }[]): RunState {
  const s = createRunState();
  s.data = { fileName: 'synthetic.csv', task: 'binary', classes: ['0', '1'], y, features: { rowCount: y.length, columns: [] }, droppedMissingTarget: 0, metric: AUC, train: Int32Array.from({ length: y.length }, (_, i) => i), holdout: new Int32Array(0), folds: 5 };
  s.leaderboard = members.map((m): EvaluatedCandidate => ({ ...m, cvScore: AUC.score(y, m.oof), cvStd: 0 })).sort((a, b) => b.cvScore - a.cvScore);
  return s;
}

function context(s: RunState): { ctx: PhaseContext; logs: string[] } {
  const logs: string[] = [];
  const ctx = {
    state: s,
    settings: { iterations: 10 },
    budget: createBudget(600),
    rng: createRng(5),
    task: async <T>(_name: string, work: (t: { id: number; signal: AbortSignal; summarize(text: string): void }) => Promise<T>) => work({ id: 1, signal: new AbortController().signal, summarize: () => undefined }),
    metric: () => undefined,
    log: (_level: string, message: string) => logs.push(message),
  } as unknown as PhaseContext;
  return { ctx, logs };
}

const linear = (l2: number): Candidate => ({ model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS, l2 }, reason: 'test' });
const gbdt: Candidate = { model: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS }, reason: 'test' };
const extraTrees: Candidate = { model: 'extra-trees', params: { ...DEFAULT_EXTRA_TREES_PARAMS }, reason: 'test' };

describe('the ensemble agent', () => {
  it('refuses an ensemble of copies of one model and says so', async () => {
    const rng = createRng(1);
    const y = binaryLabels(1500, rng);
    const oof = binaryMember(y, 1.2, 1.2, rng);
    const s = state(y, [1e-4, 1e-3, 1e-2].map((l2) => ({ candidate: linear(l2), oof })));
    const { ctx } = context(s);
    await ensemblePhase.run(ctx);
    expect(s.solution).toMatchObject({ kind: 'single', weights: [1] });
    expect(s.ensembleReport?.chosen).toBe('single');
    expect(s.ensembleReport?.tried.map((t) => t.kind)).toEqual(['soft-vote', 'weighted-vote', 'hard-vote', 'greedy', 'blending', 'stacking', 'stacking-mlp', 'stacking-trees']);
    expect(s.ensembleReport?.tried.every((t) => !t.adopted)).toBe(true);
    expect(s.ensembleReport?.markdown).toMatch(/No ensemble beat the best single model/);
  });

  it('refuses when the other members are noise that hurts an average', async () => {
    const rng = createRng(2);
    const y = binaryLabels(1500, rng);
    const s = state(y, [
      { candidate: gbdt, oof: binaryMember(y, 1.5, 1.0, rng) },
      { candidate: linear(1e-4), oof: binaryMember(y, 0, 1.5, rng) },
      { candidate: extraTrees, oof: binaryMember(y, 0, 1.5, rng) },
    ]);
    const { ctx } = context(s);
    await ensemblePhase.run(ctx);
    expect(s.solution?.kind).toBe('single');
    expect(s.solution?.members[0].candidate.model).toBe('gbdt');
    const equal = s.ensembleReport?.tried.find((t) => t.kind === 'soft-vote');
    expect(equal?.gain).toBeLessThan(0);
  });

  it('adopts an ensemble of diverse members where averaging helps, with the kinds and scores in its report', async () => {
    const rng = createRng(3);
    const y = binaryLabels(2000, rng);
    const s = state(y, [
      { candidate: gbdt, oof: binaryMember(y, 1.0, 1.2, rng) },
      { candidate: linear(1e-4), oof: binaryMember(y, 0.9, 1.2, rng) },
      { candidate: extraTrees, oof: binaryMember(y, 0.9, 1.2, rng) },
    ]);
    const { ctx, logs } = context(s);
    await ensemblePhase.run(ctx);
    const report = s.ensembleReport!;
    expect(report.chosen).not.toBe('single');
    expect(s.solution?.kind).not.toBe('single');
    expect(s.solution!.members.length).toBeGreaterThan(1);
    expect(s.solution!.cvScore).toBeGreaterThan(report.bestSingle.heldOutScore + 0.01);
    if (s.solution?.kind === 'stacking' || s.solution?.kind === 'blending') expect(s.solution.stack?.weights).toHaveLength(s.solution.members.length);
    expect(report.tried.filter((t) => t.adopted)).toHaveLength(1);
    expect(report.markdown).toMatch(/\| stacking \(linear meta-learner on out-of-fold rows\) \| 3 \| 0\.\d{4} \| \+0\.\d{4} \|/);
    expect(report.reason).toMatch(/adopted: held-out roc_auc .* vs best single/);
    expect(logs.join('\n')).toMatch(/Ensemble: /);
  });

  it('adopts stacking with a non-linear meta-learner when the members are complementary in a way no average can use', async () => {
    const { y, members } = complementaryMembers('binary', 2000, createRng(4));
    const s = state(y, [
      { candidate: gbdt, oof: members[0] },
      { candidate: linear(1e-4), oof: members[1] },
      { candidate: extraTrees, oof: members[2] },
    ]);
    const { ctx } = context(s);
    await ensemblePhase.run(ctx);
    const report = s.ensembleReport!;
    expect(report.chosen).toMatch(/^stacking-(mlp|trees)$/);
    // Still a stacked solution; its meta-learner is the one chosen, and the report names it.
    expect(s.solution?.kind).toBe('stacking');
    expect(s.solution?.stack?.kind).toBe(report.chosen === 'stacking-mlp' ? 'mlp' : 'trees');
    expect(s.solution?.stack?.weights).toHaveLength(s.solution!.members.length);
    expect(report.reason).toMatch(report.chosen === 'stacking-mlp' ? /small-MLP meta-learner .* with an MLP meta-learner/ : /boosted-tree meta-learner .* with a boosted-tree meta-learner/);
  });
});
