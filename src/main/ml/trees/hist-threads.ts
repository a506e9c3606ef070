/**
 * Histogram building on helper worker threads, for one fit.
 *
 * The binned data, the gradients/hessians, the leaf row indexes and ROW_PARTS partial histograms
 * live in SharedArrayBuffers. A large build (histogram.ts PARTS_MIN_WORK) is cut into ROW_PARTS
 * contiguous row ranges; the fit's own thread publishes the job in a shared work block and wakes
 * the helpers (Atomics store + notify: no message per node); then all of them claim parts until
 * none is left (hist-protocol.ts), the fit thread waits (Atomics.wait) for the last one and sums
 * the parts in part order. The same parts and the same order are used without helpers, so a
 * histogram — and so the model — is bit-identical whatever the thread count and whoever builds
 * which part. A helper that gets no core in time (a loaded machine) costs nothing: the fit thread
 * builds the parts itself. Rows, not features, are split: with row-major bins a feature split
 * made every thread stream every row (twice the memory traffic; measured slower at 1M rows).
 *
 * Why raw worker_threads and not piscina (which workers/fit-pool.ts uses to run whole fits):
 * piscina schedules tasks with a postMessage round trip each and keeps idle threads alive in its
 * pool; here a helper serves thousands of microsecond-scale jobs per fit through shared memory
 * and must be gone when the fit ends. So helpers are started per fit (`HistThreads.start`), and
 * `close()` stops and terminates them; fits call it in `finally` (end, cancel, error). Helpers
 * are unref'd, so a forgotten one can never keep the process alive. Nested in a piscina fit
 * worker, they are terminated with it when that worker is (cancel).
 *
 * Entry: `hist-worker.js` beside the bundled main (an electron-vite entry, see
 * electron.vite.config.ts); under tsx/vitest the .ts source, through tsx's require hook.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BinnedData } from './binning';
import { buildPart, partRange, PARTS_MIN_WORK, ROW_PARTS, sumParts, useBundles, type GatherScratch, type HistogramLayout } from './histogram';
import { BuildMode, claimItem, Command, finishItem, jobTag, W, WORK_SLOTS, type HelperInit } from './hist-protocol';
import { PartMover, type MoveBuffers } from './ordered-move';
import { buildOrderedPart, type OrderedArrays } from './ordered-rows';
import type { Objective } from './objectives';
import { placeParts, splitPart, type SplitBins } from './index-partition';
import { rowPassInit, rowPassPart, type RowPassArrays, type RowPassJob } from './row-passes';

/** Fewer training rows than this: one thread (sync costs more than it saves). */
export const PARALLEL_MIN_ROWS = 20_000;
/** A helper that has not answered in this long is taken for dead. */
const HELPER_TIMEOUT_MS = 120_000;

/**
 * The bundled entry (out/main/hist-worker.js; this module may be bundled into out/main or into a
 * shared chunk in out/main/chunks), or (tsx, vitest) the .ts source through tsx's require hook,
 * as services/import-runner.ts does.
 */
function workerEntry(): { filename: string; eval: boolean } {
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const bundled = path.join(dir, 'hist-worker.js');
    if (fs.existsSync(bundled)) return { filename: bundled, eval: false };
  }
  const source = path.join(__dirname, 'hist-worker.ts');
  if (!fs.existsSync(source)) throw new Error(`The histogram worker is missing (no hist-worker.js near ${__dirname}).`);
  return { filename: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
}

/** Fits with fewer rows × features start no helper: starting one (~0.1–0.3 s under tsx) would eat the gain. */
export const HELPERS_MIN_CELLS = 1_000_000;

/** Helpers a fit with `numThreads` on `rows` rows × `features` features gets (0: the fit's thread only). */
export function helperCount(numThreads: number, rows: number, features: number): number {
  if (rows < PARALLEL_MIN_ROWS || rows * features < Math.max(PARTS_MIN_WORK, HELPERS_MIN_CELLS)) return 0;
  return Math.max(0, Math.min(numThreads, os.availableParallelism()) - 1);
}

/** Float64Array of n on a SharedArrayBuffer. */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8));
}

export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
}

/** Live helper threads of this process (for tests: none may outlive its fit). */
let liveHelpers = 0;
export function liveHistHelpers(): number {
  return liveHelpers;
}

