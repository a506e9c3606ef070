/** Synthetic frames for model tests: known coefficients, separable classes, missing values. */
import type { CategoricalColumn, Column, Frame, NumericColumn } from '../../../../src/main/ml/frame';
import { createRng, type Rng } from '../../../../src/main/ml/rng';

export function numeric(name: string, values: ArrayLike<number>): NumericColumn {
  return { kind: 'numeric', name, values: Float64Array.from(values) };
}

/** A categorical column from text cells (null = missing), dictionary in first-seen order. */
export function categorical(name: string, cells: (string | null)[]): CategoricalColumn {
  const categories: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(cells, (c) => {
    if (c === null) return -1;
    if (!index.has(c)) {
      index.set(c, categories.length);
      categories.push(c);
    }
    return index.get(c) ?? -1;
  });
  return { kind: 'categorical', name, codes, categories };
}

export function frame(columns: Column[]): Frame {
  const rowCount = columns.length ? (columns[0].kind === 'numeric' ? columns[0].values.length : columns[0].codes.length) : 0;
  return { rowCount, columns };
}

export interface Synthetic {
  features: Frame;
  y: Float64Array;
  classes: string[] | null;
}

const COLORS = ['red', 'green', 'blue'];

/**
 * Two numerics on different scales, one categorical with a real effect, one noise column;
 * `missing` sets the share of NaN / null cells.
 */
export function syntheticData(kind: 'binary' | 'multiclass' | 'regression', n: number, seed = 1, missing = 0): Synthetic {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const noise = new Float64Array(n);
  const color: (string | null)[] = [];
  const y = new Float64Array(n);
  const colorEffect: Record<string, number> = { red: 1.5, green: -1, blue: 0 };
  for (let i = 0; i < n; i++) {
    a[i] = rng.normal();
    b[i] = 100 + 20 * rng.normal();
    noise[i] = rng.normal();
    const c = COLORS[rng.int(3)];
    color.push(c);
    const score = 2 * a[i] - 0.05 * (b[i] - 100) + colorEffect[c];
    if (kind === 'regression') y[i] = 3 + 2 * a[i] - 0.05 * (b[i] - 100) + colorEffect[c] + 0.01 * rng.normal();
    else if (kind === 'binary') y[i] = score > 0 ? 1 : 0;
    else y[i] = score < -1 ? 0 : score < 1 ? 1 : 2;
    if (missing > 0) {
      if (rng.next() < missing) a[i] = Number.NaN;
      if (rng.next() < missing) color[i] = null;
    }
  }
  const features = frame([numeric('a', a), numeric('b', b), categorical('color', color), numeric('noise', noise)]);
  const classes = kind === 'regression' ? null : kind === 'binary' ? ['no', 'yes'] : ['low', 'mid', 'high'];
  return { features, y, classes };
}

export function accuracy(proba: Float64Array, y: Float64Array, k: number): number {
  let hits = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (proba[i * k + j] > proba[i * k + best]) best = j;
    if (best === y[i]) hits++;
  }
  return hits / y.length;
}

export { createRng, type Rng };
