/**
 * With an iteration budget the same seed gives the same leaderboard and the same ablation table
 * (issue 5): two full runs on a 1,500-row slice of telco_churn, through the studio.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { datasetPath, tempDir } from '../../support/datasets';

describe('determinism with an iteration budget', () => {
  let dir: string;
  let studio: StudioServices;
  let file: string;

  beforeAll(() => {
    dir = tempDir();
    file = path.join(dir, 'telco-1500.csv');
    const lines = fs.readFileSync(datasetPath('telco_churn.csv'), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
    fs.writeFileSync(file, lines.slice(0, 1501).join('\n') + '\n');
    studio = createStudio({ dataDir: path.join(dir, 'data'), host: 'cli' });
  });
  afterAll(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same leaderboard and ablation table twice', async () => {
    const dataset = await studio.datasets.importPath(file);
    const runOnce = async () => {
      const { runId } = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 300, seed: 9, iterations: 4 });
      expect(await studio.runs.waitFor(runId)).toBe('succeeded');
      const report = studio.runs.get(runId).report;
      if (!report) throw new Error('no report');
      return report;
    };
    const a = await runOnce();
    const b = await runOnce();
    expect(a.refinement?.reduce((n, r) => n + r.attempts, 0)).toBeLessThanOrEqual(4);
    expect(a.ablations?.length).toBeGreaterThan(0);
    expect(b.leaderboard).toEqual(a.leaderboard);
    expect(b.ablations).toEqual(a.ablations);
    expect(b.refinement).toEqual(a.refinement);
    // The chosen solution is refit on every row, holdout included, the same way twice; its
    // holdout score is that of the fit without the holdout, so it too repeats.
    expect(b.best.holdoutScore).toBe(a.best.holdoutScore);
    for (const [pa, pb] of a.profiles.map((p, i) => [p, b.profiles[i]] as const)) {
      const doc = JSON.parse(fs.readFileSync(path.join(pa.dir, 'profile.json'), 'utf8')) as { training?: { rows: number; holdoutIncluded: boolean } };
      expect(doc.training).toEqual({ rows: a.rows.train + a.rows.holdout, holdoutIncluded: true });
      expect(fs.readFileSync(path.join(pa.dir, 'model-card.md'), 'utf8')).toContain(`Trained on all ${(1500).toLocaleString('en-US')} rows`);
      // The best-score profile is the same model twice; the others are chosen by measured latency, which load can change.
      if (pa.name === 'high-performance') expect(fs.readFileSync(path.join(pb.dir, 'model.onnx')).equals(fs.readFileSync(path.join(pa.dir, 'model.onnx')))).toBe(true);
    }
    expect(a.profiles.some((p) => p.name === 'high-performance')).toBe(true);
  }, 300_000);
});
