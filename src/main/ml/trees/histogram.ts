/**
 * Gradient histograms: for every feature and bin, the sums of the gradient channels and the
 * hessian of the rows of one leaf. Layout: one Float64Array over all features' bins (feature f
 * starts at bin offsets[f]), `stride` = channels + 1 numbers per bin: [g_0 … g_{C−1}, h].
 *
 * There is no count lane (it made every update 50% more memory traffic): a bin's row count is
 * estimated from its hessian as LightGBM does (count ≈ h · n_leaf / H_leaf, split.ts), exact
 * whenever the hessian is constant (L2, Huber, forests). A bin is non-empty iff h > 0 (every
 * row's hessian is > 0).
 *
 * Two kernels, both summing each cell over the leaf's rows in row order (so a feature's
 * histogram is bit-identical whichever kernel or thread builds it):
 * - row-wise (one channel, ≤ 64 features, ≤ 65535 bins): a row-major Uint16 copy of the bins as
 *   global bin indexes; one pass over the rows touching the listed features' cells. With few
 *   features this beats one pass per feature, whose consecutive updates often hit the same cell
 *   (a store-to-load chain) and whose bin loads are scattered.
 * - column-wise (otherwise): gathers the leaf's gradients into contiguous scratch first
 *   (LightGBM's "ordered gradients"), then walks each feature column once.
 *
 * `buildFeatureRange` fills only features[from..to) and touches only their cells, so helper
 * threads (hist-threads.ts) can build disjoint feature slices into one shared buffer.
 */
import type { BinnedData } from './binning';

/** Where each feature's bins start in a histogram, and the total bin count. */
export interface HistogramLayout {
  offsets: Int32Array;
  /** Bins of feature f (its missing bin included). */
  binCounts: Int32Array;
  totalBins: number;
  channels: number;
  /** Numbers per bin: channels + 1 (gradient sums, hessian sum). */
  stride: number;
  /** Present when the row-wise build applies (one channel, few features). */
  rowMajor?: RowMajorBins | null;
}

/** Row-major copy of the bins as global bin indexes (offsets[f] + bin), `features` per row. */
export interface RowMajorBins {
  features: number;
  global: Uint16Array;
}

/** Above this many features the column-wise build (which can skip unused features) is used. */
const ROW_WISE_MAX_FEATURES = 64;

/**
 * The layout of `data`'s histograms. `shared`: put the row-major bins in a SharedArrayBuffer
 * (helper threads read them).
 */
export function histogramLayout(data: BinnedData, channels: number, shared = false): HistogramLayout & { rowMajor: RowMajorBins | null } {
  const F = data.binCounts.length;
  const offsets = new Int32Array(F);
  let total = 0;
  for (let f = 0; f < F; f++) {
    offsets[f] = total;
    total += data.binCounts[f];
  }
  let rowMajor: RowMajorBins | null = null;
  if (channels === 1 && total <= 65535 && F <= ROW_WISE_MAX_FEATURES) {
    const n = data.rowCount;
    const global = shared ? new Uint16Array(new SharedArrayBuffer(n * F * 2)) : new Uint16Array(n * F);
    for (let f = 0; f < F; f++) {
      const col = data.bins[f];
      const off = offsets[f];
      for (let r = 0; r < n; r++) global[r * F + f] = off + col[r];
    }
    rowMajor = { features: F, global };
  }
  return { offsets, binCounts: Int32Array.from(data.binCounts), totalBins: total, channels, stride: channels + 1, rowMajor };
}

/** Scratch buffers reused across histogram builds (sized for the largest leaf). */
export interface GatherScratch {
  grad: Float64Array;
  hess: Float64Array;
}

export function createScratch(rows: number, channels: number): GatherScratch {
  return { grad: new Float64Array(rows * channels), hess: new Float64Array(rows) };
}

/** Zeroes the cells of features[from..to). */
export function clearFeatureRange(hist: Float64Array, layout: HistogramLayout, features: Int32Array, from: number, to: number): void {
  const S = layout.stride;
  for (let j = from; j < to; j++) {
    const f = features[j];
    hist.fill(0, layout.offsets[f] * S, (layout.offsets[f] + layout.binCounts[f]) * S);
  }
}