export interface HistThreadsInput {
  helpers: number;
  data: BinnedData;
  /** Built with shared = true (its row-major bins, when present, are shared). */
  layout: HistogramLayout;
  /** Shared gradient / hessian arrays (one pair per output). */
  grads: Float64Array[];
  hesses: Float64Array[];
  /** Shared row index buffer that the grower partitions. */
  rows: Int32Array;
  /** Shared packed quantised gradients, one per output (quantize.ts), when the fit quantises. */
  packed?: Float64Array[];
  /** Shared leaf-ordered rows (ordered-rows.ts), when the fit keeps them: helpers build from and move them. */
  ordered?: { arrays: [OrderedArrays, OrderedArrays]; buffers: MoveBuffers; offsets: Int32Array } | null;
  /** The round's row passes (row-passes.ts) to share, with the objective (which must have a spec). */
  rowPass?: { objective: Objective; arrays: RowPassArrays } | null;
}

const isShared = (a: ArrayBufferView): boolean => a.buffer instanceof SharedArrayBuffer;

export class HistThreads {
  private readonly workers: Worker[] = [];
  private readonly work: Int32Array;
  private readonly features: Int32Array;
  private readonly parts: Float64Array[];
  private readonly packedParts: Float64Array[];
  private readonly goLeft = new Uint8Array(new SharedArrayBuffer(256));
  private readonly lefts = sharedInt32(3 * ROW_PARTS);
  private readonly splitLeft: Int32Array;
  private readonly splitRight: Int32Array;
  private mover: PartMover | null = null;
  /** 0, 1, …, F − 1: the feature list of a build over every feature. */
  private allFeatures: Int32Array | null = null;
  private seq = 0;
  private closed = false;
  /** Row parts built by helpers so far (for tests and diagnostics). */
  get helperItems(): number {
    return Atomics.load(this.work, W.helperParts);
  }
  readonly ready: Promise<void>;

