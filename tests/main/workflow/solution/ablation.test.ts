import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { floatParam, intParam, type SearchSpace } from '../../../../src/main/ml/search/space';
import { Study } from '../../../../src/main/ml/search/study';
import { TpeSampler } from '../../../../src/main/ml/search/tpe-sampler';
import { ablationPlan, rankAblation } from '../../../../src/main/workflow/solution/ablation';
import { applyBlockPoint, blockSpace, currentPoint } from '../../../../src/main/workflow/solution/block-search';
import { BLOCKS, type BlockContext } from '../../../../src/main/workflow/solution/blocks';
import { createSolution, diffSolutions, type Solution } from '../../../../src/main/workflow/solution/solution';

const solution = createSolution('binary', {
  cleaning: { choice: 'drop-duplicates', params: {} },
  imputation: { choice: 'median', params: { addIndicator: true } },
  encoding: { choice: 'target', params: { smoothing: 10 } },
  scaling: { choice: 'standard', params: {} },
  featureEngineering: { choice: 'steps', params: { interactions: true, ratios: false, datetimeParts: false, textStats: false, targetEncoding: false } },
  classWeighting: { choice: 'balanced', params: {} },
  modelFamily: { choice: 'gbdt', params: {} },
  hyperparameters: { choice: 'tuned', params: { numLeaves: 63 } },
});

/** A planted world: only the encoding matters (target encoding is worth +0.05 AUC). */
const planted = (s: Solution): number => 0.8 + (s.blocks.encoding.choice === 'target' ? 0.05 : 0);

describe('ablation study', () => {
  it('plans one variant per non-plain block, each changing only that block', () => {
    const plan = ablationPlan(solution);
    expect(plan.map((v) => [v.block, v.kind])).toEqual([
      ['cleaning', 'removed'],
      ['imputation', 'plainest'],
      ['encoding', 'plainest'],
      ['scaling', 'removed'],
      ['featureEngineering', 'removed'],
      ['classWeighting', 'removed'],
      ['modelFamily', 'plainest'],
      ['hyperparameters', 'plainest'],
    ]);
    for (const v of plan) {
      expect(v.solution.blocks[v.block]).toEqual(BLOCKS[v.block].plainest);
      expect(v.changes[0].block).toBe(v.block);
    }
    // The family switch also resets the family's hyperparameters; every other variant changes one block.
    expect(plan.filter((v) => v.changes.length > 1).map((v) => v.block)).toEqual(['modelFamily']);
    expect(plan.find((v) => v.block === 'scaling')!.label).toBe('without scaling (standard)');
    expect(plan.find((v) => v.block === 'encoding')!.label).toBe('encoding: target (smoothing 10) → ordinal');
  });

  it('skips blocks already plain and blocks that do not apply to the task', () => {
    expect(ablationPlan(createSolution('binary'))).toEqual([]);
    const reg = createSolution('regression', { classWeighting: { choice: 'balanced', params: {} }, scaling: { choice: 'robust', params: {} } });
    expect(ablationPlan(reg).map((v) => v.block)).toEqual(['scaling']);
  });

  it('finds the one block that matters in a planted case', () => {
    const results = ablationPlan(solution).map((v) => ({ block: v.block, score: planted(v.solution) }));
    const ranking = rankAblation({ baseline: planted(solution), results, greaterIsBetter: true, solution });
    expect(ranking.chosen).toBe('encoding');
    expect(ranking.entries[0]).toEqual({ block: 'encoding', score: 0.8, effect: expect.closeTo(0.05, 12) });
    expect(ranking.entries.slice(1).every((e) => e.effect === 0)).toBe(true);
    expect(ranking.reason).toBe('Refine encoding: the largest effect among blocks not yet exhausted; it is worth +0.0500 (ablating it costs that much).');
    expect(ranking.untested).toEqual(['featureSelection']);
  });

  it('is direction-aware, ranks harmful blocks too, and skips exhausted ones', () => {
    // log loss: removing scaling improves (lowers) it by 0.03, removing encoding worsens by 0.01.
    const results = [
      { block: 'scaling' as const, score: 0.27 },
      { block: 'encoding' as const, score: 0.31 },
      { block: 'cleaning' as const, score: 0.3 },
    ];
    const r = rankAblation({ baseline: 0.3, results, greaterIsBetter: false, solution });
    expect(r.entries.map((e) => e.block)).toEqual(['scaling', 'encoding', 'cleaning']);
    expect(r.entries[0].effect).toBeCloseTo(-0.03, 12);
    expect(r.chosen).toBe('scaling');
    expect(r.reason).toMatch(/improves the score by 0.0300, so its current setting hurts/);
    expect(rankAblation({ baseline: 0.3, results, greaterIsBetter: false, solution, exhausted: ['scaling'] }).chosen).toBe('encoding');
  });

  it('falls back to an untried plain block, then to none', () => {
    const results = [{ block: 'scaling' as const, score: 0.8 }];
    const r = rankAblation({ baseline: 0.8, results, greaterIsBetter: true, solution, minEffect: 0.001 });
    expect(r.chosen).toBe('featureSelection');
    expect(r.reason).toMatch(/trying featureSelection/);
    const done = rankAblation({ baseline: 0.8, results, greaterIsBetter: true, solution, minEffect: 0.001, exhausted: ['featureSelection'] });
    expect(done.chosen).toBeNull();
  });

  it('treats a failed variant (NaN score) as the largest effect', () => {
    const r = rankAblation({ baseline: 0.8, results: [{ block: 'imputation', score: Number.NaN }, { block: 'encoding', score: 0.7 }], greaterIsBetter: true, solution });
    expect(r.chosen).toBe('imputation');
    expect(r.reason).toMatch(/fails without it/);
  });
});

