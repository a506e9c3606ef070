/**
 * The refinement agent's ablation-guided loop on a planted effect: a binary target driven by a
 * 600-level categorical (4 training rows per level), where one-hot (at most 256 levels) sees part
 * of it and ordinal nothing,
 * so the encoding block is the one that matters and out-of-fold target encoding is what helps.
 * Also: a resumed refinement does not redo finished rounds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metricForTask } from '../../../src/main/ml/metrics';
import { DEFAULT_LINEAR_PARAMS } from '../../../src/main/ml/models/linear';
import { createRng } from '../../../src/main/ml/rng';
import { foundationPhase } from '../../../src/main/workflow/phases/foundation';
import { refinementPhase } from '../../../src/main/workflow/phases/refinement';
import { createRunState, type Candidate, type PreparedData, type RunState } from '../../../src/main/workflow/run-state';
import { tempDir } from '../../support/datasets';
import { cat, frameOf, num } from './checks/frames';
import { testContext } from './phase-context';

function plantedData(): PreparedData {
  const rng = createRng(11);
  const n = 6000;
  const levels = 1000;
  const effect = Array.from({ length: levels }, () => 2.5 * rng.normal());
  const city: string[] = [];
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const level = rng.int(levels);
    city.push(`c${level}`);
    x1[i] = rng.normal();
    x2[i] = i % 7 === 0 ? Number.NaN : rng.normal(); // missing values, so imputation is a live block
    const logit = effect[level] + 0.3 * x1[i];
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const features = frameOf(cat('city', city), num('x1', x1), num('x2', x2));
  const train = Int32Array.from({ length: 5000 }, (_, i) => i);
  const holdout = Int32Array.from({ length: n - 5000 }, (_, i) => 5000 + i);
  return { fileName: 'planted.csv', task: 'binary', classes: ['0', '1'], y, features, droppedMissingTarget: 0, metric: metricForTask('binary'), train, holdout, folds: 3 };
}

/** A linear start with median imputation and missing indicators (ablatable, but worth nothing here) and default one-hot. */
const start: Candidate = { model: 'linear', params: { ...DEFAULT_LINEAR_PARAMS, epochs: 15, imputation: 'median', missingIndicators: true }, reason: 'planted start' };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('refinement on a planted effect', () => {
  it('ranks the encoding block first, refines it, and keeps target encoding', async () => {
    const runDir = tempDir();
    dirs.push(runDir);
    const state: RunState = { ...createRunState(), data: plantedData(), candidates: [start] };
    const ctx = testContext({ runDir, state, settings: { seed: 5, iterations: 12 } });
    await foundationPhase.run(ctx);
    await refinementPhase.run(ctx);

    const refinement = state.refinement;
    expect(refinement).toBeDefined();
    if (!refinement) return;
    const round1 = refinement.ablations.filter((a) => a.round === 1);
    expect(round1.map((a) => a.block)).toEqual(['encoding', 'imputation']);
    expect(round1[0].effect).toBeGreaterThan(0.005); // ordinal instead of one-hot costs AUC
    expect(Math.abs(round1[0].effect)).toBeGreaterThan(5 * Math.abs(round1[1].effect));
    // Two rounds of 6 attempts (12 iterations): both on the encoding, which keeps improving.
    expect(refinement.rounds.map((r) => [r.round, r.block, r.attempts, r.improved])).toEqual([
      [1, 'encoding', 6, true],
      [2, 'encoding', 6, true],
    ]);
    expect(refinement.rounds[1].change).toMatch(/^encoding: .* → target/);
    expect(refinement.rounds[1].best).toBeGreaterThan(round1[0].baseline + 0.1);
    // The refined configuration leads the leaderboard and is a linear pipeline with target encoding.
    const best = state.leaderboard[0].candidate;
    expect(best.model).toBe('linear');
    expect(best.params).toMatchObject({ encoding: 'target' });
    // Every block is reported with its status and the reason for it.
    expect(refinement.blocks.every((b) => b.status !== 'unavailable' && b.reason.length > 0)).toBe(true);
    expect(ctx.logs.some((l) => /^Round 1: ablation says 'encoding' matters most/.test(l.message))).toBe(true);
    // Every evaluation is a trial; the ablation variants and attempts among them.
    expect(ctx.trials.length).toBeGreaterThanOrEqual(1 + 2 + 1);
    expect(ctx.tasks.every((t) => t.status === 'succeeded')).toBe(true);

    // Resume with a larger iteration budget: the finished rounds are not redone, a third one runs.
    const resumed: RunState = { ...createRunState(), data: state.data, candidates: [start], leaderboard: [...state.leaderboard] };
    const again = testContext({ runDir, state: resumed, settings: { seed: 5, iterations: 18 } });
    await refinementPhase.run(again);
    expect(again.tasks.some((t) => /^refinement round [12]:/.test(t.name))).toBe(false);
    expect(again.logs[0].message).toMatch(/resumes after round 2 \(12 attempts done\)/);
    expect(resumed.refinement?.rounds[0]).toEqual(refinement.rounds[0]);
    expect(resumed.refinement?.rounds.length).toBe(3);

    // restore() gives the tables back for the report.
    const restored: RunState = { ...createRunState(), data: state.data };
    await refinementPhase.restore?.(testContext({ runDir, state: restored }));
    expect(restored.refinement?.ablations.length).toBe(resumed.refinement?.ablations.length);
    expect(fs.existsSync(path.join(runDir, 'refinement.json'))).toBe(true);
  }, 180_000);
});
