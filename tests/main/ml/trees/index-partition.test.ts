import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { ROW_PARTS } from '../../../../src/main/ml/trees/histogram';
import { placeParts, splitPart, type SplitBins } from '../../../../src/main/ml/trees/index-partition';

/** The one-thread stable partition: left rows in order, then right rows in order. */
function stablePartition(rows: Int32Array, begin: number, end: number, goesLeft: (row: number) => boolean): Int32Array {
  const slice = Array.from(rows.subarray(begin, end));
  return Int32Array.from([...slice.filter(goesLeft), ...slice.filter((r) => !goesLeft(r))]);
}

describe('row-index partition by parts', () => {
  const n = 5_000;
  const F = 3;
  const rng = createRng(4);
  const column = Uint8Array.from({ length: n }, () => rng.int(40));
  const offsets = [0, 40, 80];
  // Row-major global bins: feature 1 holds the same local bins as `column`, at offset 40.
  const global = new Uint16Array(n * F);
  for (let r = 0; r < n; r++) for (let f = 0; f < F; f++) global[r * F + f] = offsets[f] + (f === 1 ? column[r] : rng.int(40));
  const goLeft = new Uint8Array(256);
  for (let b = 0; b < 256; b++) goLeft[b] = b % 3 === 0 || b > 30 ? 1 : 0;

  it.each<[string, SplitBins]>([
    ['a column', { column }],
    ['row-major bins', { global, features: F, feature: 1, offset: offsets[1] }],
  ])('parts then placing equal the stable one-thread partition (%s), with no write outside a part', (_, bins) => {
    for (const [begin, end] of [[0, n], [17, 4_321], [100, 105], [9, 9]]) {
      const rows = Int32Array.from({ length: n }, (_, i) => i);
      rng.shuffle(rows.subarray(0, n));
      const expected = stablePartition(rows, begin, end, (r) => goLeft[column[r]] === 1);
      const before = Int32Array.from(rows);
      const left = new Int32Array(n).fill(-1);
      const right = new Int32Array(n).fill(-1);
      const lefts = new Int32Array(ROW_PARTS);
      // Parts in reverse order: no part may depend on another having run first.
      for (let i = ROW_PARTS - 1; i >= 0; i--) lefts[i] = splitPart(rows, begin, end, i, bins, goLeft, left, right);
      const count = placeParts(rows, begin, end, lefts, left, right);
      expect(count).toBe(expected.filter((r) => goLeft[column[r]] === 1).length);
      expect(Array.from(rows.subarray(begin, end))).toEqual(Array.from(expected));
      // Rows outside the range are untouched, and the scratch outside it never written.
      expect(Array.from(rows.subarray(0, begin))).toEqual(Array.from(before.subarray(0, begin)));
      expect(Array.from(rows.subarray(end))).toEqual(Array.from(before.subarray(end)));
      expect(left.subarray(0, begin).every((v) => v === -1) && left.subarray(end).every((v) => v === -1)).toBe(true);
      expect(right.subarray(0, begin).every((v) => v === -1) && right.subarray(end).every((v) => v === -1)).toBe(true);
    }
  });
});