/**
 * Adds rows[begin..end) into the cells of features[from..to) of `hist` (not zeroed here).
 * `grad` is row-major n × channels, `hess` n. `scratch` is only used by the column-wise kernel.
 */
export function buildFeatureRange(
  hist: Float64Array,
  layout: HistogramLayout,
  bins: readonly Uint8Array[],
  features: Int32Array,
  from: number,
  to: number,
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  begin: number,
  end: number,
  scratch: GatherScratch,
): void {
  const C = layout.channels;
  const rowMajor = layout.rowMajor;
  if (C === 1 && rowMajor) {
    if (to - from === rowMajor.features) rowWiseAll(hist, rowMajor.global, rowMajor.features, grad, hess, rows, begin, end);
    else rowWiseSome(hist, rowMajor.global, rowMajor.features, features, from, to, grad, hess, rows, begin, end);
    return;
  }
  const count = end - begin;
  const S = layout.stride;
  const g = scratch.grad;
  const h = scratch.hess;
  if (C === 1) {
    for (let i = 0; i < count; i++) {
      const r = rows[begin + i];
      g[i] = grad[r];
      h[i] = hess[r];
    }
    for (let j = from; j < to; j++) {
      const f = features[j];
      const col = bins[f];
      const base = layout.offsets[f] << 1;
      for (let i = 0; i < count; i++) {
        const idx = base + (col[rows[begin + i]] << 1);
        hist[idx] += g[i];
        hist[idx + 1] += h[i];
      }
    }
    return;
  }
  for (let i = 0; i < count; i++) {
    const r = rows[begin + i];
    for (let c = 0; c < C; c++) g[i * C + c] = grad[r * C + c];
    h[i] = hess[r];
  }
  for (let j = from; j < to; j++) {
    const f = features[j];
    const col = bins[f];
    const base = layout.offsets[f] * S;
    for (let i = 0; i < count; i++) {
      const idx = base + col[rows[begin + i]] * S;
      for (let c = 0; c < C; c++) hist[idx + c] += g[i * C + c];
      hist[idx + C] += h[i];
    }
  }
}

/** Row-wise kernel over every feature (the common case: no feature sampling, one thread). */
function rowWiseAll(hist: Float64Array, global: Uint16Array, F: number, grad: Float64Array, hess: Float64Array, rows: Int32Array, begin: number, end: number): void {
  for (let i = begin; i < end; i++) {
    const r = rows[i];
    const gv = grad[r];
    const hv = hess[r];
    const base = r * F;
    for (let f = 0; f < F; f++) {
      const idx = global[base + f] << 1;
      hist[idx] += gv;
      hist[idx + 1] += hv;
    }
  }
}

/** Row-wise kernel over features[from..to) (a thread's slice, or a sampled subset). */
function rowWiseSome(
  hist: Float64Array,
  global: Uint16Array,
  F: number,
  features: Int32Array,
  from: number,
  to: number,
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  begin: number,
  end: number,
): void {
  const k = to - from;
  if (k <= 0) return;
  for (let i = begin; i < end; i++) {
    const r = rows[i];
    const gv = grad[r];
    const hv = hess[r];
    const base = r * F;
    for (let j = 0; j < k; j++) {
      const idx = global[base + features[from + j]] << 1;
      hist[idx] += gv;
      hist[idx + 1] += hv;
    }
  }
}

/** Fills `hist` (zeroed here) from rows[begin..end) for the listed features; others stay zero. */
export function buildHistogram(
  hist: Float64Array,
  layout: HistogramLayout,
  data: BinnedData,
  features: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  begin: number,
  end: number,
  scratch: GatherScratch,
): void {
  hist.fill(0);
  buildFeatureRange(hist, layout, data.bins, features, 0, features.length, grad, hess, rows, begin, end, scratch);
}

/** parent −= child, leaving the sibling's histogram in `parent` (the subtraction trick). */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}
