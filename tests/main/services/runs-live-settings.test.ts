import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { createRequestHandler } from '../../../src/main/ipc/request-handler';
import type { RunProgressEvent, TrialInfo } from '../../../src/shared/domain';
import { datasetPath, tempDir } from '../../support/datasets';

describe('live trials and the advanced run settings', () => {
  let dir: string;
  let studio: StudioServices;

  beforeEach(() => {
    dir = tempDir();
    studio = createStudio({ dataDir: dir, host: 'cli' });
  });
  afterEach(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams every trial once in progress events, lists them on runs:trials, and applies metric, folds, rounds, attempts and ensemble off', async () => {
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    const events: RunProgressEvent[] = [];
    studio.runs.onProgress((e) => events.push(e));
    const { runId } = studio.runs.start({
      datasetId: dataset.id,
      target: 'churn',
      budgetSeconds: 12,
      seed: 3,
      metric: 'accuracy',
      cvFolds: 3,
      refinementRounds: 1,
      refinementAttempts: 2,
      ensemble: false,
    });
    expect(await studio.runs.waitFor(runId)).toBe('succeeded');
    const run = studio.runs.get(runId);
    const report = run.report;
    if (!report) throw new Error('no report');

    // Trials: each one arrives in exactly one event, and the events add up to runs:trials.
    const streamed: TrialInfo[] = events.filter((e) => e.runId === runId).flatMap((e) => e.trials ?? []);
    const listed = studio.runs.trials(runId);
    expect(listed.length).toBeGreaterThan(3);
    expect(streamed.map((t) => t.id)).toEqual(listed.map((t) => t.id));
    expect(streamed).toEqual(listed);
    expect(listed.every((t) => typeof t.model === 'string' && t.phase !== undefined)).toBe(true);

    // The live refinement tables were pushed before the report existed: every ablation the
    // report holds was streamed first (on a busy machine a 12 s run may get no ablation at all).
    const live = events.filter((e) => e.runId === runId && e.refinement);
    const streamedAblations = live.reduce((n, e) => Math.max(n, e.refinement?.ablations.length ?? 0), 0);
    expect(streamedAblations).toBe(report.ablations?.length ?? 0);
    if ((report.ablations?.length ?? 0) > 0) expect(live.length).toBeGreaterThan(0);

    // The settings took effect.
    expect(report.metric).toBe('accuracy');
    expect(run.metric).toBe('accuracy');
    expect(report.findings).toMatch(/3-fold cross-validation/);
    expect(report.refinement?.length ?? 0).toBeLessThanOrEqual(1);
    expect((report.refinement ?? []).every((r) => r.attempts <= 2)).toBe(true);
    expect(report.ensemble?.chosen).toBe('single');
    expect(report.ensemble?.reason).toMatch(/off in the run settings/);
    expect(report.best.members).toBe(1);
    // A finished run has no live tables; the report has them.
    expect(run.refinement).toBeUndefined();
  }, 90_000);

  it('refuses a metric that does not fit the task, and bad settings, with clear errors', async () => {
    const handle = createRequestHandler(studio);
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    const base = { datasetId: dataset.id, target: 'churn', budgetSeconds: 10, seed: 1 };
    const wrongMetric = await handle('runs:start', { ...base, task: 'binary', metric: 'rmse' });
    expect(wrongMetric.ok).toBe(false);
    if (!wrongMetric.ok) expect(wrongMetric.error.message).toMatch(/metric.*does not fit the task/);
    const folds = await handle('runs:start', { ...base, cvFolds: 1 });
    expect(folds.ok).toBe(false);
    if (!folds.ok) expect(folds.error.message).toMatch(/cvFolds/);
    const device = await handle('runs:start', { ...base, device: 'tpu' });
    expect(device.ok).toBe(false);
    const trials = await handle('runs:trials', { id: 'no-such-run' });
    expect(trials.ok).toBe(false);
    if (!trials.ok) expect(trials.error.message).toMatch(/does not exist|not found/i);

    // Task left on auto: the target's profile says binary, so a regression metric is refused at the request, before any run exists.
    const runsBefore = studio.runs.list().length;
    const auto = await handle('runs:start', { ...base, metric: 'rmse' });
    expect(auto.ok).toBe(false);
    if (!auto.ok) expect(auto.error.message).toMatch(/rmse does not fit the target "churn", which makes a binary task \(2 distinct values\); choose one of roc_auc, log_loss, accuracy/);
    expect(studio.runs.list().length).toBe(runsBefore);
  }, 60_000);
});
