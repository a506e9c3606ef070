import { describe, expect, it } from 'vitest';
import { distinctRows, withoutDuplicates } from '../../../src/main/ml/dedupe';
import { categorical, frame, numeric } from './models/synthetic';

describe('duplicate rows', () => {
  it('keeps the first of rows equal in every feature and the target; missing equals missing; -0 equals 0', () => {
    const f = frame([numeric('x', [1, 1, Number.NaN, Number.NaN, 2, -0, 0]), categorical('c', ['a', 'a', 'b', 'b', 'a', 'z', 'z'])]);
    const y = Float64Array.of(0, 0, 1, 1, 0, 5, 5);
    expect(Array.from(distinctRows(f, y))).toEqual([0, 2, 4, 5]);
    // The same features with another target are another row.
    expect(Array.from(distinctRows(f, Float64Array.of(0, 1, 1, 1, 0, 5, 5)))).toEqual([0, 1, 2, 4, 5]);
    const out = withoutDuplicates(f, y);
    expect(out.dropped).toBe(3);
    expect(out.frame.rowCount).toBe(4);
    expect(Array.from(out.y)).toEqual([0, 1, 0, 5]);
  });

  it('hands back the same frame when nothing repeats', () => {
    const f = frame([numeric('x', [1, 2, 3])]);
    const y = Float64Array.of(0, 1, 0);
    const out = withoutDuplicates(f, y);
    expect(out.frame).toBe(f);
    expect(out.dropped).toBe(0);
  });
});
