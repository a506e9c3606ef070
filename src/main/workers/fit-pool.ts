/**
 * Fits on worker threads through a piscina pool, so the main event loop never blocks on a fit.
 * Cancel with an AbortSignal: piscina rejects the task with an AbortError and terminates the
 * worker running it (a CPU-bound fit cannot poll a signal from another thread); the error comes
 * back as CancelledError. A fit's own error comes back with its message.
 *
 * The worker entry: `fit-worker.js` beside the bundled main (electron-vite builds it as an extra
 * entry, see electron.vite.config.ts); under tsx (dev, tests, CLI) the .ts source, loaded with
 * `--import tsx`.
 *
 * Granularity: a whole fit per worker; independent fits (CV folds) run at once, up to the pool's
 * size. A run owns one pool (run-executor.ts) and shares its training frame with the workers
 * once ({@link shareFrame}: columns in SharedArrayBuffers), so a fold fit does not copy the data.
 * Inside a GBDT fit, num_threads − 1 helper threads (started by the fit, ml/trees/hist-threads.ts)
 * build histograms through shared memory; they are terminated with the fit, or with this worker
 * when a cancel terminates it. Fold fits running side by side get num_threads = 1
 * (workflow/cross-validate.ts), so the two levels of threading do not fight.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import { CancelledError } from '../onnx/errors';
import type { Column, Frame } from '../ml/frame';
import type { FittedPipeline } from '../ml/models/pipeline';
import { treePipelineFromJSON } from '../ml/trees/tree-pipeline';
import type { FitTask, FoldFitResult, FoldFitTask } from './fit-worker';

export type { FitTask, FoldFitResult, FoldFitTask, TreeCandidate } from './fit-worker';

function workerOptions(): { filename: string; execArgv: string[] } {
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const bundled = path.join(dir, 'fit-worker.js');
    if (fs.existsSync(bundled)) return { filename: bundled, execArgv: [] };
  }
  return { filename: path.join(__dirname, 'fit-worker.ts'), execArgv: ['--import', 'tsx'] };
}

export interface FitPool {
  /** How many fits may run at once. */
  readonly size: number;
  /** Worker threads alive now (0 once closed). */
  readonly threads: number;
  /** Fits a tree pipeline in a worker; rejects with CancelledError when `signal` fires. */
  fit(task: FitTask, signal?: AbortSignal): Promise<FittedPipeline>;
  /** Fits one tree candidate on some rows of a shared frame and predicts others; rejects with CancelledError when `signal` fires. */
  fitFold(task: FoldFitTask, signal?: AbortSignal): Promise<FoldFitResult>;
  close(): Promise<void>;
}

const openPools = new Set<FitPool>();

/** Worker threads alive now in every open fit pool of this process (a cancelled run leaves none). */
export function fitWorkerThreads(): number {
  let n = 0;
  for (const pool of openPools) n += pool.threads;
  return n;
}

/**
 * The default pool size: every core but one (the main thread's) on machines with 4 or more; none
 * (fits in-process) below that, where measured runs were slower with the pool (2 loaded cores:
 * a 5-fold gbdt CV 9.6 s with a pool of 2 vs 6.9 s in-process) and gbdt already yields to the
 * event loop after every boosting round.
 */
export const defaultFitThreads = (): number => {
  const cores = os.availableParallelism();
  return cores >= 4 ? cores - 1 : 0;
};

/** A pool of up to `threads` workers, started on demand (a run sizes it with defaultFitThreads()). */
export function createFitPool(threads = Math.min(4, os.availableParallelism())): FitPool {
  const size = Math.max(1, Math.floor(threads));
  const pool = new Piscina({ ...workerOptions(), minThreads: 0, maxThreads: size, idleTimeout: 30_000, atomics: 'disabled' });
  let closed = false;
  async function run<T>(task: unknown, name: string, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted || closed) throw new CancelledError('Training was cancelled');
    try {
      return (await pool.run(task, { name, signal: signal ?? null })) as T;
    } catch (error) {
      if (signal?.aborted) throw new CancelledError('Training was cancelled');
      throw error instanceof Error ? error : new Error(String(error));
    }
  }
  const handle: FitPool = {
    size,
    get threads() {
      return closed ? 0 : pool.threads.length;
    },
    fit: async (task, signal) => treePipelineFromJSON(await run(task, 'default', signal)),
    fitFold: (task, signal) => run<FoldFitResult>(task, 'fitFold', signal),
    async close() {
      if (closed) return;
      closed = true;
      openPools.delete(handle);
      await pool.destroy();
    },
  };
  openPools.add(handle);
  return handle;
}

/**
 * Copies a frame's columns (and a target) once into SharedArrayBuffers: the copy crosses into
 * workers by reference, so every task of a run can carry it without copying the data again.
 */
export function shareFrame(frame: Frame, y: Float64Array): { features: Frame; y: Float64Array } {
  const columns = frame.columns.map((c): Column => (c.kind === 'numeric' ? { ...c, values: shared(c.values, Float64Array) } : { ...c, codes: shared(c.codes, Int32Array) }));
  return { features: { rowCount: frame.rowCount, columns }, y: shared(y, Float64Array) };
}

function shared<T extends Float64Array | Int32Array>(values: T, Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const out = new Type(new SharedArrayBuffer(values.length * Type.BYTES_PER_ELEMENT));
  out.set(values);
  return out;
}
