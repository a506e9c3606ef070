/**
 * The shared-memory protocol between a fit's thread and its histogram helpers (hist-threads.ts,
 * hist-worker.ts): one Int32 work block in a SharedArrayBuffer, shared by all of them.
 *
 * A build is cut into ROW_PARTS work items (histogram.ts: contiguous row ranges, each built into
 * its own shared partial histogram, summed in part order by the fit thread). The fit thread publishes the job's parameters, resets the counters and bumps `seq`
 * (notifying the helpers); then every thread, the fit's included, claims items one at a time
 * with a compare-exchange on `next`, which carries the job's tag in its high bits so a helper
 * that wakes late can never claim an item of a job that is over. A helper that gets no core in
 * time costs nothing: the fit thread claims the items itself.
 */
import type { Bundles } from './histogram';
import type { MoveBuffers } from './ordered-move';
import type { ObjectiveSpec } from './objectives';

/** A typed array's place in a SharedArrayBuffer, to rebuild the same view on a helper. */
export interface SharedView {
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
}

export function sharedView(a: Float64Array | Int32Array): SharedView {
  if (!(a.buffer instanceof SharedArrayBuffer)) throw new Error('A helper thread can only see shared arrays.');
  return { buffer: a.buffer, byteOffset: a.byteOffset, length: a.length };
}

/** The row-pass arrays (row-passes.ts RowPassArrays) as shared views, and the objective to rebuild. */
export interface RowPassInit {
  objective: ObjectiveSpec;
  y: SharedView;
  scores: SharedView;
  rows: SharedView;
  grads: SharedView[];
  hesses: SharedView[];
  packed: SharedView[];
  classWeights: SharedView | null;
  rowWeights: SharedView | null;
  partMax: SharedView;
  leaves: SharedView;
  leafSums: SharedView;
}

/** Slot indexes in the work block. */
export const W = {
  /** Job sequence number: bumped (and notified) to wake the helpers. */
  seq: 0,
  command: 1,
  /** (tag << 16) | next unclaimed item; tag = seq & 0x7fff. */
  next: 2,
  /** Items finished (notified when it reaches `items`). */
  done: 3,
  items: 4,
  /** Number of features in the shared list. */
  featureCount: 5,
  /** 1: the build goes through the bundles (histogram.ts useBundles). */
  bundled: 6,
  begin: 7,
  end: 8,
  /** Which gradient/hessian pair (the output k of a multiclass booster). */
  grad: 9,
  /** Set to 1 by a helper whose build threw. */
  error: 10,
  /** Row parts built by helpers (all jobs; diagnostics and tests). */
  helperParts: 11,
  /** What a build reads: BuildMode. */
  mode: 12,
  /** The row cell a split decides by (Command.count). */
  feature: 13,
  /** The row set a leaf-ordered build reads or a move reads from (ordered-move.ts). */
  set: 14,
  /** Row passes (row-passes.ts): the round's rounding seed, quantisation levels, score outputs. */
  seed: 15,
  levels: 16,
  outputs: 17,
  /** A leaf-ordered split's first right position (Command.collect). */
  mid: 18,
} as const;

/** Float [g, h] pairs by row index; packed quantised values by row index; leaf-ordered rows. */
export const BuildMode = { float: 0, packed: 1, ordered: 2 } as const;

export const WORK_SLOTS = 19;

/**
 * build: histogram parts; a leaf-ordered split in place (ordered-move.ts) — count: each part flags
 * its rows' sides and counts its left rows; collect: each part lists its misplaced rows; move: a
 * chunk of the misplaced pairs is swapped; gradients, quantize, renew, scores: the row passes
 * of a round (row-passes.ts); split: each part of a row-index partition (index-partition.ts); stop.
 */
export const Command = { build: 1, stop: 2, count: 3, move: 4, gradients: 5, quantize: 6, scores: 7, split: 8, renew: 9, collect: 10 } as const;

export const jobTag = (seq: number): number => (seq & 0x7fff) << 16;

/**
 * Claims the next item of the job tagged `tag`, or returns −1 when the job has none left (or is
 * over).
 */
export function claimItem(work: Int32Array, tag: number, items: number): number {
  for (;;) {
    const v = Atomics.load(work, W.next);
    if ((v & 0x7fff0000) !== tag) return -1;
    const i = v & 0xffff;
    if (i >= items) return -1;
    if (Atomics.compareExchange(work, W.next, v, v + 1) === v) return i;
  }
}

/** Marks `count` items finished (waking the fit thread on the last one). */
export function finishItem(work: Int32Array, items: number, count = 1): void {
  if (Atomics.add(work, W.done, count) + count === items) Atomics.notify(work, W.done);
}

/** workerData of a helper: every array is a view of a SharedArrayBuffer. */
export interface HelperInit {
  work: SharedArrayBuffer;
  offsets: Int32Array;
  binCounts: Int32Array;
  totalBins: number;
  channels: number;
  rowMajor: { features: number; global: SharedArrayBuffer } | null;
  /** histogram.ts Bundles with `joint` as its shared buffer. */
  bundles: (Omit<Bundles, 'joint'> & { joint: SharedArrayBuffer }) | null;
  /** Column bins (used when rowMajor is null). */
  bins: SharedArrayBuffer[];
  grads: SharedArrayBuffer[];
  hesses: SharedArrayBuffer[];
  /** Float64 packed quantised gradients, one per output (empty when the fit does not quantise). */
  packed: SharedArrayBuffer[];
  /** The fit's leaf-ordered rows (ordered-rows.ts, ordered-move.ts; buffers shared), when it has them. */
  ordered: { offsets: SharedArrayBuffer; buffers: MoveBuffers } | null;
  /** Uint8 × 256: the bins a move sends left. */
  goLeft: SharedArrayBuffer;
  /** Int32 × 3·ROW_PARTS: each part's left count, then where its misplaced right rows are listed, then its misplaced left rows. */
  lefts: SharedArrayBuffer;
  rows: SharedArrayBuffer;
  /** Int32 × rows: where index-partition parts write their left and right rows. */
  splitLeft: SharedArrayBuffer;
  splitRight: SharedArrayBuffer;
  /** Int32 feature list of the current tree. */
  features: SharedArrayBuffer;
  /** Float64 partial histograms, one per row part. */
  parts: SharedArrayBuffer[];
  /** The round's row passes, when the fit shares them with its helpers. */
  rowPass: RowPassInit | null;
}
