/**
 * Cancelling a run while its cross-validation fits folds on the run's worker threads: the run
 * ends `cancelled`, and no fit worker (nor any OS thread it started: histogram helpers, ONNX
 * Runtime's pools) outlives it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { fitWorkerThreads } from '../../../src/main/workers/fit-pool';
import { datasetPath, tempDir } from '../../support/datasets';

const osThreads = (): number => fs.readdirSync('/proc/self/task').length;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('cancelling a run mid-cross-validation', () => {
  let dir: string;
  let studio: StudioServices;
  const threadsBefore = process.env.MLESTAR_FIT_THREADS;
  beforeAll(() => {
    // The pool is off by default below 4 cores; this test is about the pool, so it asks for one.
    process.env.MLESTAR_FIT_THREADS = '2';
    dir = tempDir('mlestar-cancel-workers-');
    studio = createStudio({ dataDir: path.join(dir, 'data'), host: 'cli' });
  });
  afterAll(async () => {
    if (threadsBefore === undefined) delete process.env.MLESTAR_FIT_THREADS;
    else process.env.MLESTAR_FIT_THREADS = threadsBefore;
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no fit worker thread behind', async () => {
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    await sleep(50);
    const threadsBefore = osThreads();
    const { runId } = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 120, seed: 3 });
    // Wait for a fold fit on a worker.
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const cv = studio.runs.get(runId).tasks.some((t) => t.status === 'running' && t.name.startsWith('cross-validate'));
      if (cv && fitWorkerThreads() > 0) break;
      await sleep(20);
    }
    expect(fitWorkerThreads()).toBeGreaterThan(0);
    await sleep(200);
    studio.runs.cancel(runId);
    expect(await studio.runs.waitFor(runId)).toBe('cancelled');
    expect(fitWorkerThreads()).toBe(0);
    // The OS threads of the terminated workers go too (they exit a moment after terminate()).
    const settled = Date.now() + 3000;
    while (osThreads() > threadsBefore && Date.now() < settled) await sleep(50);
    console.log(`OS threads: ${threadsBefore} before the run, ${osThreads()} after the cancel`);
    expect(osThreads()).toBeLessThanOrEqual(threadsBefore);
  }, 90_000);
});
