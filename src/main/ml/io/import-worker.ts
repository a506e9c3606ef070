/**
 * Worker-thread entry of an import (see import-job.ts): receives the job as workerData, posts
 * throttled progress messages, then the result with the frame's arrays transferred (not copied),
 * or the error as data. Cancel is `worker.terminate()`; the main side removes the partial file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isDataError } from '../data-error';
import { type ImportJobInput, type ImportJobProgress, runImportJob } from './import-job';

/** Messages from the import worker. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportJobProgress }
  | { type: 'done'; output: Awaited<ReturnType<typeof runImportJob>> }
  | { type: 'error'; error: { name: string; code: string; message: string; file?: string; row?: number; column?: string; fitRows?: number } };

const PROGRESS_MS = 100;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  let last = 0;
  try {
    const output = await runImportJob(workerData as ImportJobInput, (progress) => {
      const now = performance.now();
      if (progress.stage === 'reading' && now - last < PROGRESS_MS) return;
      last = now;
      port.postMessage({ type: 'progress', progress } satisfies ImportWorkerMessage);
    });
    const transfer = new Set<ArrayBuffer>();
    for (const c of output.frame.columns) transfer.add((c.kind === 'numeric' ? c.values.buffer : c.codes.buffer) as ArrayBuffer);
    port.postMessage({ type: 'done', output } satisfies ImportWorkerMessage, [...transfer]);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    const data = isDataError(error) ? { code: error.code, file: error.file, row: error.row, column: error.column, fitRows: error.fitRows } : { code: 'INTERNAL' };
    port.postMessage({ type: 'error', error: { name: error.name, message: error.message, ...data } } satisfies ImportWorkerMessage);
  }
}

void main();
