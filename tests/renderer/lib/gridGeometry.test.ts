import { describe, expect, it } from 'vitest';
import { columnOffsets, columnWidth, columnWindow, MAX_SCROLL_PX, rowWindow } from '../../../src/renderer/lib/gridGeometry';

describe('rowWindow', () => {
  it('renders the rows in view plus overscan, unscaled for small tables', () => {
    const w = rowWindow(1000, 28, 280, 28 * 100, 5);
    expect(w.scrollHeight).toBe(28_000);
    expect(w.firstVisible).toBe(100);
    expect(w.lastVisible).toBe(109);
    expect([w.first, w.last]).toEqual([95, 114]);
    expect(w.shift).toBe(0);
  });

  it('clamps at the ends and handles an empty table', () => {
    expect(rowWindow(10, 28, 280, -50, 3)).toMatchObject({ first: 0, firstVisible: 0, lastVisible: 9, last: 9 });
    expect(rowWindow(1000, 28, 280, 1e9, 2)).toMatchObject({ firstVisible: 990, lastVisible: 999, last: 999 });
    expect(rowWindow(0, 28, 280, 0)).toMatchObject({ scrollHeight: 0, first: 0, last: -1 });
  });

  it('keeps a million rows under the height cap and still reaches the first and last rows', () => {
    const total = 1_000_000;
    const view = 400;
    const top = rowWindow(total, 28, view, 0);
    expect(top.scrollHeight).toBe(MAX_SCROLL_PX);
    expect(top.firstVisible).toBe(0);
    const end = rowWindow(total, 28, view, MAX_SCROLL_PX - view);
    expect(end.lastVisible).toBe(total - 1);
    // The last row sits at the bottom of the view: its top is within the scroll area's last viewport.
    const lastTop = (total - 1) * 28 + end.shift;
    expect(lastTop).toBeGreaterThanOrEqual(MAX_SCROLL_PX - view);
    expect(lastTop + 28).toBeCloseTo(MAX_SCROLL_PX, 3);
    // Half-way down the scrollbar is half-way through the rows.
    const mid = rowWindow(total, 28, view, (MAX_SCROLL_PX - view) / 2);
    expect(mid.firstVisible).toBeGreaterThan(total / 2 - 20);
    expect(mid.firstVisible).toBeLessThan(total / 2 + 20);
    // Rendered rows sit where the view is: the first visible one at the top of it.
    expect(mid.firstVisible * 28 + mid.shift).toBeLessThanOrEqual((MAX_SCROLL_PX - view) / 2);
    expect(mid.firstVisible * 28 + mid.shift).toBeGreaterThan((MAX_SCROLL_PX - view) / 2 - 28);
  });
});

describe('columns', () => {
  it('finds the columns in view among 5,000 by binary search', () => {
    const widths = Array.from({ length: 5000 }, () => 100);
    const offsets = columnOffsets(widths);
    expect(offsets[5000]).toBe(500_000);
    expect(columnWindow(offsets, 1000, 0, 2)).toEqual({ first: 0, last: 11 });
    expect(columnWindow(offsets, 1000, 250_050, 2)).toEqual({ first: 2498, last: 2512 });
    expect(columnWindow(offsets, 1000, 499_000, 2)).toEqual({ first: 4988, last: 4999 });
    expect(columnWindow([0], 1000, 0)).toEqual({ first: 0, last: -1 });
  });

  it('sizes a column for its name and type, within bounds', () => {
    expect(columnWidth('a', '')).toBe(96);
    expect(columnWidth('x'.repeat(200), 'categorical')).toBe(280);
    expect(columnWidth('notes', 'text')).toBeGreaterThanOrEqual(220);
  });
});
