/**
 * Leaf-ordered rows: the per-row data of a single-output boosting fit (bins, the bundles' joint
 * cells, the packed quantised gradient, the exact gradient and hessian, the target, the raw
 * score and the row's index) kept in
 * the order of the current tree's leaves, so that every leaf is one contiguous run of memory.
 *
 * Why: with row indexes into the original order, a leaf deep in a tree touches its rows
 * scattered over the whole table, one cache miss per row; at 800k × 20 such histogram builds ran
 * at 120–230 ns per row against 25 ns for the same kernel on consecutive rows, and gathering
 * gradients and updating scores through the indexes cost as much again. Here a split moves its
 * leaf's rows (an in-place partition: left rows first, ordered-move.ts), and everything else (the
 * builds, gradients, quantising, leaf renewal, score updates) is a sequential scan; a build can
 * be cut into row parts for helper threads (they see the bins, joint cells and packed values).
 * Used only where the row-major bins outgrow the caches (gbdt.ts ORDERED_MIN_BYTES): on tables
 * that fit, moving whole rows cost more than the misses it saved.
 *
 * Bins are the features' local bins (Uint8), rows padded to a multiple of four cells so kernels
 * add four cells per step; a padding cell has bin 0 at offset `totalBins`, a trash cell past
 * the real ones that nobody reads (joint padding: cell `totalCells`). Moves: ordered-move.ts.
 */
import type { HistogramLayout } from './histogram';
import { marginalizePacked, partRange } from './histogram';
import { allocateMoveBuffers, PartMover, rowSetViews, type MoveBuffers } from './ordered-move';

/** What a histogram build reads; views of SharedArrayBuffers when helpers share them. */
export interface OrderedArrays {
  /** Cells per row of `bins` (features padded to a multiple of 4). */
  width: number;
  /** Position-major local bins, `width` per row. */
  bins: Uint8Array;
  /** Histogram offset of each cell of a row (layout.offsets; padding → totalBins). */
  offsets: Int32Array;
  /** Cells per row of `joint` (slots padded to a multiple of 4), 0 without bundles. */
  jointWidth: number;
  /** Position-major joint cells of the bundles, padding = totalCells; empty without bundles. */
  joint: Uint16Array;
  /** Packed quantised gradient at each position (quantize.ts). */
  packed: Float64Array;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * Adds positions [begin..end) into `hist` (packed, totalBins + 1 numbers; not zeroed here).
 * `features` null: every feature; else only those (a sampled subset). `bundled`: through the
 * joint cells (`joint` is scratch of totalCells + 1 numbers), as histogram.ts useBundles decides.
 */
export function buildOrderedRange(
  hist: Float64Array,
  layout: HistogramLayout,
  o: OrderedArrays,
  features: Int32Array | null,
  bundled: boolean,
  begin: number,
  end: number,
  joint: Float64Array,
): void {
  const { packed } = o;
  const bundles = layout.bundles;
  if (bundled && bundles) {
    const codes = o.joint;
    const W = o.jointWidth;
    joint.fill(0, 0, bundles.totalCells + 1);
    for (let i = begin; i < end; i++) {
      const v = packed[i];
      const base = i * W;
      for (let s = 0; s < W; s += 4) {
        joint[codes[base + s]] += v;
        joint[codes[base + s + 1]] += v;
        joint[codes[base + s + 2]] += v;
        joint[codes[base + s + 3]] += v;
      }
    }
    marginalizePacked(hist, bundles, 0, bundles.slots, joint);
    return;
  }
  const { bins, offsets } = o;
  const W = o.width;
  if (!features) {
    allFeaturesKernel(o, layout.offsets.length)(hist, bins, packed, begin, end);
    return;
  }
  const k = features.length;
  for (let i = begin; i < end; i++) {
    const v = packed[i];
    const base = i * W;
    for (let j = 0; j < k; j++) {
      const f = features[j];
      hist[offsets[f] + bins[base + f]] += v;
    }
  }
}

type OrderedKernel = (hist: Float64Array, bins: Uint8Array, packed: Float64Array, begin: number, end: number) => void;
const kernels = new WeakMap<Int32Array, OrderedKernel>();

/**
 * The build of every feature, generated for this layout: each cell's histogram offset is a
 * constant in the code and the loop over a row's cells is unrolled (padding cells, which only
 * feed the trash cell, are left out). Measured at 800k × 20: 8 ns a row against 25 ns for the
 * loop that reads the offsets. Only numbers are spliced into the source.
 */
function allFeaturesKernel(o: OrderedArrays, features: number): OrderedKernel {
  let kernel = kernels.get(o.offsets);
  if (!kernel) {
    const adds = Array.from({ length: features }, (_, f) => `hist[${o.offsets[f] | 0} + bins[base + ${f}]] += v;`).join('\n      ');
    const source = `
    for (let i = begin; i < end; i++) {
      const v = packed[i];
      const base = i * ${o.width | 0};
      ${adds}
    }`;
    kernel = new Function('hist', 'bins', 'packed', 'begin', 'end', source) as OrderedKernel;
    kernels.set(o.offsets, kernel);
  }
  return kernel;
}

/** Builds row part i of positions [begin..end) into `part` (zeroed here). */
export function buildOrderedPart(part: Float64Array, layout: HistogramLayout, o: OrderedArrays, features: Int32Array | null, bundled: boolean, begin: number, end: number, i: number, joint: Float64Array): void {
  part.fill(0);
  const [a, b] = partRange(begin, end, i);
  buildOrderedRange(part, layout, o, features, bundled, a, b, joint);
}

/** The build view of row set `set` (`offsets`: the Int32 cell offsets, OrderedArrays.offsets). */
export function orderedArrays(b: MoveBuffers, set: 0 | 1, offsets: ArrayBufferLike): OrderedArrays {
  const n = b.rowCount;
  const s = b.sets[set];
  return {
    width: b.width,
    bins: new Uint8Array(s.bins, 0, n * b.width),
    offsets: new Int32Array(offsets, 0, b.width),
    jointWidth: b.jointWidth,
    joint: new Uint16Array(s.joint, 0, n * b.jointWidth),
    packed: new Float64Array(s.packed, 0, n),
  };
}

/** Positions a split moves on helper threads when given (fewer: this thread alone). */
export const PARALLEL_MOVE_MIN_ROWS = 32_768;

/** Where a parallel move is done: the fit's helper threads (hist-threads.ts). */
export interface MoveThreads {
  /**
   * Partitions [begin..end) of set `set` in place in ROW_PARTS parts (histogram.ts partRange),
   * as `PartMover.partitionAlone` would; returns the left count.
   */
  moveParts(set: 0 | 1, begin: number, end: number, feature: number, goLeft: Uint8Array): number;
}

/**
 * The leaf-ordered rows of one single-output fit (ordered-move.ts). Every row is in row set 0,
 * where `rows`, `y` and `score` are read and written; set 1 is the scratch of bagging.
 */
export class OrderedRows {
  /** The build view of each set. */
  readonly arrays: [OrderedArrays, OrderedArrays];
  /** The buffers every thread's mover works on. */
  readonly buffers: MoveBuffers;
  /** The Int32 cell offsets (OrderedArrays.offsets), for helpers. */
  readonly offsets: Int32Array;
  /** Original row index at each position (set 0). */
  readonly rows: Int32Array;
  /** Target at each position (set 0). */
  readonly y: Float64Array;
  /** Raw score at each position (set 0; single output). */
  readonly score: Float64Array;
  /** Exact gradient and hessian at each position (set 0): a split moves them with the rows. */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** 0, 1, 2, …: positions as a row list, for objectives called on position-ordered arrays. */
  readonly identity: Int32Array;
  private readonly flags: Uint8Array;
  private readonly mover: PartMover;

