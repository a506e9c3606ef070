/**
 * Worker-thread entry of a histogram helper (hist-threads.ts starts it; electron-vite builds it
 * as its own entry, `hist-worker.js` beside the bundled main). It lives for one fit: it waits on
 * the shared work block with Atomics.wait, claims row parts of the current job (hist-protocol.ts)
 * and builds each into its shared partial histogram, and leaves on STOP.
 *
 * Imports only the histogram, row-move, row-pass, objective and protocol modules, so it starts
 * fast under tsx too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildPart, createScratch, partRange, ROW_PARTS, type HistogramLayout } from './histogram';
import { BuildMode, claimItem, Command, finishItem, jobTag, W, WORK_SLOTS, type HelperInit } from './hist-protocol';
import { PartMover } from './ordered-move';
import { buildOrderedPart, orderedArrays, type OrderedArrays } from './ordered-rows';
import { createObjective } from './objectives';
import { rowPassArrays, rowPassPart } from './row-passes';
import { splitPart, type SplitBins } from './index-partition';
import { lowerTrainingThreadPriority } from '../priority';

function serve(init: HelperInit): void {
  const work = new Int32Array(init.work, 0, WORK_SLOTS);
  const layout: HistogramLayout = {
    offsets: init.offsets,
    binCounts: init.binCounts,
    totalBins: init.totalBins,
    channels: init.channels,
    stride: init.channels + 1,
    rowMajor: init.rowMajor ? { features: init.rowMajor.features, global: new Uint16Array(init.rowMajor.global) } : null,
    bundles: init.bundles ? { ...init.bundles, joint: new Uint16Array(init.bundles.joint) } : null,
  };
  const bins = init.bins.map((b) => new Uint8Array(b));
  const grads = init.grads.map((b) => new Float64Array(b));
  const hesses = init.hesses.map((b) => new Float64Array(b));
  const packed = init.packed.map((b) => new Float64Array(b));
  const rows = new Int32Array(init.rows);
  const features = new Int32Array(init.features);
  const parts = init.parts.map((b) => new Float64Array(b));
  const packedParts = parts.map((p) => p.subarray(0, layout.totalBins + 1));
  const o = init.ordered;
  const ordered: [OrderedArrays, OrderedArrays] | null = o ? [orderedArrays(o.buffers, 0, o.offsets), orderedArrays(o.buffers, 1, o.offsets)] : null;
  const mover = o ? new PartMover(o.buffers) : null;
  const goLeft = new Uint8Array(init.goLeft);
  const splitLeft = new Int32Array(init.splitLeft);
  const splitRight = new Int32Array(init.splitRight);
  const lefts = new Int32Array(init.lefts);
  // Gather scratch: only the column-wise kernel uses it.
  const scratch = createScratch(layout.rowMajor ? 0 : rows.length, layout.channels, layout);
  const rp = init.rowPass;
  const rowPass = rp ? { objective: createObjective(rp.objective.name, rp.objective.classCount, rp.objective.huberDelta), arrays: rowPassArrays(rp) } : null;
  parentPort?.postMessage('ready');
  let seen = 0;
  for (;;) {
    Atomics.wait(work, W.seq, seen);
    const seq = Atomics.load(work, W.seq);
    if (seq === seen) continue;
    seen = seq;
    if (work[W.command] === Command.stop) break;
    const tag = jobTag(seq);
    const items = work[W.items];
    for (let i = claimItem(work, tag, items); i >= 0; i = claimItem(work, tag, items)) {
      // Read the job only once a part of it is claimed: the fit thread cannot post the next job
      // while a claimed part is unfinished, so these are this job's fields even if the tag has
      // wrapped around (it keeps 15 bits of seq) while this thread was descheduled.
      try {
        doPart(i);
      } catch {
        work[W.error] = 1;
      }
      Atomics.add(work, W.helperParts, 1);
      finishItem(work, items);
    }
  }

  /** Part i of the current job: a row pass, a partition step or a histogram build. */
  function doPart(i: number): void {
    const command = work[W.command];
    const begin = work[W.begin];
    const end = work[W.end];
    const set = work[W.set] === 1 ? 1 : 0;
    if (command === Command.gradients || command === Command.quantize || command === Command.scores || command === Command.renew) {
      if (!rowPass) throw new Error('no row passes');
      rowPassPart(rowPass.objective, rowPass.arrays, { command, begin, end, k: work[W.grad], seed: work[W.seed], levels: work[W.levels], outputs: work[W.outputs] }, i);
      return;
    }
    if (command === Command.split) {
      const f = work[W.feature];
      const rm = layout.rowMajor;
      const splitBins: SplitBins = rm ? { global: rm.global, features: rm.features, feature: f, offset: layout.offsets[f] } : { column: bins[f] };
      lefts[i] = splitPart(rows, begin, end, i, splitBins, goLeft, splitLeft, splitRight);
      return;
    }
    if (command === Command.count || command === Command.collect || command === Command.move) {
      if (!mover) throw new Error('no leaf-ordered rows');
      const [a, b] = partRange(begin, end, i);
      if (command === Command.count) lefts[i] = mover.flagLeft(set, a, b, work[W.feature], goLeft);
      else if (command === Command.collect) mover.listMisplaced(a, b, work[W.mid], lefts[ROW_PARTS + i], lefts[2 * ROW_PARTS + i]);
      else mover.swapPairs(set, a, b);
      return;
    }
    const list = features.subarray(0, work[W.featureCount]);
    const bundled = work[W.bundled] === 1;
    const k = work[W.grad];
    const mode = work[W.mode];
    if (mode === BuildMode.ordered && ordered) {
      const all = list.length === layout.offsets.length;
      buildOrderedPart(packedParts[i], layout, ordered[set], all ? null : list, bundled, begin, end, i, scratch.joint);
    } else if (mode === BuildMode.packed) buildPart(packedParts[i], layout, bins, list, bundled, packed[k], null, rows, begin, end, i, scratch);
    else buildPart(parts[i], layout, bins, list, bundled, grads[k], hesses[k], rows, begin, end, i, scratch);
  }
}

// A helper trains: below the window's priority (MLESTAR_TRAIN_PRIORITY, ml/priority.ts).
lowerTrainingThreadPriority();
serve(workerData as HelperInit);