describe('searching inside the chosen block', () => {
  const ctx: BlockContext = { task: 'binary', hyperparameterSpace: (family): SearchSpace => (family === 'gbdt' ? { numLeaves: intParam(7, 255, { log: true }), learningRate: floatParam(0.01, 0.3, { log: true }) } : {}) };

  it('gives the current setting as a point of the block space, and maps points back', () => {
    const space = blockSpace(solution, 'encoding', ctx);
    const point = currentPoint(solution, 'encoding', space)!;
    expect(point).toMatchObject({ choice: 'target', smoothing: 10 });
    expect(diffSolutions(solution, applyBlockPoint(solution, 'encoding', point))).toEqual([]);
    const fe = currentPoint(solution, 'featureEngineering', blockSpace(solution, 'featureEngineering', ctx));
    expect(fe).toEqual({ interactions: true, ratios: false, datetimeParts: false, textStats: false, targetEncoding: false });
    expect(applyBlockPoint(solution, 'featureEngineering', { interactions: false, ratios: false, datetimeParts: false, textStats: false, targetEncoding: false }).blocks.featureEngineering).toEqual({ choice: 'none', params: {} });
    expect(Object.keys(blockSpace(solution, 'hyperparameters', ctx))).toEqual(['numLeaves', 'learningRate']);
    expect(currentPoint(solution, 'hyperparameters', blockSpace(solution, 'hyperparameters', ctx))).toBeNull(); // learningRate unset
    expect(applyBlockPoint(solution, 'encoding', { choice: 'ordinal', maxCategories: 8, smoothing: 3 }).blocks.encoding).toEqual({ choice: 'ordinal', params: {} });
  });

  it('one refinement round end to end: ablation chooses the block, TPE finds its best alternative', async () => {
    // Start from a solution with one-hot encoding; in the planted world only target encoding helps.
    const start = createSolution('binary', { encoding: { choice: 'one-hot', params: { maxCategories: 16 } }, scaling: { choice: 'standard', params: {} } });
    const score = (s: Solution): number => 0.8 + (s.blocks.encoding.choice === 'target' ? 0.05 : s.blocks.encoding.choice === 'one-hot' ? 0.01 : 0);
    const ranking = rankAblation({ baseline: score(start), results: ablationPlan(start).map((v) => ({ block: v.block, score: score(v.solution) })), greaterIsBetter: true, solution: start });
    expect(ranking.chosen).toBe('encoding');
    const space = blockSpace(start, 'encoding', ctx);
    const study = new Study({ space, direction: 'maximize', sampler: new TpeSampler(createRng(1), { startupTrials: 4 }), now: () => 0 });
    study.enqueue(currentPoint(start, 'encoding', space)!);
    const best = await study.optimize((t) => score(applyBlockPoint(start, 'encoding', t.params)), { trials: 12 });
    const refined = applyBlockPoint(start, 'encoding', best!.params);
    expect(refined.blocks.encoding.choice).toBe('target');
    expect(diffSolutions(start, refined).map((c) => c.block)).toEqual(['encoding']);
    expect(study.trials[0].params).toMatchObject({ choice: 'one-hot', maxCategories: 16 });
  });
});
