/**
 * Worker-thread entry of a histogram helper (hist-threads.ts starts it; electron-vite builds it
 * as its own entry, `hist-worker.js` beside the bundled main). It lives for one fit: it waits on
 * its control block with Atomics.wait, builds the feature slice it is told to into the shared
 * output histogram, publishes `done` with Atomics.store + notify, and leaves on STOP.
 *
 * Imports only histogram.ts, so it starts fast under tsx too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildFeatureRange, clearFeatureRange, createScratch, type GatherScratch, type HistogramLayout } from './histogram';
import { CTRL, CTRL_SLOTS, Command, type HelperInit } from './hist-protocol';

function serve(init: HelperInit): void {
  const ctrl = new Int32Array(init.ctrl, init.slot * CTRL_SLOTS * 4, CTRL_SLOTS);
  const layout: HistogramLayout = {
    offsets: init.offsets,
    binCounts: init.binCounts,
    totalBins: init.totalBins,
    channels: init.channels,
    stride: init.channels + 1,
    rowMajor: init.rowMajor ? { features: init.rowMajor.features, global: new Uint16Array(init.rowMajor.global) } : null,
  };
  const bins = init.bins.map((b) => new Uint8Array(b));
  const grads = init.grads.map((b) => new Float64Array(b));
  const hesses = init.hesses.map((b) => new Float64Array(b));
  const rows = new Int32Array(init.rows);
  const features = new Int32Array(init.features);
  const out = new Float64Array(init.out);
  // Gather scratch: only the column-wise kernel uses it.
  const scratch: GatherScratch = createScratch(layout.rowMajor ? 0 : rows.length, layout.channels);
  parentPort?.postMessage('ready');
  let seen = 0;
  for (;;) {
    Atomics.wait(ctrl, CTRL.seq, seen);
    const seq = Atomics.load(ctrl, CTRL.seq);
    if (seq === seen) continue;
    seen = seq;
    if (ctrl[CTRL.command] === Command.stop) break;
    try {
      const from = ctrl[CTRL.from];
      const to = ctrl[CTRL.to];
      const k = ctrl[CTRL.grad];
      clearFeatureRange(out, layout, features, from, to);
      buildFeatureRange(out, layout, bins, features, from, to, grads[k], hesses[k], rows, ctrl[CTRL.begin], ctrl[CTRL.end], scratch);
    } catch {
      ctrl[CTRL.error] = 1;
    }
    Atomics.store(ctrl, CTRL.done, seq);
    Atomics.notify(ctrl, CTRL.done);
  }
}

serve(workerData as HelperInit);
