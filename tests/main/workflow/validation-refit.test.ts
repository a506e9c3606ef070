/**
 * The validation's final refit: the chosen solution is scored on the holdout as fitted on the
 * training rows, then refit on every row (holdout included) for export — unless the run settings
 * turn that off. Drives the foundation, ensemble and validation phases on a small synthetic table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metricForTask } from '../../../src/main/ml/metrics';
import { createRng } from '../../../src/main/ml/rng';
import { DEFAULT_GBDT_PARAMS } from '../../../src/main/ml/trees/params';
import { ensemblePhase } from '../../../src/main/workflow/phases/ensemble';
import { foundationPhase } from '../../../src/main/workflow/phases/foundation';
import { validationPhase } from '../../../src/main/workflow/phases/validation';
import { createRunState, type Candidate, type PreparedData, type RunState } from '../../../src/main/workflow/run-state';
import { tempDir } from '../../support/datasets';
import { frameOf, num } from './checks/frames';
import { testContext } from './phase-context';

function data(): PreparedData {
  const rng = createRng(3);
  const n = 1200;
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = rng.normal();
    x2[i] = rng.normal();
    y[i] = rng.next() < 1 / (1 + Math.exp(-(1.5 * x1[i] - x2[i] * x1[i]))) ? 1 : 0;
  }
  const train = Int32Array.from({ length: 960 }, (_, i) => i);
  const holdout = Int32Array.from({ length: n - 960 }, (_, i) => 960 + i);
  return { fileName: 'synthetic.csv', task: 'binary', classes: ['0', '1'], y, features: frameOf(num('x1', x1), num('x2', x2)), droppedMissingTarget: 0, metric: metricForTask('binary'), train, holdout, folds: 3 };
}

const gbdt: Candidate = { model: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numIterations: 60, numThreads: 1 }, reason: 'test' };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function validate(refitOnAllRows: boolean | undefined): Promise<{ state: RunState; profile: { training: { rows: number; holdoutIncluded: boolean } }; card: string; onnx: Buffer; logs: string[]; tasks: string[] }> {
  const runDir = tempDir();
  dirs.push(runDir);
  const state: RunState = { ...createRunState(), data: data(), candidates: [gbdt] };
  const d = state.data;
  // The raw file as the data checks read it: the features and the target column.
  const frame = d ? { rowCount: d.features.rowCount, columns: [...d.features.columns, num('y', d.y)] } : undefined;
  const ctx = testContext({ runDir, state, frame, settings: { seed: 4, iterations: 1, ...(refitOnAllRows === undefined ? {} : { refitOnAllRows }) } });
  await foundationPhase.run(ctx);
  await ensemblePhase.run(ctx);
  await validationPhase.run(ctx);
  const dir = state.validation?.profiles[0].dir ?? '';
  return {
    state,
    profile: JSON.parse(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8')),
    card: fs.readFileSync(path.join(dir, 'model-card.md'), 'utf8'),
    onnx: fs.readFileSync(path.join(dir, 'model.onnx')),
    logs: ctx.logs.map((l) => l.message),
    tasks: ctx.tasks.map((t) => t.name),
  };
}

describe('the validation refit on all rows', () => {
  it('exports the chosen model refit on every row, with the holdout score of its fit on the training rows', async () => {
    const refit = await validate(undefined);
    const kept = await validate(false);
    expect(refit.profile.training).toEqual({ rows: 1200, holdoutIncluded: true });
    expect(refit.card).toContain('Trained on all 1,200 rows');
    expect(refit.tasks.filter((t) => t.startsWith('refit on all rows'))).toHaveLength(1);

    expect(kept.profile.training).toEqual({ rows: 960, holdoutIncluded: false });
    expect(kept.card).toContain('Trained on the 960 training rows');
    expect(kept.tasks.some((t) => t.startsWith('refit on all rows'))).toBe(false);
    expect(kept.logs.some((l) => /final refit on all rows is off/.test(l))).toBe(true);

    // Same seed, same configuration: the holdout score is the training-rows fit's in both runs,
    // while the exported graphs differ, the refit having learnt from 240 more rows.
    expect(refit.state.validation?.holdoutScore).toBe(kept.state.validation?.holdoutScore);
    expect(refit.onnx.equals(kept.onnx)).toBe(false);
    expect(refit.state.validation?.parityMaxDiff).toBeLessThanOrEqual(1e-5);
  }, 120_000);
});
