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
 * Packed builds (quantize.ts): when `hess` is null, `grad` holds one packed quantised
 * (gradient, hessian) number per row and the histogram has one number per bin, its packed sums;
 * every kernel then makes one addition per row and feature. The caller decodes the result.
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
  /** Present when some low-cardinality features are bundled (needs rowMajor). */
  bundles?: Bundles | null;
}

/**
 * Feature bundles for the row-wise kernel: low-cardinality features grouped so that one joint
 * cell per row stands for all of a group's bins (fertility: five binary columns and a 15-value
 * one become one 3,888-cell slot, so a row takes 2 updates instead of 7). A build over every
 * feature of a large leaf fills the joint cells ("slots") and then marginalises them into the
 * per-feature histogram; small leaves use the per-feature kernel.
 */
export interface Bundles {
  slots: number;
  /** Row-major joint cell indexes, n × slots. */
  joint: Uint16Array;
  totalCells: number;
  /** Per slot (length slots + 1): first joint cell, first decode entry, first member. */
  cellStart: Int32Array;
  decodeStart: Int32Array;
  memberStart: Int32Array;
  /** Member features of the slots, slot after slot. */
  members: Int32Array;
  /** For every slot cell and member (cell-major), the member's global bin index. */
  decode: Int32Array;
  /** Leaves with fewer rows use the per-feature kernel (the marginalising would cost more). */
  minRows: number;
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
 * (helper threads read them). `packed`: the builds add packed quantised gradients, one number a
 * cell (quantize.ts), so bundles may hold more cells.
 */
export function histogramLayout(data: BinnedData, channels: number, shared = false, packed = false): HistogramLayout & { rowMajor: RowMajorBins | null } {
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
  const bundles = rowMajor ? bundleFeatures(data, offsets, shared, packed ? BUNDLE_MAX_CELLS_PACKED : BUNDLE_MAX_CELLS_FLOAT) : null;
  return { offsets, binCounts: Int32Array.from(data.binCounts), totalBins: total, channels, stride: channels + 1, rowMajor, bundles };
}

/**
 * Features with at most this many bins may be bundled, into slots of at most as many cells as
 * keep one slot's joint cells in the first-level cache: 4096 packed cells (one number each, 32 KB),
 * 1024 float cells (gradient and hessian, 16 KB). Float slots of 4096 cells (64 KB) made letters'
 * builds miss the cache on every add: the fit took 14.3 s against 12.5 s with slots of pairs.
 */
const BUNDLE_MAX_BINS = 64;
const BUNDLE_MAX_CELLS_PACKED = 4096;
const BUNDLE_MAX_CELLS_FLOAT = 1024;

/** Greedy bundling of low-cardinality features (by bin count), slots of at most `maxCells`; null when nothing would bundle. */
function bundleFeatures(data: BinnedData, offsets: Int32Array, shared: boolean, maxCells: number): Bundles | null {
  const F = data.binCounts.length;
  const order = Array.from({ length: F }, (_, f) => f).sort((a, b) => data.binCounts[a] - data.binCounts[b] || a - b);
  const groups: number[][] = [];
  let cells = Infinity;
  for (const f of order) {
    const bins = data.binCounts[f];
    if (bins <= BUNDLE_MAX_BINS && cells * bins <= maxCells) {
      groups[groups.length - 1].push(f);
      cells *= bins;
    } else {
      groups.push([f]);
      cells = bins <= BUNDLE_MAX_BINS ? bins : Infinity;
    }
  }
  const G = groups.length;
  if (G === F) return null;
  const cellStart = new Int32Array(G + 1);
  const decodeStart = new Int32Array(G + 1);
  const memberStart = new Int32Array(G + 1);
  for (let s = 0; s < G; s++) {
    const c = groups[s].reduce((p, f) => p * data.binCounts[f], 1);
    cellStart[s + 1] = cellStart[s] + c;
    decodeStart[s + 1] = decodeStart[s] + c * groups[s].length;
    memberStart[s + 1] = memberStart[s] + groups[s].length;
  }
  const totalCells = cellStart[G];
  if (totalCells > 65535) return null;
  const members = Int32Array.from(groups.flat());
  const decode = new Int32Array(decodeStart[G]);
  for (let s = 0; s < G; s++) {
    const group = groups[s];
    const k = group.length;
    for (let c = 0; c < cellStart[s + 1] - cellStart[s]; c++) {
      let rest = c;
      for (let m = 0; m < k; m++) {
        const bins = data.binCounts[group[m]];
        decode[decodeStart[s] + c * k + m] = offsets[group[m]] + (rest % bins);
        rest = Math.floor(rest / bins);
      }
    }
  }
  const n = data.rowCount;
  const joint = shared ? new Uint16Array(new SharedArrayBuffer(Math.max(1, n * G) * 2)) : new Uint16Array(n * G);
  for (let s = 0; s < G; s++) {
    const group = groups[s];
    for (let r = 0; r < n; r++) {
      let code = 0;
      for (let m = group.length - 1; m >= 0; m--) code = code * data.binCounts[group[m]] + data.bins[group[m]][r];
      joint[r * G + s] = cellStart[s] + code;
    }
  }
  // Cost per build: zero + marginalise the cells, against F − G fewer updates per row.
  const minRows = Math.ceil((2 * totalCells + decode.length) / (F - G));
  return { slots: G, joint, totalCells, cellStart, decodeStart, memberStart, members, decode, minRows };
}

/** Whether a build over `featureCount` features and `rows` rows goes through the bundles. */
export function useBundles(layout: HistogramLayout, featureCount: number, rows: number): boolean {
  const b = layout.bundles;
  return !!b && featureCount === layout.offsets.length && rows >= b.minRows;
}

/**
 * Adds rows[begin..end) into the cells of the member features of slots [from..to) of `hist`
 * (not zeroed here) through the joint cells; `joint` is scratch of 2 × totalCells numbers.
 */
export function buildSlotRange(
  hist: Float64Array,
  bundles: Bundles,
  from: number,
  to: number,
  grad: Float64Array,
  hess: Float64Array | null,
  rows: Int32Array,
  begin: number,
  end: number,
  joint: Float64Array,
): void {
  if (to <= from) return;
  if (!hess) {
    buildSlotRangePacked(hist, bundles, from, to, grad, rows, begin, end, joint);
    return;
  }
  const G = bundles.slots;
  const codes = bundles.joint;
  joint.fill(0, bundles.cellStart[from] << 1, bundles.cellStart[to] << 1);
  const k = to - from;
  if (k === G) {
    for (let i = begin; i < end; i++) {
      const r = rows[i];
      const gv = grad[r];
      const hv = hess[r];
      const base = r * G;
      for (let s = 0; s < G; s++) {
        const idx = codes[base + s] << 1;
        joint[idx] += gv;
        joint[idx + 1] += hv;
      }
    }
  } else {
    for (let i = begin; i < end; i++) {
      const r = rows[i];
      const gv = grad[r];
      const hv = hess[r];
      const base = r * G + from;
      for (let s = 0; s < k; s++) {
        const idx = codes[base + s] << 1;
        joint[idx] += gv;
        joint[idx + 1] += hv;
      }
    }
  }
  const decode = bundles.decode;
  for (let s = from; s < to; s++) {
    const m = bundles.memberStart[s + 1] - bundles.memberStart[s];
    const c0 = bundles.cellStart[s];
    const cells = bundles.cellStart[s + 1] - c0;
    let d = bundles.decodeStart[s];
    for (let c = 0; c < cells; c++, d += m) {
      const gv = joint[(c0 + c) << 1];
      const hv = joint[((c0 + c) << 1) + 1];
      if (hv === 0 && gv === 0) continue;
      for (let j = 0; j < m; j++) {
        const idx = decode[d + j] << 1;
        hist[idx] += gv;
        hist[idx + 1] += hv;
      }
    }
  }
}

/**
 * buildSlotRange over packed values: one number per joint cell. Even and odd rows add into two
 * copies of the cells (the scratch holds two), summed before marginalising: with few cells,
 * consecutive rows often hit the same cell, and one copy made every add wait for the last
 * (measured 6.9 against 4.1 ns per row on fertility's 2 slots).
 */
function buildSlotRangePacked(hist: Float64Array, bundles: Bundles, from: number, to: number, packed: Float64Array, rows: Int32Array, begin: number, end: number, joint: Float64Array): void {
  const G = bundles.slots;
  const codes = bundles.joint;
  const c0 = bundles.cellStart[from];
  const c1 = bundles.cellStart[to];
  const second = bundles.totalCells + 1;
  joint.fill(0, c0, c1);
  joint.fill(0, second + c0, second + c1);
  const k = to - from;
  const last = begin + ((end - begin) & ~1);
  let i = begin;
  for (; i < last; i += 2) {
    const r = rows[i];
    const q = rows[i + 1];
    const v = packed[r];
    const w = packed[q];
    const base = r * G + from;
    const baseQ = q * G + from;
    for (let s = 0; s < k; s++) {
      joint[codes[base + s]] += v;
      joint[second + codes[baseQ + s]] += w;
    }
  }
  if (i < end) {
    const r = rows[i];
    const v = packed[r];
    const base = r * G + from;
    for (let s = 0; s < k; s++) joint[codes[base + s]] += v;
  }
  for (let c = c0; c < c1; c++) joint[c] += joint[second + c];
  marginalizePacked(hist, bundles, from, to, joint);
}

/** Adds the packed joint cells of slots [from..to) into their member features' bins of `hist`. */
export function marginalizePacked(hist: Float64Array, bundles: Bundles, from: number, to: number, joint: Float64Array): void {
  const decode = bundles.decode;
  for (let s = from; s < to; s++) {
    const m = bundles.memberStart[s + 1] - bundles.memberStart[s];
    const c0 = bundles.cellStart[s];
    const cells = bundles.cellStart[s + 1] - c0;
    let d = bundles.decodeStart[s];
    for (let c = 0; c < cells; c++, d += m) {
      const v = joint[c0 + c];
      if (v === 0) continue;
      for (let j = 0; j < m; j++) hist[decode[d + j]] += v;
    }
  }
}

/** Scratch buffers reused across histogram builds (sized for the largest leaf). */
export interface GatherScratch {
  grad: Float64Array;
  hess: Float64Array;
  /** Joint cells of the bundles (2 × totalCells). */
  joint: Float64Array;
}

export function createScratch(rows: number, channels: number, layout?: HistogramLayout): GatherScratch {
  // + 1: the trash cell that padded leaf-ordered rows add into (ordered-rows.ts).
  const cells = layout?.bundles ? layout.bundles.totalCells + 1 : 0;
  return { grad: new Float64Array(rows * channels), hess: new Float64Array(rows), joint: new Float64Array(cells * 2) };
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
  hess: Float64Array | null,
  rows: Int32Array,
  begin: number,
  end: number,
  scratch: GatherScratch,
): void {
  const C = layout.channels;
  const rowMajor = layout.rowMajor;
  if (!hess) {
    buildFeatureRangePacked(hist, layout, bins, features, from, to, grad, rows, begin, end, scratch);
    return;
  }
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

/** buildFeatureRange over packed values (one channel): one addition per row and feature. */
function buildFeatureRangePacked(
  hist: Float64Array,
  layout: HistogramLayout,
  bins: readonly Uint8Array[],
  features: Int32Array,
  from: number,
  to: number,
  packed: Float64Array,
  rows: Int32Array,
  begin: number,
  end: number,
  scratch: GatherScratch,
): void {
  const rowMajor = layout.rowMajor;
  if (rowMajor) {
    if (to - from === rowMajor.features) rowWiseAllPacked(hist, rowMajor.global, rowMajor.features, packed, rows, begin, end);
    else rowWiseSomePacked(hist, rowMajor.global, rowMajor.features, features, from, to, packed, rows, begin, end);
    return;
  }
  const count = end - begin;
  const g = scratch.grad;
  for (let i = 0; i < count; i++) g[i] = packed[rows[begin + i]];
  for (let j = from; j < to; j++) {
    const f = features[j];
    const col = bins[f];
    const base = layout.offsets[f];
    for (let i = 0; i < count; i++) hist[base + col[rows[begin + i]]] += g[i];
  }
}

/**
 * Packed row-wise kernel over every feature, four cells per step: the adds of a step are
 * independent, so their loads and stores overlap (measured 1.8× the plain loop at 1M × 20).
 */
function rowWiseAllPacked(hist: Float64Array, global: Uint16Array, F: number, packed: Float64Array, rows: Int32Array, begin: number, end: number): void {
  const F4 = F & ~3;
  for (let i = begin; i < end; i++) {
    const r = rows[i];
    const v = packed[r];
    const base = r * F;
    let f = 0;
    for (; f < F4; f += 4) {
      hist[global[base + f]] += v;
      hist[global[base + f + 1]] += v;
      hist[global[base + f + 2]] += v;
      hist[global[base + f + 3]] += v;
    }
    for (; f < F; f++) hist[global[base + f]] += v;
  }
}

/** Packed row-wise kernel over features[from..to). */
function rowWiseSomePacked(hist: Float64Array, global: Uint16Array, F: number, features: Int32Array, from: number, to: number, packed: Float64Array, rows: Int32Array, begin: number, end: number): void {
  const k = to - from;
  if (k <= 0) return;
  for (let i = begin; i < end; i++) {
    const r = rows[i];
    const v = packed[r];
    const base = r * F;
    for (let j = 0; j < k; j++) hist[global[base + features[from + j]]] += v;
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
  hess: Float64Array | null,
  rows: Int32Array,
  begin: number,
  end: number,
  scratch: GatherScratch,
): void {
  hist.fill(0);
  const bundles = layout.bundles;
  if (bundles && useBundles(layout, features.length, end - begin)) buildSlotRange(hist, bundles, 0, bundles.slots, grad, hess, rows, begin, end, scratch.joint);
  else buildFeatureRange(hist, layout, data.bins, features, 0, features.length, grad, hess, rows, begin, end, scratch);
}

/**
 * Large builds are cut into ROW_PARTS contiguous row ranges, each built into its own partial
 * histogram, then summed into `hist` in part order. The thread count only decides who builds
 * which part (hist-threads.ts), so the sums — and the model — are the same for any thread count.
 */
export const ROW_PARTS = 8;
/** Builds with at least this many row × feature updates go by parts. */
export const PARTS_MIN_WORK = 256_000;

/** Rows [a, b) of part i of rows[begin..end). */
export function partRange(begin: number, end: number, i: number): [number, number] {
  const len = end - begin;
  return [begin + Math.floor((len * i) / ROW_PARTS), begin + Math.floor((len * (i + 1)) / ROW_PARTS)];
}

/** Builds part i of rows[begin..end) into `part` (zeroed here), over every listed feature. */
export function buildPart(
  part: Float64Array,
  layout: HistogramLayout,
  bins: readonly Uint8Array[],
  features: Int32Array,
  bundled: boolean,
  grad: Float64Array,
  hess: Float64Array | null,
  rows: Int32Array,
  begin: number,
  end: number,
  i: number,
  scratch: GatherScratch,
): void {
  part.fill(0);
  const [a, b] = partRange(begin, end, i);
  const bundles = layout.bundles;
  if (bundled && bundles) buildSlotRange(part, bundles, 0, bundles.slots, grad, hess, rows, a, b, scratch.joint);
  else buildFeatureRange(part, layout, bins, features, 0, features.length, grad, hess, rows, a, b, scratch);
}

/** hist = part 0 + part 1 + … in order. */
export function sumParts(hist: Float64Array, parts: readonly Float64Array[]): void {
  hist.set(parts[0]);
  for (let p = 1; p < parts.length; p++) {
    const part = parts[p];
    for (let j = 0; j < hist.length; j++) hist[j] += part[j];
  }
}

/** The by-parts build on this thread alone (the same sums as with helpers). */
export function buildHistogramByParts(
  hist: Float64Array,
  parts: readonly Float64Array[],
  layout: HistogramLayout,
  data: BinnedData,
  features: Int32Array,
  grad: Float64Array,
  hess: Float64Array | null,
  rows: Int32Array,
  begin: number,
  end: number,
  scratch: GatherScratch,
): void {
  const bundled = useBundles(layout, features.length, end - begin);
  for (let i = 0; i < ROW_PARTS; i++) buildPart(parts[i], layout, data.bins, features, bundled, grad, hess, rows, begin, end, i, scratch);
  sumParts(hist, parts);
}

/** parent −= child, leaving the sibling's histogram in `parent` (the subtraction trick). */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}
