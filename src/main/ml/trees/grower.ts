/**
 * Leaf-wise (best-first) growth of one tree on binned data, LightGBM style: always split the
 * leaf with the largest gain until `numLeaves` leaves, `maxDepth`, or no split gains. Rows live
 * in one Int32Array; each leaf owns a contiguous segment that a split partitions in place. Of
 * two children only the smaller one's histogram is built; the larger is parent − smaller.
 * With quantised gradients (quantize.ts) histograms are built from the packed values and decoded
 * for the split search (the caller renews the leaf values from exact gradients); with
 * leaf-ordered rows (ordered-rows.ts) a split also moves its rows' data, and builds read
 * positions instead of row indexes.
 */
import type { BinnedData } from './binning';
import { buildHistogram, buildHistogramByParts, createScratch, PARTS_MIN_WORK, ROW_PARTS, subtractHistogram, useBundles, type GatherScratch, type HistogramLayout } from './histogram';
import { buildOrderedRange, type OrderedArrays, type OrderedRows } from './ordered-rows';
import type { HistThreads } from './hist-threads';
import { decodeHistogram, type QuantScale } from './quantize';
import { createSplitScratch, findBestSplit, leafOutput, type SplitConfig, type SplitInfo, type SplitScratch } from './split';
import type { Tree } from './tree';
import type { Rng } from '../rng';

/**
 * Quantised builds from this many row × feature updates go to the helpers (when there are any).
 * Packed sums are exact integers, so cutting a build into parts cannot change a bit, and a
 * lower bar than PARTS_MIN_WORK pays: most of a tree's builds are small leaves.
 */
export const PACKED_PARALLEL_MIN_WORK = 64_000;

/** Leaves with this many rows are partitioned by parts on the helpers (the same result as here). */
export const PARALLEL_SPLIT_MIN_ROWS = 16_384;

export interface GrowConfig extends SplitConfig {
  numLeaves: number;
  /** ≤ 0: unlimited. */
  maxDepth: number;
  /** Features tried per split (forests); 0 = all of `features`. */
  featuresPerSplit: number;
}

/** What a tree is grown from. `rows[0..rowCount)` is permuted in place. */
export interface GrowInput {
  data: BinnedData;
  layout: HistogramLayout;
  isCategorical: Uint8Array;
  /** Per feature, its threshold for bin b (numeric: upper bound; categorical: b). */
  thresholdOf: (feature: number, bin: number) => number;
  /** row-major n × channels */
  grad: Float64Array;
  hess: Float64Array;
  rows: Int32Array;
  rowCount: number;
  /**
   * Rows each row stands for (indexed like `grad`): a grouped fit's group sizes (row-groups.ts),
   * which min_data_in_leaf counts. Null or absent: every row counts once.
   */
  rowCounts?: Float64Array | null;
  /** Features this tree may use. */
  features: Int32Array;
  rng: Rng;
  /**
   * Helper threads for large builds, and which of their gradient pairs `grad`/`hess` are (then
   * `grad`, `hess` and `rows` must be the shared arrays the threads were started with).
   */
  parallel?: { threads: HistThreads; gradIndex: number } | null;
  /**
   * This round's packed quantised gradients (one channel only): histograms are built from them,
   * and the leaf values are from their sums (renew them: row-passes.ts renewPart). With
   * `parallel`, the threads' packed array k.
   */
  quantized?: { packed: Float64Array; scale: QuantScale } | null;
  /**
   * Leaf-ordered rows (needs `quantized`, whose packed array must be theirs, and `rows` must be
   * theirs): builds read positions, splits move the rows' data.
   */
  ordered?: OrderedRows | null;
}

/** A grown tree (unscaled leaf outputs) and where each leaf's rows are in `rows`. */
export interface GrownTree {
  tree: Tree;
  leafBegin: Int32Array;
  leafEnd: Int32Array;
}

interface Leaf {
  begin: number;
  end: number;
  depth: number;
  hist: Float64Array | null;
  total: Float64Array;
  split: SplitInfo | null;
  /** Internal node whose child this leaf is (−1 for the root) and which side. */
  parent: number;
  isLeft: boolean;
}