  private constructor(private readonly input: HistThreadsInput) {
    const { layout, data, grads, hesses, rows } = input;
    const packed = input.packed ?? [];
    const ordered = input.ordered ?? null;
    const orderedArrays = ordered ? ordered.arrays.flatMap((a) => [a.bins, a.offsets, a.joint, a.packed]) : [];
    if (![...grads, ...hesses, ...packed, ...orderedArrays, rows].every(isShared) || (layout.rowMajor && !isShared(layout.rowMajor.global)) || (layout.bundles && !isShared(layout.bundles.joint))) {
      throw new Error('Histogram threads need shared gradients, hessians, rows and bins.');
    }
    const F = layout.offsets.length;
    this.features = sharedInt32(F);
    this.parts = Array.from({ length: ROW_PARTS }, () => sharedFloat64(layout.totalBins * layout.stride));
    this.packedParts = this.parts.map((p) => p.subarray(0, layout.totalBins + 1));
    this.work = sharedInt32(WORK_SLOTS);
    this.splitLeft = sharedInt32(rows.length);
    this.splitRight = sharedInt32(rows.length);
    const bins = layout.rowMajor
      ? []
      : data.bins.map((b) => {
          const s = new Uint8Array(new SharedArrayBuffer(b.length));
          s.set(b);
          return s.buffer as SharedArrayBuffer;
        });
    const init: HelperInit = {
      work: this.work.buffer as SharedArrayBuffer,
      offsets: layout.offsets,
      binCounts: layout.binCounts,
      totalBins: layout.totalBins,
      channels: layout.channels,
      rowMajor: layout.rowMajor ? { features: layout.rowMajor.features, global: layout.rowMajor.global.buffer as SharedArrayBuffer } : null,
      bundles: layout.bundles ? { ...layout.bundles, joint: layout.bundles.joint.buffer as SharedArrayBuffer } : null,
      bins,
      grads: grads.map((g) => g.buffer as SharedArrayBuffer),
      hesses: hesses.map((h) => h.buffer as SharedArrayBuffer),
      packed: packed.map((p) => p.buffer as SharedArrayBuffer),
      ordered: ordered ? { offsets: ordered.offsets.buffer as SharedArrayBuffer, buffers: ordered.buffers } : null,
      goLeft: this.goLeft.buffer as SharedArrayBuffer,
      lefts: this.lefts.buffer as SharedArrayBuffer,
      rows: rows.buffer as SharedArrayBuffer,
      splitLeft: this.splitLeft.buffer as SharedArrayBuffer,
      splitRight: this.splitRight.buffer as SharedArrayBuffer,
      features: this.features.buffer as SharedArrayBuffer,
      parts: this.parts.map((p) => p.buffer as SharedArrayBuffer),
      rowPass: input.rowPass ? rowPassInit(input.rowPass.arrays, specOf(input.rowPass.objective)) : null,
    };
    const entry = workerEntry();
    const started: Promise<void>[] = [];
    for (let h = 0; h < input.helpers; h++) {
      let worker: Worker;
      try {
        worker = new Worker(entry.filename, { eval: entry.eval, workerData: init, stdout: false, stderr: false });
      } catch (error) {
        // The helpers already started would wait for work forever: stop them before failing.
        for (const w of this.workers) void w.terminate();
        throw error;
      }
      worker.unref();
      liveHelpers++;
      worker.once('exit', () => liveHelpers--);
      this.workers.push(worker);
      started.push(
        new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`Histogram helper exited (code ${code}) before starting.`)));
        }),
      );
    }
    this.ready = Promise.all(started).then(() => undefined);
    // Reported through `ready` (awaited by the fit) or ignored once closed.
    this.ready.catch(() => undefined);
  }

  /** Starts `input.helpers` helpers; await `ready` before the first build. */
  static start(input: HistThreadsInput): HistThreads {
    return new HistThreads(input);
  }

  /**
   * Fills `hist` with the histogram of rows[begin..end) over `features`, using gradient pair
   * `k` (or, when `packed`, packed array k into a packed histogram of one number per bin), by
   * parts (histogram.ts ROW_PARTS); `scratch` is the caller's.
   */
  build(hist: Float64Array, features: Int32Array, k: number, begin: number, end: number, scratch: GatherScratch, packed = false): void {
    if (this.closed) throw new Error('Histogram threads are closed.');
    const { layout, data, grads, hesses, rows } = this.input;
    const packedGrads = this.input.packed;
    if (packed && !packedGrads) throw new Error('These histogram threads were started without packed gradients.');
    const bundled = useBundles(layout, features.length, end - begin);
    this.run(Command.build, features, bundled, begin, end, k, packed ? BuildMode.packed : BuildMode.float, (i) => {
      if (packed && packedGrads) buildPart(this.packedParts[i], layout, data.bins, features, bundled, packedGrads[k], null, rows, begin, end, i, scratch);
      else buildPart(this.parts[i], layout, data.bins, features, bundled, grads[k], hesses[k], rows, begin, end, i, scratch);
    });
    sumParts(hist, packed ? this.packedParts : this.parts);
  }

  /**
   * Fills the packed histogram `hist` (totalBins + 1 numbers) from positions [begin..end) of row
   * set `set` of the shared leaf-ordered rows; `features` null means all of them.
   */
  buildOrdered(hist: Float64Array, set: 0 | 1, features: Int32Array | null, bundled: boolean, begin: number, end: number, scratch: GatherScratch): void {
    const { layout } = this.input;
    const ordered = this.input.ordered;
    if (!ordered) throw new Error('These histogram threads were started without leaf-ordered rows.');
    const list = features ?? (this.allFeatures ??= Int32Array.from(layout.offsets, (_, f) => f));
    this.work[W.set] = set;
    this.run(Command.build, list, bundled, begin, end, 0, BuildMode.ordered, (i) => buildOrderedPart(this.packedParts[i], layout, ordered.arrays[set], features, bundled, begin, end, i, scratch.joint));
    sumParts(hist, this.packedParts);
  }

  /**
   * Partitions positions [begin..end) of row set `set` of the shared leaf-ordered rows in place
   * for a split on row cell `feature` (ordered-move.ts), in three steps of ROW_PARTS items: the
   * parts flag their rows and count their lefts; each part lists its misplaced rows; chunks of
   * the misplaced pairs are swapped. Returns the left count.
   */
  moveParts(set: 0 | 1, begin: number, end: number, feature: number, goLeft: Uint8Array): number {
    const ordered = this.input.ordered;
    if (!ordered) throw new Error('These histogram threads were started without leaf-ordered rows.');
    const mover = (this.mover ??= new PartMover(ordered.buffers));
    const lefts = this.lefts;
    const P = ROW_PARTS;
    this.goLeft.set(goLeft.subarray(0, 256));
    this.work[W.feature] = feature;
    this.work[W.set] = set;
    const none = this.features.subarray(0, 0);
    this.run(Command.count, none, false, begin, end, 0, BuildMode.ordered, (i) => {
      const [a, b] = partRange(begin, end, i);
      lefts[i] = mover.flagLeft(set, a, b, feature, this.goLeft);
    });
    let left = 0;
    for (let p = 0; p < P; p++) left += lefts[p];
    const mid = begin + left;
    // Where each part's misplaced rows go in the two lists: a part before mid holds only
    // misplaced right rows, one after it only misplaced left rows, the one across it both.
    let wrongRight = 0;
    let wrongLeft = 0;
    for (let p = 0; p < P; p++) {
      const [a, b] = partRange(begin, end, p);
      lefts[P + p] = wrongRight;
      lefts[2 * P + p] = wrongLeft;
      if (b <= mid) wrongRight += b - a - lefts[p];
      else if (a >= mid) wrongLeft += lefts[p];
      else {
        const leftBefore = mover.flaggedLeft(a, mid);
        wrongRight += mid - a - leftBefore;
        wrongLeft += lefts[p] - leftBefore;
      }
    }
    if (wrongRight !== wrongLeft) throw new Error(`Partition miscount: ${wrongRight} right rows before the split point, ${wrongLeft} left rows after it.`);
    if (wrongRight === 0) return left;
    this.work[W.mid] = mid;
    this.run(Command.collect, none, false, begin, end, 0, BuildMode.ordered, (i) => {
      const [a, b] = partRange(begin, end, i);
      mover.listMisplaced(a, b, mid, lefts[P + i], lefts[2 * P + i]);
    });
    this.run(Command.move, none, false, 0, wrongRight, 0, BuildMode.ordered, (i) => {
      const [k0, k1] = partRange(0, wrongRight, i);
      mover.swapPairs(set, k0, k1);
    });
    return left;
  }

  /**
   * Stable partition of rows[begin..end) of the shared row indexes by feature `feature`'s bin,
   * `goLeft[bin] = 1` first, by parts (index-partition.ts). Returns the first right index.
   */
  partitionRows(begin: number, end: number, feature: number, goLeft: Uint8Array): number {
    const { layout, data, rows } = this.input;
    this.goLeft.set(goLeft.subarray(0, 256));
    this.work[W.feature] = feature;
    const rm = layout.rowMajor;
    const bins: SplitBins = rm ? { global: rm.global, features: rm.features, feature, offset: layout.offsets[feature] } : { column: data.bins[feature] };
    const none = this.features.subarray(0, 0);
    this.run(Command.split, none, false, begin, end, 0, BuildMode.float, (i) => {
      this.lefts[i] = splitPart(rows, begin, end, i, bins, this.goLeft, this.splitLeft, this.splitRight);
    });
    return begin + placeParts(rows, begin, end, this.lefts, this.splitLeft, this.splitRight);
  }

  /** Runs a row-pass job (row-passes.ts) by parts on this thread and the helpers. */
  rowPass(job: RowPassJob): void {
    const rowPass = this.input.rowPass;
    if (!rowPass) throw new Error('These histogram threads were started without row passes.');
    const work = this.work;
    work[W.seed] = job.seed;
    work[W.levels] = job.levels;
    work[W.outputs] = job.outputs;
    this.run(job.command, this.features.subarray(0, 0), false, job.begin, job.end, job.k, BuildMode.float, (i) => rowPassPart(rowPass.objective, rowPass.arrays, job, i));
  }

  /** Publishes one job, does parts on this thread until none is left, and waits for the helpers'. */
  private run(command: number, features: Int32Array, bundled: boolean, begin: number, end: number, k: number, mode: number, partHere: (i: number) => void): void {
    if (this.closed) throw new Error('Histogram threads are closed.');
    const work = this.work;
    const items = ROW_PARTS;
    this.features.set(features);
    work[W.command] = command;
    work[W.items] = items;
    work[W.featureCount] = features.length;
    work[W.bundled] = bundled ? 1 : 0;
    work[W.begin] = begin;
    work[W.end] = end;
    work[W.grad] = k;
    work[W.mode] = mode;
    Atomics.store(work, W.done, 0);
    const seq = ++this.seq;
    const tag = jobTag(seq);
    Atomics.store(work, W.next, tag);
    Atomics.store(work, W.seq, seq);
    Atomics.notify(work, W.seq);
    for (let i = claimItem(work, tag, items); i >= 0; i = claimItem(work, tag, items)) {
      partHere(i);
      finishItem(work, items);
    }
    awaitDone(work, items);
    if (work[W.error] !== 0) throw new Error('A histogram helper failed.');
  }

  /** Stops and terminates every helper (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.work[W.command] = Command.stop;
    Atomics.store(this.work, W.seq, ++this.seq);
    Atomics.notify(this.work, W.seq);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function specOf(objective: Objective): NonNullable<Objective['spec']> {
  if (!objective.spec) throw new Error(`The ${objective.name} objective cannot be rebuilt on a helper thread (no spec).`);
  return objective.spec;
}

/** Blocks until all `items` of the current job are finished (Atomics.wait, or a spin where waiting is not allowed). */
function awaitDone(work: Int32Array, items: number): void {
  const started = Date.now();
  for (;;) {
    const done = Atomics.load(work, W.done);
    if (done === items) return;
    try {
      Atomics.wait(work, W.done, done, 1000);
    } catch {
      // Atomics.wait is not allowed on this thread (a browser-like main thread): spin.
    }
    if (Date.now() - started > HELPER_TIMEOUT_MS) throw new Error('A histogram helper stopped responding.');
  }
}
