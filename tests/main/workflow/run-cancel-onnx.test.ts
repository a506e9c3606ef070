/**
 * Cancelling a run while ONNX Runtime trains a linear model or an MLP leaves no ONNX session
 * open (each holds native memory and threads until released), and neither does a run that
 * finishes; the fit workers are checked in run-cancel-workers.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { liveOnnxSessions } from '../../../src/main/onnx/session';
import { fitWorkerThreads } from '../../../src/main/workers/fit-pool';
import { datasetPath, tempDir } from '../../support/datasets';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('ONNX sessions after a cancel', () => {
  let dir: string;
  let studio: StudioServices;
  beforeAll(() => {
    dir = tempDir('mlestar-cancel-onnx-');
    studio = createStudio({ dataDir: path.join(dir, 'data'), host: 'cli' });
  });
  afterAll(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('releases every session when a run is cancelled mid-training, at 3 points', async () => {
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    let caught = 0;
    for (const [i, extraMs] of [0, 40, 150].entries()) {
      const { runId } = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 60, seed: 10 + i });
      const until = Date.now() + 60_000;
      while (liveOnnxSessions() === 0 && Date.now() < until && studio.runs.get(runId).status === 'running') await sleep(2);
      if (liveOnnxSessions() > 0) caught++;
      await sleep(extraMs);
      studio.runs.cancel(runId);
      expect(await studio.runs.waitFor(runId)).toBe('cancelled');
      expect(liveOnnxSessions(), `sessions left after cancel ${i + 1}`).toBe(0);
      expect(fitWorkerThreads()).toBe(0);
    }
    console.log(`ONNX sessions: ${caught} of 3 cancels landed while a session was open; 0 left after each`);
    expect(caught).toBeGreaterThan(0);
  }, 120_000);

  it('leaves none open after a run that finishes', async () => {
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    const { runId } = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 6, seed: 1 });
    expect(await studio.runs.waitFor(runId)).toBe('succeeded');
    expect(liveOnnxSessions()).toBe(0);
  }, 60_000);
});
