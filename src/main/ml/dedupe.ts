/**
 * Duplicate training rows (the refinement's cleaning block, 'drop-duplicates'): rows equal in
 * every feature and in the target count once. Rows are hashed column by column (32-bit FNV-1a
 * over each value's bits or category code), and rows with the same hash are compared exactly,
 * so a hash collision never drops a row. NaN equals NaN here (two rows missing the same cell are
 * the same row).
 */
import type { Frame } from './frame';
import { selectRows } from './frame';

/** The rows to keep (first of each group of equal rows), in order. */
export function distinctRows(frame: Frame, y: Float64Array): Int32Array {
  const n = frame.rowCount;
  const hash = new Int32Array(n).fill(0x811c9dc5 | 0);
  const bits = new Float64Array(1);
  const words = new Int32Array(bits.buffer);
  const mix = (h: number, v: number): number => Math.imul(h ^ v, 0x01000193);
  const mixNumber = (h: number, v: number): number => {
    bits[0] = v !== v ? Number.NaN : v === 0 ? 0 : v;
    return mix(mix(h, words[0]), words[1]);
  };
  for (const c of frame.columns) {
    if (c.kind === 'numeric') for (let i = 0; i < n; i++) hash[i] = mixNumber(hash[i], c.values[i]);
    else for (let i = 0; i < n; i++) hash[i] = mix(hash[i], c.codes[i]);
  }
  for (let i = 0; i < n; i++) hash[i] = mixNumber(hash[i], y[i]);
  const same = (a: number, b: number): boolean => {
    const eq = (u: number, v: number): boolean => u === v || (u !== u && v !== v);
    if (!eq(y[a], y[b])) return false;
    for (const c of frame.columns) {
      if (c.kind === 'numeric' ? !eq(c.values[a], c.values[b]) : c.codes[a] !== c.codes[b]) return false;
    }
    return true;
  };
  const firstByHash = new Map<number, number[]>();
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const seen = firstByHash.get(hash[i]);
    if (seen?.some((j) => same(i, j))) continue;
    if (seen) seen.push(i);
    else firstByHash.set(hash[i], [i]);
    keep.push(i);
  }
  return Int32Array.from(keep);
}

/** The frame and target without duplicate rows (the same objects when there are none). */
export function withoutDuplicates(frame: Frame, y: Float64Array): { frame: Frame; y: Float64Array; dropped: number } {
  const keep = distinctRows(frame, y);
  if (keep.length === frame.rowCount) return { frame, y, dropped: 0 };
  return { frame: selectRows(frame, keep), y: Float64Array.from(keep, (r) => y[r]), dropped: frame.rowCount - keep.length };
}
