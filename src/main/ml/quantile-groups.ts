/**
 * Rows of a numeric column put into about equal-count groups by quantile edges, missing values in
 * a group of their own: the one-feature scores of the leakage checks (the import's target
 * analysis and the run's validation check) both read a number this way.
 */
import type { NumericColumn } from './frame';

/**
 * Group per listed row: 0..edges.length for values (by the quantile edges of the present values
 * among `rows`), edges.length + 1 for missing. `groups` counts every possible group.
 */
export function quantileGroups(column: NumericColumn, rows: ArrayLike<number>, bins: number): { group: Int32Array; groups: number } {
  const n = rows.length;
  const values = new Float64Array(n);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const v = column.values[rows[i]];
    if (v === v) values[present++] = v;
  }
  const sorted = values.subarray(0, present).sort();
  const edges: number[] = [];
  for (let q = 1; q < bins; q++) {
    const e = sorted[Math.floor((q * present) / bins)];
    if (e !== undefined && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
  }
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = column.values[rows[i]];
    if (v !== v) {
      group[i] = edges.length + 1;
      continue;
    }
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v >= edges[mid]) lo = mid + 1;
      else hi = mid;
    }
    group[i] = lo;
  }
  return { group, groups: edges.length + 2 };
}
