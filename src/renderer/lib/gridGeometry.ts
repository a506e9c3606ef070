/**
 * The preview grid's geometry (pure): which rows and columns are in view, and how a very tall
 * table is squeezed under the browsers' limit on an element's height.
 *
 * Rows have a fixed height. Up to {@link MAX_SCROLL_PX} the scroll area is as tall as the rows;
 * beyond it, the scroll area stays at the cap and scrolling maps linearly onto the rows
 * (scrollTop 0 → row 0, the end of the scrollbar → the last rows), with the rendered rows placed
 * relative to the scroll position.
 */

/**
 * Tallest scroll area the grid makes. Chrome caps an element at about 33.5M px and Firefox at
 * about 17.9M px; 15M leaves room under both.
 */
export const MAX_SCROLL_PX = 15_000_000;

export interface RowWindow {
  /** Height of the scrollable rows area (≤ MAX_SCROLL_PX). */
  scrollHeight: number;
  /** First and last row to render (inclusive, with overscan); last < first when there are none. */
  first: number;
  last: number;
  /** First and last row actually in view (inclusive, without overscan). */
  firstVisible: number;
  lastVisible: number;
  /** Where row `i` goes, in px from the top of the rows area: `top(i) = i * rowHeight + shift`. */
  shift: number;
}

/** Rows area height and the rows to render for a scroll position. */
export function rowWindow(total: number, rowHeight: number, viewport: number, scrollTop: number, overscan = 6, maxScroll = MAX_SCROLL_PX): RowWindow {
  const real = total * rowHeight;
  const scrollHeight = Math.min(real, maxScroll);
  const view = Math.max(0, viewport);
  const maxTop = Math.max(0, scrollHeight - view);
  const top = Math.min(Math.max(0, scrollTop), maxTop);
  // Real offset of the top of the view into the full rows.
  const realMax = Math.max(0, real - view);
  const offset = scrollHeight === real || maxTop === 0 ? top : (top / maxTop) * realMax;
  const shift = top - offset;
  if (total === 0) return { scrollHeight: 0, first: 0, last: -1, firstVisible: 0, lastVisible: -1, shift: 0 };
  const firstVisible = Math.min(total - 1, Math.floor(offset / rowHeight));
  const lastVisible = Math.min(total - 1, Math.max(firstVisible, Math.ceil((offset + view) / rowHeight) - 1));
  return {
    scrollHeight,
    firstVisible,
    lastVisible,
    first: Math.max(0, firstVisible - overscan),
    last: Math.min(total - 1, lastVisible + overscan),
    shift,
  };
}

/** Running left offsets of columns of the given widths (one more entry than widths: the total). */
export function columnOffsets(widths: readonly number[]): number[] {
  const offsets = new Array<number>(widths.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < widths.length; i += 1) offsets[i + 1] = offsets[i] + widths[i];
  return offsets;
}

/** Largest i with offsets[i] ≤ x (offsets ascending). */
function floorIndex(offsets: readonly number[], x: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Columns to render for a horizontal scroll position (inclusive range, with overscan). */
export function columnWindow(offsets: readonly number[], viewport: number, scrollLeft: number, overscan = 2): { first: number; last: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { first: 0, last: -1 };
  const first = Math.min(count - 1, floorIndex(offsets, Math.max(0, scrollLeft)));
  const last = Math.min(count - 1, floorIndex(offsets, Math.max(0, scrollLeft + viewport - 1)));
  return { first: Math.max(0, first - overscan), last: Math.min(count - 1, last + overscan) };
}

/** A column's width in px from its name and type: room for the name and the type badge, clamped. */
export function columnWidth(name: string, type: string): number {
  const text = name.length * 7.8 + type.length * 6.6 + 54;
  const min = type === 'text' ? 220 : type === 'datetime' ? 170 : 96;
  return Math.round(Math.min(280, Math.max(min, text)));
}
