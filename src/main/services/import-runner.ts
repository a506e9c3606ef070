/**
 * Runs an import job (ml/io/import-job.ts) in a worker thread, so parsing a million rows never
 * stalls the event loop that serves the window; relays its progress and cancels it by
 * terminating the worker.
 *
 * The worker's entry is `import-worker.js` beside the bundled main (electron-vite builds it as a
 * second entry); from the TypeScript sources (tsx, vitest) the entry is the `.ts` file loaded
 * through tsx's require hook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataError, type DataErrorCode } from '../ml/data-error';
import type { ImportJobInput, ImportJobOutput, ImportJobProgress } from '../ml/io/import-job';
import type { ImportWorkerMessage } from '../ml/io/import-worker';

/** A running import. */
export interface ImportHandle {
  promise: Promise<ImportJobOutput>;
  /** Stops the worker; `promise` then rejects with a CANCELLED DataError once it has stopped. */
  cancel(): void;
}

function createWorker(input: ImportJobInput): Worker {
  const bundled = path.join(__dirname, 'import-worker.js');
  if (fs.existsSync(bundled)) return new Worker(bundled, { workerData: input });
  const source = path.resolve(__dirname, '../ml/io/import-worker.ts');
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

/** Starts `input` in a worker; `onProgress` gets its (throttled) progress. */
export function startImport(input: ImportJobInput, onProgress: (p: ImportJobProgress) => void): ImportHandle {
  let worker: Worker;
  let cancel = (): void => {};
  const promise = new Promise<ImportJobOutput>((resolve, reject) => {
    worker = createWorker(input);
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    // A cancel settles only once the worker has stopped, so the caller's cleanup (removing the
    // dataset folder) never races a worker still writing the cache file there.
    let cancelling = false;
    const cancelled = (): DataError => new DataError('CANCELLED', `Importing "${input.fileName}" was cancelled.`, { file: input.fileName });
    cancel = () => {
      if (settled || cancelling) return;
      cancelling = true;
      void worker.terminate();
    };
    worker.on('message', (message: ImportWorkerMessage) => {
      if (cancelling) return;
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.output));
      else {
        const e = message.error;
        settle(() =>
          reject(e.name === 'DataError' ? new DataError(e.code as DataErrorCode, e.message, { file: e.file, row: e.row, column: e.column }, { fitRows: e.fitRows }) : new Error(e.message)),
        );
      }
    });
    worker.on('error', (e) => settle(() => reject(cancelling ? cancelled() : e)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(
          cancelling
            ? cancelled()
            : new Error(`The import of "${input.fileName}" stopped unexpectedly (worker exit code ${code}); the file may be too large for this machine's memory.`),
        ),
      ),
    );
  });
  return { promise, cancel: () => cancel() };
}
