/**
 * Model-free column scores for the refinement's feature selection: the mutual information of
 * each column with the target (scikit-learn's mutual_info_* on binned values), and the columns
 * that are nearly constant (VarianceThreshold for mixed types: one value, missing included, on
 * nearly every row). Unlike importance, neither needs a fitted model, so they also judge columns
 * the incumbent happened to ignore.
 */
import type { TaskKind } from '../../../shared/domain';
import type { Column, Frame } from '../frame';
import { quantileGroups } from '../quantile-groups';

/** Numeric columns (and a regression target) are cut into this many equal-count groups. */
const MI_BINS = 16;
/** A categorical column's rarest levels beyond this many share one group. */
const MI_MAX_LEVELS = 64;
/** A column whose most common value covers at least this share of rows is nearly constant. */
export const NEAR_CONSTANT_SHARE = 0.99;

/** Group of every row of `column` (missing in a group of its own) and the number of groups. */
function groupsOf(column: Column, rows: Int32Array): { group: Int32Array; groups: number } {
  if (column.kind === 'numeric') return quantileGroups(column, rows, MI_BINS);
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(column.codes[r], (counts.get(column.codes[r]) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MI_MAX_LEVELS);
  const index = new Map(top.map(([code], i) => [code, i]));
  const other = top.length;
  return { group: Int32Array.from(rows, (r) => index.get(column.codes[r]) ?? other), groups: other + 1 };
}

/**
 * Mutual information (nats) of two groupings of the same rows, less the Miller–Madow bias of the
 * plug-in estimate ((groups_a − 1)(groups_b − 1) / 2n, over groups that occur), so a column
 * independent of the target scores about 0 rather than a bias that grows with its group count.
 */
function mutualInformationOf(a: { group: Int32Array; groups: number }, b: { group: Int32Array; groups: number }): number {
  const n = a.group.length;
  if (n === 0) return 0;
  const joint = new Float64Array(a.groups * b.groups);
  const pa = new Float64Array(a.groups);
  const pb = new Float64Array(b.groups);
  for (let i = 0; i < n; i++) {
    joint[a.group[i] * b.groups + b.group[i]]++;
    pa[a.group[i]]++;
    pb[b.group[i]]++;
  }
  let mi = 0;
  const used = (p: Float64Array): number => p.reduce((k, c) => k + (c > 0 ? 1 : 0), 0);
  mi -= ((used(pa) - 1) * (used(pb) - 1)) / (2 * n);
  for (let x = 0; x < a.groups; x++) {
    for (let y = 0; y < b.groups; y++) {
      const c = joint[x * b.groups + y];
      if (c > 0) mi += (c / n) * Math.log((c * n) / (pa[x] * pb[y]));
    }
  }
  return Math.max(0, mi);
}

/** The target as groups: classes as they are, a regression target in quantile groups. */
function targetGroups(y: Float64Array, rows: Int32Array, task: TaskKind): { group: Int32Array; groups: number } {
  if (task !== 'regression') {
    let k = 0;
    for (const r of rows) k = Math.max(k, y[r] + 1);
    return { group: Int32Array.from(rows, (r) => y[r]), groups: k };
  }
  return quantileGroups({ kind: 'numeric', name: 'target', values: y }, rows, MI_BINS);
}

/**
 * Each column's mutual information with the target over `rows` (y indexed like the frame: class
 * indexes, or values), highest first (ties in column order).
 */
export function mutualInformation(frame: Frame, y: Float64Array, rows: Int32Array, task: TaskKind): { feature: string; score: number }[] {
  const target = targetGroups(y, rows, task);
  return frame.columns
    .map((c, i) => ({ feature: c.name, i, score: mutualInformationOf(groupsOf(c, rows), target) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ feature, score }) => ({ feature, score }));
}

/** Columns whose most common value (missing counts as one) covers at least `share` of `rows`. */
export function nearConstantColumns(frame: Frame, rows: Int32Array, share = NEAR_CONSTANT_SHARE): string[] {
  const out: string[] = [];
  for (const c of frame.columns) {
    const counts = new Map<number, number>();
    let top = 0;
    for (const r of rows) {
      // Missing as NaN (numeric) or −1 (categorical): one key either way.
      const raw = c.kind === 'numeric' ? c.values[r] : c.codes[r];
      const key = raw !== raw ? Number.NEGATIVE_INFINITY : raw;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n > top) top = n;
    }
    if (rows.length > 0 && top >= share * rows.length) out.push(c.name);
  }
  return out;
}
