/** Which way a study's objective goes, and comparisons that respect it. */
import type { Metric } from '../metrics';

export type Direction = 'maximize' | 'minimize';

/** The direction that makes `metric` better. */
export const directionOf = (metric: Pick<Metric, 'greaterIsBetter'>): Direction => (metric.greaterIsBetter ? 'maximize' : 'minimize');

/** True when `a` is strictly better than `b`; NaN is never better, and anything beats NaN. */
export function isBetterValue(direction: Direction, a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return direction === 'maximize' ? a > b : a < b;
}

/** Sort comparator: best first (NaN last). */
export const bestFirst =
  (direction: Direction) =>
  (a: number, b: number): number => {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return direction === 'maximize' ? b - a : a - b;
  };
