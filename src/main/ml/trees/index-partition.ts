/**
 * A split's stable partition of a leaf's row indexes, cut into ROW_PARTS parts that the fit's
 * thread and its helpers (hist-threads.ts) run at once. Part i reads rows[a..b) and writes its
 * left rows to left[a..) and its right rows to right[a..), in order; then the fit's thread
 * places every part's rows (left rows of part 0, 1, …, then right rows) back into `rows`. The
 * result equals the one-thread partition in grower.ts, so the model does not depend on who
 * moved which part.
 *
 * The writes are branch-free, as in grower.ts: each row is written to both outputs and only one
 * cursor advances. A stray write lands at the cursor that did not advance, which stays below b
 * (a row that goes right leaves the left cursor under a + (b − a) − 1), so it never touches
 * another part's range.
 */
import { partRange, ROW_PARTS } from './histogram';

/** Where a split reads its rows' bins: one feature's column, or row-major global bins (offset subtracted). */
export type SplitBins = { column: Uint8Array } | { global: Uint16Array; features: number; feature: number; offset: number };

/** Part i of rows[begin..end) into left[a..) and right[a..); returns its left count. */
export function splitPart(rows: Int32Array, begin: number, end: number, i: number, bins: SplitBins, goLeft: Uint8Array, left: Int32Array, right: Int32Array): number {
  const [a, b] = partRange(begin, end, i);
  let l = a;
  let r = a;
  if ('column' in bins) {
    const col = bins.column;
    for (let j = a; j < b; j++) {
      const row = rows[j];
      const go = goLeft[col[row]];
      left[l] = row;
      right[r] = row;
      l += go;
      r += 1 - go;
    }
  } else {
    const { global, features, feature, offset } = bins;
    for (let j = a; j < b; j++) {
      const row = rows[j];
      const go = goLeft[global[row * features + feature] - offset];
      left[l] = row;
      right[r] = row;
      l += go;
      r += 1 - go;
    }
  }
  return l - a;
}

/** Places the parts' rows back into rows[begin..end): all left rows in part order, then all right rows. Returns the left count. */
export function placeParts(rows: Int32Array, begin: number, end: number, lefts: Int32Array, left: Int32Array, right: Int32Array): number {
  let total = 0;
  for (let i = 0; i < ROW_PARTS; i++) total += lefts[i];
  let l = begin;
  let r = begin + total;
  for (let i = 0; i < ROW_PARTS; i++) {
    const [a, b] = partRange(begin, end, i);
    const nl = lefts[i];
    rows.set(left.subarray(a, a + nl), l);
    rows.set(right.subarray(a, a + (b - a - nl)), r);
    l += nl;
    r += b - a - nl;
  }
  return total;
}