/** Reusable state across trees of one fit: histogram buffers and scratch arrays. */
export class TreeGrower {
  private readonly pool: Float64Array[] = [];
  private readonly gather: GatherScratch;
  /** Partial histograms of a by-parts build without helpers (allocated on first use). */
  private parts: Float64Array[] | null = null;
  /** Packed histogram of a quantised build, before decoding (allocated on first use). */
  private packedHist: Float64Array | null = null;
  private readonly splitScratch: SplitScratch;
  private readonly partitionBuffer: Int32Array;
  private readonly goLeft = new Uint8Array(256);
  private readonly maxCached: number;
  private live = 0;

  constructor(
    private readonly layout: HistogramLayout,
    maxRows: number,
    /** Histogram memory cap in bytes; leaves beyond it rebuild instead of subtracting. */
    memoryBudget = 256 * 1024 * 1024,
  ) {
    this.gather = createScratch(maxRows, layout.channels, layout);
    this.splitScratch = createSplitScratch(layout.channels);
    this.partitionBuffer = new Int32Array(maxRows);
    this.maxCached = Math.max(2, Math.floor(memoryBudget / (layout.totalBins * layout.stride * 8)));
  }

  private take(): Float64Array | null {
    if (this.pool.length > 0) {
      this.live++;
      return this.pool.pop() ?? null;
    }
    if (this.live >= this.maxCached) return null;
    this.live++;
    return new Float64Array(this.layout.totalBins * this.layout.stride);
  }

  private give(hist: Float64Array | null): void {
    if (!hist) return;
    this.live--;
    this.pool.push(hist);
  }

  grow(input: GrowInput, cfg: GrowConfig): GrownTree {
    const { layout } = input;
    const C = layout.channels;
    const S = layout.stride;
    /** Stats vectors: [G_0 … G_{C−1}, H, N]. */
    const T = C + 2;
    const total = new Float64Array(T);

    const feature: number[] = [];
    const threshold: number[] = [];
    const binThreshold: number[] = [];
    const categorical: number[] = [];
    const defaultLeft: number[] = [];
    const leftRef: number[] = [];
    const rightRef: number[] = [];
    const gains: number[] = [];

    const root: Leaf = { begin: 0, end: input.rowCount, depth: 0, hist: this.take() ?? new Float64Array(layout.totalBins * layout.stride), total, split: null, parent: -1, isLeft: false };
    this.build(input, root.hist as Float64Array, 0, input.rowCount);
    // The root's sums from its histogram (one feature's bins hold every row), not another pass over the rows.
    const f0 = input.features[0];
    const hist0 = root.hist as Float64Array;
    for (let b = layout.offsets[f0], stop = b + layout.binCounts[f0]; b < stop; b++) for (let c = 0; c <= C; c++) total[c] += hist0[b * S + c];
    total[C + 1] = rowsIn(input, 0, input.rowCount);
    const leaves: Leaf[] = [root];
    this.evaluate(root, input, cfg);

    while (leaves.length < cfg.numLeaves) {
      let bestIndex = -1;
      for (let i = 0; i < leaves.length; i++) {
        const s = leaves[i].split;
        if (s && s.gain > 0 && (bestIndex < 0 || s.gain > (leaves[bestIndex].split?.gain ?? 0))) bestIndex = i;
      }
      if (bestIndex < 0) break;
      const leaf = leaves[bestIndex];
      const split = leaf.split as SplitInfo;
      const mid = this.partition(input, leaf, split);

      const node = feature.length;
      feature.push(split.feature);
      binThreshold.push(split.bin);
      threshold.push(input.thresholdOf(split.feature, split.bin));
      categorical.push(split.categorical ? 1 : 0);
      defaultLeft.push(split.defaultLeft ? 1 : 0);
      gains.push(split.gain);
      leftRef.push(0);
      rightRef.push(0);
      if (leaf.parent >= 0) (leaf.isLeft ? leftRef : rightRef)[leaf.parent] = node;

      const leftTotal = Float64Array.from(split.left);
      const rightTotal = new Float64Array(T);
      for (let i = 0; i < T; i++) rightTotal[i] = leaf.total[i] - leftTotal[i];
      // Exact counts from the partition (the split's are estimated from hessians).
      leftTotal[C + 1] = rowsIn(input, leaf.begin, mid);
      rightTotal[C + 1] = rowsIn(input, mid, leaf.end);
      const l: Leaf = { begin: leaf.begin, end: mid, depth: leaf.depth + 1, hist: null, total: leftTotal, split: null, parent: node, isLeft: true };
      const r: Leaf = { begin: mid, end: leaf.end, depth: leaf.depth + 1, hist: null, total: rightTotal, split: null, parent: node, isLeft: false };
      this.childHistograms(input, leaf, l, r);
      leaves[bestIndex] = l;
      leaves.push(r);
      this.evaluate(l, input, cfg);
      this.evaluate(r, input, cfg);
    }

    // Leaves get refs ~index in `leaves` order.
    const leafValues = new Float64Array(leaves.length * C);
    const leafBegin = new Int32Array(leaves.length);
    const leafEnd = new Int32Array(leaves.length);
    leaves.forEach((leaf, i) => {
      if (leaf.parent >= 0) (leaf.isLeft ? leftRef : rightRef)[leaf.parent] = ~i;
      leafOutput(leaf.total, C, cfg.lambdaL1, cfg.lambdaL2, leafValues, i * C);
      leafBegin[i] = leaf.begin;
      leafEnd[i] = leaf.end;
      this.give(leaf.hist);
      leaf.hist = null;
    });
    const tree: Tree = {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      binThreshold: Int32Array.from(binThreshold),
      categorical: Uint8Array.from(categorical),
      defaultLeft: Uint8Array.from(defaultLeft),
      left: Int32Array.from(leftRef),
      right: Int32Array.from(rightRef),
      gain: Float64Array.from(gains),
      leafValues,
      width: C,
      target: 0,
    };
    return { tree, leafBegin, leafEnd };
  }