  /**
   * `train`: the rows, in their starting order; `y` and `init` by row index. `shared`: the
   * arrays live in SharedArrayBuffers (helper threads build from them and move them).
   */
  constructor(layout: HistogramLayout, data: { bins: readonly Uint8Array[] }, train: Int32Array, y: Float64Array, init: number, shared: boolean) {
    const n = train.length;
    const F = layout.offsets.length;
    const width = pad4(F);
    const bundles = layout.bundles;
    const G = bundles ? bundles.slots : 0;
    const jointWidth = bundles ? pad4(G) : 0;
    const b = allocateMoveBuffers(n, width, jointWidth, shared);
    this.buffers = b;
    this.offsets = new Int32Array(shared ? new SharedArrayBuffer(width * 4) : new ArrayBuffer(width * 4));
    this.offsets.fill(layout.totalBins);
    this.offsets.set(layout.offsets);
    this.arrays = [orderedArrays(b, 0, this.offsets.buffer), orderedArrays(b, 1, this.offsets.buffer)];
    const { bins, joint } = this.arrays[0];
    for (let f = 0; f < F; f++) {
      const col = data.bins[f];
      for (let i = 0; i < n; i++) bins[i * width + f] = col[train[i]];
    }
    if (bundles) {
      for (let i = 0; i < n; i++) {
        const src = train[i] * G;
        const dst = i * jointWidth;
        for (let s = 0; s < G; s++) joint[dst + s] = bundles.joint[src + s];
        for (let s = G; s < jointWidth; s++) joint[dst + s] = bundles.totalCells;
      }
    }
    const set0 = rowSetViews(b, 0);
    this.rows = set0.rows;
    this.rows.set(train);
    this.y = set0.y;
    for (let i = 0; i < n; i++) this.y[i] = y[train[i]];
    this.score = set0.score.fill(init);
    this.grad = set0.grad;
    this.hess = set0.hess;
    this.identity = Int32Array.from({ length: n }, (_, i) => i);
    this.flags = new Uint8Array(n);
    this.mover = new PartMover(b);
  }

  get rowCount(): number {
    return this.rows.length;
  }

  /**
   * In-place partition of positions [begin..end) of set `set` by row cell `feature`'s bin,
   * `goLeft[bin] = 1` first (ordered-move.ts); on the helper threads when given and the range
   * is large (the same result either way). Returns the first right position.
   */
  partition(set: 0 | 1, begin: number, end: number, feature: number, goLeft: Uint8Array, threads?: MoveThreads | null): number {
    if (threads && end - begin >= PARALLEL_MOVE_MIN_ROWS) return begin + threads.moveParts(set, begin, end, feature, goLeft);
    return this.mover.partitionAlone(set, begin, end, feature, goLeft);
  }

  /**
   * Puts a random share of all positions first (Bernoulli per position, stable), in set 0, and
   * returns how many: a bagging round's rows. At least one row is kept.
   */
  bag(fraction: number, next: () => number): number {
    const n = this.rowCount;
    const flags = this.flags;
    let m = 0;
    for (let i = 0; i < n; i++) {
      flags[i] = next() < fraction ? 1 : 0;
      m += flags[i];
    }
    if (m === 0) {
      flags[0] = 1;
      m = 1;
    }
    this.mover.byFlags(0, 0, n, flags, 0, m);
    this.mover.copy(1, 0, n);
    return m;
  }
}
