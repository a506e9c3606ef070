import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/main/ml/rng';
import { sortFloat32 } from '../../../../src/main/ml/trees/sort-float32';

/** Whether two float32 arrays hold the same values in the same order (−0 and +0 told apart). */
function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('sortFloat32', () => {
  it('orders like Float32Array.prototype.sort, signed zeros, infinities, subnormals and ties included', () => {
    const rng = createRng(7);
    for (const n of [0, 1, 5, 255, 256, 1000, 50_000]) {
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const pick = rng.int(10);
        values[i] = pick === 0 ? -0 : pick === 1 ? 0 : pick === 2 ? (rng.next() < 0.5 ? Infinity : -Infinity) : pick === 3 ? (rng.next() - 0.5) * 1e-42 : pick === 4 ? rng.int(5) - 2 : rng.normal() * 10 ** (rng.int(20) - 10);
      }
      const expected = Float32Array.from(values).sort();
      const result = sortFloat32(values);
      expect(result).toBe(values);
      expect(sameValues(values, expected)).toBe(true);
    }
  });

  it('sorts a view in place without touching the rest of its buffer', () => {
    const buffer = Float32Array.from({ length: 1200 }, (_, i) => (i * 7919) % 1000 - 500);
    const before = Float32Array.from(buffer);
    const view = buffer.subarray(100, 1100);
    const expected = Float32Array.from(view).sort();
    sortFloat32(view);
    expect(sameValues(view, expected)).toBe(true);
    expect(sameValues(buffer.subarray(0, 100), before.subarray(0, 100))).toBe(true);
    expect(sameValues(buffer.subarray(1100), before.subarray(1100))).toBe(true);
  });
});