  /** Histogram of rows[begin..end): on the helper threads when given and worth it. */
  private build(input: GrowInput, hist: Float64Array, begin: number, end: number): void {
    const par = input.parallel;
    const quantized = input.quantized;
    const bins = input.layout.totalBins;
    // A quantised build fills the packed histogram (one number per bin), decoded below.
    // (+ 1: the trash cell of padded leaf-ordered rows.)
    const target = quantized ? (this.packedHist ??= new Float64Array(bins + 1)) : hist;
    if (input.ordered && quantized) {
      this.buildOrdered(input, input.ordered.arrays[0], target, begin, end);
      decodeHistogram(target, bins, quantized.scale, hist);
      return;
    }
    const grad = quantized ? quantized.packed : input.grad;
    const hess = quantized ? null : input.hess;
    // Float sums are built by parts to be the same for any thread count; packed sums are exact
    // integers in any order, so without helpers a packed build needs no parts (measured 20 %
    // faster on diamonds' root builds: eight partial histograms zeroed and summed saved).
    const work = (end - begin) * input.features.length;
    if (par && work >= (quantized ? PACKED_PARALLEL_MIN_WORK : PARTS_MIN_WORK)) {
      par.threads.build(target, input.features, par.gradIndex, begin, end, this.gather, !!quantized);
    } else if (quantized || work < PARTS_MIN_WORK) {
      buildHistogram(target, input.layout, input.data, input.features, grad, hess, input.rows, begin, end, this.gather);
    } else {
      this.parts ??= Array.from({ length: ROW_PARTS }, () => new Float64Array(hist.length));
      buildHistogramByParts(target, this.parts, input.layout, input.data, input.features, grad, hess, input.rows, begin, end, this.gather);
    }
    if (quantized) decodeHistogram(target, bins, quantized.scale, hist);
  }

  /** Packed histogram of positions [begin..end) of leaf-ordered rows into `target` (by parts only on the helpers: packed sums are exact in any order). */
  private buildOrdered(input: GrowInput, arrays: OrderedArrays, target: Float64Array, begin: number, end: number): void {
    const { layout, features } = input;
    const list = features.length === layout.offsets.length ? null : features;
    const bundled = useBundles(layout, features.length, end - begin);
    const par = input.parallel;
    if (par && (end - begin) * features.length >= PACKED_PARALLEL_MIN_WORK) {
      par.threads.buildOrdered(target, 0, list, bundled, begin, end, this.gather);
      return;
    }
    target.fill(0);
    buildOrderedRange(target, layout, arrays, list, bundled, begin, end, this.gather.joint);
  }

