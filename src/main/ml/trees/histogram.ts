/**
 * Gradient histograms: for every feature and bin, the sums of the gradient channels, the hessian
 * and the row count of the rows of one leaf. Layout: one Float64Array over all features' bins
 * (feature f starts at bin offsets[f]), `stride` = channels + 2 numbers per bin:
 * [g_0 … g_{C−1}, h, count].
 *
 * The hot loop gathers the leaf's gradients into contiguous arrays first (LightGBM's "ordered
 * gradients"), then walks each feature column once: typed arrays only, no per-row objects.
 */
import type { BinnedData } from './binning';

/** Where each feature's bins start in a histogram, and the total bin count. */
export interface HistogramLayout {
  offsets: Int32Array;
  totalBins: number;
  channels: number;
  stride: number;
  /** Present when the row-wise build applies (one channel, few features). */
  rowMajor?: RowMajorBins | null;
}

/**
 * Row-major copy of the bins as global bin indexes (offsets[f] + bin), for the row-wise build:
 * with few features, one pass over the rows touching F independent histogram cells per row
 * beats F passes whose consecutive updates often hit the same cell (a store-to-load chain).
 */
export interface RowMajorBins {
  features: number;
  global: Uint16Array;
}

export function histogramLayout(data: BinnedData, channels: number): HistogramLayout & { rowMajor: RowMajorBins | null } {
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
    const global = new Uint16Array(n * F);
    for (let f = 0; f < F; f++) {
      const col = data.bins[f];
      const off = offsets[f];
      for (let r = 0; r < n; r++) global[r * F + f] = off + col[r];
    }
    rowMajor = { features: F, global };
  }
  return { offsets, totalBins: total, channels, stride: channels + 2, rowMajor };
}

/** Above this many features the column-wise build (which can skip unused features) is used. */
const ROW_WISE_MAX_FEATURES = 64;

/** Scratch buffers reused across histogram builds (sized for the largest leaf). */
export interface GatherScratch {
  grad: Float64Array;
  hess: Float64Array;
}

export function createScratch(rows: number, channels: number): GatherScratch {
  return { grad: new Float64Array(rows * channels), hess: new Float64Array(rows) };
}

/**
 * Fills `hist` (zeroed here) from rows[begin..end). `grad` is row-major n × channels, `hess` n.
 * Only the listed features are built; others are left zero.
 */
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
  const count = end - begin;
  const C = layout.channels;
  const S = layout.stride;
  const g = scratch.grad;
  const h = scratch.hess;
  const rowMajor = layout.rowMajor;
  if (C === 1 && rowMajor && features.length === rowMajor.features) {
    const F = rowMajor.features;
    const global = rowMajor.global;
    for (let i = begin; i < end; i++) {
      const r = rows[i];
      const gv = grad[r];
      const hv = hess[r];
      const base = r * F;
      for (let f = 0; f < F; f++) {
        const idx = global[base + f] * 3;
        hist[idx] += gv;
        hist[idx + 1] += hv;
        hist[idx + 2] += 1;
      }
    }
    return;
  }
  if (C === 1) {
    for (let i = 0; i < count; i++) {
      const r = rows[begin + i];
      g[i] = grad[r];
      h[i] = hess[r];
    }
    for (let j = 0; j < features.length; j++) {
      const f = features[j];
      const col = data.bins[f];
      const base = layout.offsets[f] * 3;
      for (let i = 0; i < count; i++) {
        const idx = base + col[rows[begin + i]] * 3;
        hist[idx] += g[i];
        hist[idx + 1] += h[i];
        hist[idx + 2] += 1;
      }
    }
    return;
  }
  for (let i = 0; i < count; i++) {
    const r = rows[begin + i];
    for (let c = 0; c < C; c++) g[i * C + c] = grad[r * C + c];
    h[i] = hess[r];
  }
  for (let j = 0; j < features.length; j++) {
    const f = features[j];
    const col = data.bins[f];
    const base = layout.offsets[f] * S;
    for (let i = 0; i < count; i++) {
      const idx = base + col[rows[begin + i]] * S;
      for (let c = 0; c < C; c++) hist[idx + c] += g[i * C + c];
      hist[idx + C] += h[i];
      hist[idx + C + 1] += 1;
    }
  }
}

/** parent −= child, leaving the sibling's histogram in `parent` (the subtraction trick). */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}
