/**
 * A seeded sample of row indexes, in increasing order: the workflow's quick looks at large data
 * (ensemble selection, column scores) read at most a few tens of thousands of rows.
 */

/** `max` distinct indexes of 0..n−1 (all of them when n ≤ max), increasing, drawn with `random`. */
export function sampleRows(n: number, max: number, random: () => number): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const picked = new Uint8Array(n);
  let count = 0;
  while (count < max) {
    const i = Math.floor(random() * n);
    if (!picked[i]) {
      picked[i] = 1;
      count++;
    }
  }
  const out = new Int32Array(max);
  for (let i = 0, j = 0; i < n; i++) if (picked[i]) out[j++] = i;
  return out;
}
