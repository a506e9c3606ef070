import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { rocAuc } from '../../../src/main/ml/metrics';
import { predictFile } from '../../../src/main/services/predict-service';
import { PHASES } from '../../../src/shared/domain';
import { splitDatasetFiles, tempDir } from '../../support/datasets';

describe('a full five-phase run on telco_churn', () => {
  let dir: string;
  let studio: StudioServices;
  let files: { train: string; test: string };

  beforeAll(() => {
    dir = tempDir();
    files = splitDatasetFiles('telco_churn.csv', dir);
    studio = createStudio({ dataDir: path.join(dir, 'data'), host: 'cli' });
  });
  afterAll(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs search → validation, persists everything, and its exported model predicts the held-out rows', async () => {
    const dataset = await studio.datasets.importPath(files.train);
    const events: number[] = [];
    studio.runs.onProgress((e) => events.push(e.seq));
    const { runId } = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 20, seed: 7, goals: { score: 0.99, latencyP95Ms: 1000 } });
    const status = await studio.runs.waitFor(runId);
    const run = studio.runs.get(runId);
    expect(run.error).toBeNull();
    expect(status).toBe('succeeded');
    expect(run.phases.map((p) => [p.name, p.status])).toEqual(PHASES.map((p) => [p, 'succeeded']));
    expect(run.tasks.length).toBeGreaterThanOrEqual(8);
    expect(run.tasks.every((t) => t.status === 'succeeded')).toBe(true);
    expect(run.metrics.some((m) => m.name === 'cv_score')).toBe(true);
    expect(events.length).toBeGreaterThan(3);
    expect([...events].sort((a, b) => a - b)).toEqual(events);
    expect(run.lastSeq).toBeGreaterThanOrEqual(events.at(-1) ?? 0);

    const report = run.report;
    expect(report).not.toBeNull();
    if (!report) return;
    expect(report.task).toBe('binary');
    expect(report.metric).toBe('roc_auc');
    expect(report.tasks).toMatchObject({ executed: run.tasks.length, succeeded: run.tasks.length, successRate: 1 });
    expect(studio.runs.list().find((r) => r.id === runId)).toMatchObject({ task: 'binary', metric: 'roc_auc', greaterIsBetter: true });
    expect(report.best.holdoutScore).toBeGreaterThan(0.8);
    expect(report.onnxParityMaxAbsDiff).toBeLessThan(1e-5);
    expect(report.latencyMs.p50).toBeGreaterThan(0);
    expect(report.findings).toContain('# Search findings');

    const profileDir = report.profiles[0].dir;
    expect(fs.existsSync(path.join(profileDir, 'model.onnx'))).toBe(true);
    // Exported as refit on every row (holdout included) unless the budget had no time for that, which the log says.
    const training = (JSON.parse(fs.readFileSync(path.join(profileDir, 'profile.json'), 'utf8')) as { training: { rows: number; holdoutIncluded: boolean } }).training;
    const skipped = run.logs.some((l) => /is exported as fitted on the \d+ training rows/.test(l.message));
    expect(training).toEqual(skipped ? { rows: report.rows.train, holdoutIncluded: false } : { rows: report.rows.train + report.rows.holdout, holdoutIncluded: true });
    expect(fs.existsSync(path.join(profileDir, 'model-card.md'))).toBe(true);
    expect(studio.store.artifacts.list(runId).map((a) => a.kind)).toContain('onnx-model');
    // Every completed trial is a leaderboard entry; the refinement's pruned trials are not.
    expect(studio.store.trials.list(runId).filter((t) => t.status === 'complete').length).toBe(report.leaderboard.length);
    expect(report.totalSeconds).toBeLessThanOrEqual(20 * 1.1);
    expect(report.refinement?.length).toBeGreaterThan(0);
    expect(report.ablations?.every((a) => a.round >= 1 && Number.isFinite(a.baseline))).toBe(true);
    expect(report.refinementBlocks?.find((b) => b.block === 'featureEngineering')?.status).toBe('active');
    // The user's goals in the targets table: an AUC of 0.99 is out of reach on telco, a second per row is not.
    expect(report.targets?.map((t) => [t.target, t.status])).toEqual([
      ['score', 'missed'],
      ['latency', 'met'],
      ['model size', 'no goal'],
      ['memory', 'no goal'],
      ['time', 'met'],
    ]);
    expect(run.logs.some((l) => /^Round 1: /.test(l.message))).toBe(true);

    const output = path.join(dir, 'preds.csv');
    const result = await predictFile(profileDir, files.test, output);
    const predicted = Papa.parse<Record<string, string>>(fs.readFileSync(output, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const truth = Papa.parse<Record<string, string>>(fs.readFileSync(files.test, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(result.rows).toBe(truth.length);
    expect(predicted.length).toBe(truth.length);
    expect(Object.keys(predicted[0])).toEqual(['prediction', 'proba:No', 'proba:Yes']);
    for (const row of predicted) {
      const no = Number(row['proba:No']);
      const yes = Number(row['proba:Yes']);
      expect(no + yes).toBeCloseTo(1, 5);
      expect(row.prediction).toBe(yes > no ? 'Yes' : 'No');
    }
    const auc = rocAuc(Float64Array.from(truth, (r) => (r.churn === 'Yes' ? 1 : 0)), Float64Array.from(predicted, (r) => Number(r['proba:Yes'])));
    expect(auc).toBeGreaterThan(0.8);
  });
});
