/**
 * Duplicate-row compression for boosting. Rows whose bins are equal in every feature are one
 * row to a tree: every split sends them the same way, so they share a leaf and a score. For the
 * binary (log loss) and L2 objectives, the gradient and hessian sums of such a group follow from
 * its row count and label sums alone (binary: Σ(p − y) = n·p − Σy, Σ p(1 − p) = n·p(1 − p);
 * L2: Σ(s − y) = n·s − Σy), so a fit on one weighted row per group grows the same trees as a
 * fit on every row, in a fraction of the time. Census and survey tables, whose columns are a few
 * codes and small whole numbers, collapse by an order of magnitude or more (AER's Fertility:
 * 204k training rows, under 10k groups).
 *
 * Only for objectives whose gradients are linear in the label; boosting asks `groupable` first.
 * Class weights fold into the group's weight and label (binary: W = w₀·n₀ + w₁·n₁, label
 * w₁·n₁ / W, so W·(p − label) = Σ w·(p − y)). Row bagging keeps each row with probability f;
 * a binary group's bag is then Binomial(n₀, f) negatives and Binomial(n₁, f) positives
 * (bagGroups), the same distribution as bagging its rows. An L2 bag would need each row's target,
 * so L2 groups only without bagging.
 */
import type { BinnedData } from './binning';
import type { Rng } from '../rng';
import type { ObjectiveName } from './objectives';

/** Compress only where it pays: at most this share of the rows may remain as groups. */
export const MAX_GROUP_SHARE = 0.5;

/** The training rows as groups of identical binned rows. */
export interface RowGroups {
  /** One row of each group (an index into the binned data), in order of first appearance. */
  representative: Int32Array;
  /** Rows in each group. */
  count: Float64Array;
  /** Sum of the groups' targets (binary: positives). */
  sumY: Float64Array;
  /** Sum of the groups' squared targets (for the L2 loss of the original rows). */
  sumYY: Float64Array;
}

/** Whether a fit with this objective and bagging can run on row groups and grow the same trees (in distribution, with bagging). */
export const groupable = (objective: ObjectiveName, baggingFraction: number): boolean => objective === 'binary' || (objective === 'l2' && baggingFraction >= 1);

/**
 * Groups `rows` by their bins in every feature (hash table, bins compared on collision), or
 * null when more than `maxShare` of the rows would remain (no gain worth the copy).
 */
export function groupRows(data: BinnedData, rows: Int32Array, y: Float64Array, maxShare = MAX_GROUP_SHARE): RowGroups | null {
  const n = rows.length;
  const limit = Math.floor(n * maxShare);
  if (limit < 1) return null;
  const F = data.bins.length;
  const bins = data.bins;
  let size = 1024;
  while (size < 2 * limit) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const representative = new Int32Array(limit);
  const count = new Float64Array(limit);
  const sumY = new Float64Array(limit);
  const sumYY = new Float64Array(limit);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    let h = 0x811c9dc5;
    for (let f = 0; f < F; f++) h = Math.imul(h ^ bins[f][r], 0x01000193);
    let slot = (h ^ (h >>> 15)) & mask;
    let g = table[slot];
    while (g >= 0 && !sameBins(bins, representative[g], r)) {
      slot = (slot + 1) & mask;
      g = table[slot];
    }
    if (g < 0) {
      if (groups === limit) return null;
      g = groups++;
      table[slot] = g;
      representative[g] = r;
    }
    const v = y[r];
    count[g] += 1;
    sumY[g] += v;
    sumYY[g] += v * v;
  }
  return { representative: representative.slice(0, groups), count: count.slice(0, groups), sumY: sumY.slice(0, groups), sumYY: sumYY.slice(0, groups) };
}

function sameBins(bins: Uint8Array[], a: number, b: number): boolean {
  for (let f = 0; f < bins.length; f++) if (bins[f][a] !== bins[f][b]) return false;
  return true;
}

