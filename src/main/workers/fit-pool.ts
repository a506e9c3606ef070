/**
 * Fits tree pipelines on worker threads through a piscina pool, so the main event loop never
 * blocks on a fit. Cancel with an AbortSignal: piscina rejects the task with an AbortError and
 * terminates the worker running it (a CPU-bound fit cannot poll a signal from another thread).
 *
 * The worker entry: `fit-worker.js` beside the bundled main (electron-vite builds it as an extra
 * entry, see electron.vite.config.ts); under tsx (dev, tests, CLI) the .ts source, loaded with
 * `--import tsx`.
 *
 * Granularity: a whole fit per worker; independent fits (CV folds, candidates) use both cores.
 * Inside a GBDT fit, num_threads − 1 helper threads (started by the fit, ml/trees/hist-threads.ts)
 * build histograms feature-parallel through shared memory; they are terminated with the fit, or
 * with this worker when a cancel terminates it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import { CancelledError } from '../onnx/errors';
import type { FittedPipeline } from '../ml/models/pipeline';
import { treePipelineFromJSON } from '../ml/trees/tree-pipeline';
import type { FitTask } from './fit-worker';

export type { FitTask } from './fit-worker';

function workerOptions(): { filename: string; execArgv: string[] } {
  const bundled = path.join(__dirname, 'fit-worker.js');
  if (fs.existsSync(bundled)) return { filename: bundled, execArgv: [] };
  return { filename: path.join(__dirname, 'fit-worker.ts'), execArgv: ['--import', 'tsx'] };
}

export interface FitPool {
  /** Fits in a worker; rejects with CancelledError when `signal` fires. */
  fit(task: FitTask, signal?: AbortSignal): Promise<FittedPipeline>;
  close(): Promise<void>;
}

/** A pool of `threads` workers (default: the machine's cores, at most 4). */
export function createFitPool(threads = Math.min(4, os.availableParallelism())): FitPool {
  const pool = new Piscina<FitTask, unknown>({ ...workerOptions(), minThreads: 0, maxThreads: Math.max(1, threads), idleTimeout: 30_000 });
  return {
    async fit(task, signal) {
      if (signal?.aborted) throw new CancelledError('Training was cancelled');
      try {
        return treePipelineFromJSON(await pool.run(task, { signal: signal ?? null }));
      } catch (error) {
        if (signal?.aborted) throw new CancelledError('Training was cancelled');
        throw error;
      }
    },
    close: () => pool.destroy(),
  };
}