  /** Computes the leaf's best split, or marks it final (and frees its histogram). */
  private evaluate(leaf: Leaf, input: GrowInput, cfg: GrowConfig): void {
    // Rows to min_data_in_leaf (a grouped fit's rows stand for several); two rows at least to split at all.
    const n = leaf.total[leaf.total.length - 1];
    const canSplit = n >= 2 * cfg.minDataInLeaf && leaf.end - leaf.begin >= 2 && (cfg.maxDepth <= 0 || leaf.depth < cfg.maxDepth);
    leaf.split = null;
    if (!canSplit) {
      this.give(leaf.hist);
      leaf.hist = null;
      return;
    }
    if (!leaf.hist) {
      leaf.hist = this.take();
      if (!leaf.hist) return;
      this.build(input, leaf.hist, leaf.begin, leaf.end);
    }
    const features = cfg.featuresPerSplit > 0 && cfg.featuresPerSplit < input.features.length ? sampleFeatures(input.features, cfg.featuresPerSplit, input.rng) : input.features;
    leaf.split = findBestSplit(leaf.hist, input.layout, input.data, input.isCategorical, features, leaf.total, cfg, this.splitScratch, cfg.randomThresholds ? input.rng : null);
    if (leaf.split.gain <= 0) {
      this.give(leaf.hist);
      leaf.hist = null;
    }
  }

  /**
   * Stable in-place partition of the leaf's rows; returns the first right index. Branch-free: a
   * 256-entry table says which bins go left, and each row is written to both outputs with only
   * one cursor advancing (the split direction is unpredictable, a branch would mispredict).
   */
  private partition(input: GrowInput, leaf: Leaf, split: SplitInfo): number {
    const rows = input.rows;
    const col = input.data.bins[split.feature];
    const missing = input.data.missingBin[split.feature];
    const buffer = this.partitionBuffer;
    const table = this.goLeft;
    for (let b = 0; b < 256; b++) table[b] = split.categorical ? (b === split.bin ? 1 : 0) : b === missing ? (split.defaultLeft ? 1 : 0) : b <= split.bin ? 1 : 0;
    if (input.ordered) return input.ordered.partition(0, leaf.begin, leaf.end, split.feature, table, input.parallel?.threads);
    if (input.parallel && leaf.end - leaf.begin >= PARALLEL_SPLIT_MIN_ROWS) return input.parallel.threads.partitionRows(leaf.begin, leaf.end, split.feature, table);
    let w = leaf.begin;
    let nr = 0;
    for (let i = leaf.begin; i < leaf.end; i++) {
      const r = rows[i];
      const go = table[col[r]];
      rows[w] = r;
      buffer[nr] = r;
      w += go;
      nr += 1 - go;
    }
    rows.set(buffer.subarray(0, nr), w);
    return w;
  }

  /** Smaller child built, larger = parent − smaller (or both built when memory is short). */
  private childHistograms(input: GrowInput, parent: Leaf, l: Leaf, r: Leaf): void {
    const [small, large] = l.end - l.begin <= r.end - r.begin ? [l, r] : [r, l];
    const build = (leaf: Leaf, hist: Float64Array): void => this.build(input, hist, leaf.begin, leaf.end);
    if (parent.hist) {
      const h = this.take();
      if (h) {
        build(small, h);
        subtractHistogram(parent.hist, h);
        small.hist = h;
        large.hist = parent.hist;
        parent.hist = null;
        return;
      }
      // No buffer left: reuse the parent's for the larger child, rebuild the smaller one later.
      build(large, parent.hist);
      large.hist = parent.hist;
      parent.hist = null;
      return;
    }
    for (const child of [small, large]) {
      const h = this.take();
      if (!h) return;
      build(child, h);
      child.hist = h;
    }
  }
}

/** `k` distinct features drawn from `features` (partial Fisher–Yates). */
function sampleFeatures(features: Int32Array, k: number, rng: Rng): Int32Array {
  const copy = Int32Array.from(features);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(copy.length - i);
    const t = copy[i];
    copy[i] = copy[j];
    copy[j] = t;
  }
  return copy.subarray(0, k);
}

/** Rows at positions [begin..end) of `input.rows`, each counted as the rows it stands for. */
function rowsIn(input: GrowInput, begin: number, end: number): number {
  const counts = input.rowCounts;
  if (!counts) return end - begin;
  let sum = 0;
  for (let i = begin; i < end; i++) sum += counts[input.rows[i]];
  return sum;
}