/**
 * The weight and label each group is fitted with: the row count and mean target, or for a
 * binary fit with class weights `classWeights` (per class), their weighted forms.
 */
export function groupWeightsAndLabels(groups: RowGroups, objective: ObjectiveName, classWeights: Float64Array | null): { weight: Float64Array; label: Float64Array } {
  const G = groups.count.length;
  const weight = new Float64Array(G);
  const label = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const n = groups.count[g];
    const s = groups.sumY[g];
    if (objective === 'binary' && classWeights) {
      const w = classWeights[0] * (n - s) + classWeights[1] * s;
      weight[g] = w;
      label[g] = w > 0 ? (classWeights[1] * s) / w : 0;
    } else {
      weight[g] = n;
      label[g] = s / n;
    }
  }
  return { weight, label };
}

/**
 * One round's bag of a binary grouped fit: each group keeps Binomial(n₀, f) of its negatives and
 * Binomial(n₁, f) of its positives. Writes the kept groups' positions to `bag` and their round
 * weight, label and row count (as groupWeightsAndLabels, for the kept rows) to `weight`, `label`
 * and `count`; returns how many groups were kept (at least one).
 */
export function bagGroups(groups: RowGroups, fraction: number, classWeights: Float64Array | null, rng: Rng, out: { bag: Int32Array; weight: Float64Array; label: Float64Array; count: Float64Array }): number {
  const w0 = classWeights ? classWeights[0] : 1;
  const w1 = classWeights ? classWeights[1] : 1;
  let m = 0;
  for (let g = 0; g < groups.count.length; g++) {
    const positives = binomial(groups.sumY[g], fraction, rng);
    const negatives = binomial(groups.count[g] - groups.sumY[g], fraction, rng);
    if (positives + negatives === 0) continue;
    const w = w0 * negatives + w1 * positives;
    out.bag[m++] = g;
    out.weight[g] = w;
    out.label[g] = w > 0 ? (w1 * positives) / w : 0;
    out.count[g] = positives + negatives;
  }
  if (m === 0) {
    // Every row bagged out (tiny data, small fraction): the round fits the first group whole.
    out.bag[m++] = 0;
    out.weight[0] = w0 * (groups.count[0] - groups.sumY[0]) + w1 * groups.sumY[0];
    out.label[0] = out.weight[0] > 0 ? (w1 * groups.sumY[0]) / out.weight[0] : 0;
    out.count[0] = groups.count[0];
  }
  return m;
}

/** A Binomial(n, p) draw: n Bernoulli trials when few, else the normal approximation (continuity-corrected, clamped to [0, n]). */
export function binomial(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * rng.normal());
  return k < 0 ? 0 : k > n ? n : k;
}

/**
 * Mean loss over the original rows from the groups' raw scores (the objective's own loss: log
 * loss for binary, squared error for L2), without visiting the rows.
 */
export function groupedLoss(groups: RowGroups, objective: ObjectiveName, scoreOf: (group: number) => number): number {
  const EPS = 1e-15;
  let total = 0;
  let rows = 0;
  for (let g = 0; g < groups.count.length; g++) {
    const n = groups.count[g];
    const s = scoreOf(g);
    rows += n;
    if (objective === 'binary') {
      const p = Math.min(1 - EPS, Math.max(EPS, 1 / (1 + Math.exp(-s))));
      total -= groups.sumY[g] * Math.log(p) + (n - groups.sumY[g]) * Math.log(1 - p);
    } else {
      total += n * s * s - 2 * s * groups.sumY[g] + groups.sumYY[g];
    }
  }
  return rows > 0 ? total / rows : 0;
}

/** The binned data of `rows` only, in that order (bins copied; the bin layout is the same). */
export function selectBinnedRows(data: BinnedData, rows: Int32Array): BinnedData {
  return {
    rowCount: rows.length,
    bins: data.bins.map((column) => {
      const out = new Uint8Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]];
      return out;
    }),
    binCounts: data.binCounts,
    missingBin: data.missingBin,
  };
}
