/**
 * Seeded train/test splits and K-fold cross-validation folds, stratified by class for
 * classification so every part keeps the class proportions (within one row per class).
 * All randomness comes from the `rng` passed in: the same seed gives the same split.
 */
import type { TaskKind } from '../../shared/domain';
import type { Rng } from './rng';

/** Row indexes (into `y`) of the two sides of a split, each sorted ascending. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Splits rows into train and test, `testFraction` of them (rounded, at least one row on each
 * side) in test. Classification is stratified: each class contributes its share, allotted by
 * largest remainder so the total is exact. Regression is a plain shuffle.
 */
export function trainTestSplit(y: Float64Array, task: TaskKind, testFraction: number, rng: Rng): Split {
  const n = y.length;
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be between 0 and 1 (exclusive), got ${testFraction}.`);
  if (n < 2) throw new RangeError(`A train/test split needs at least 2 rows, got ${n}.`);
  const nTest = Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
  const inTest = new Uint8Array(n);
  if (task === 'regression') {
    const order = rng.shuffle(identity(n));
    for (let i = 0; i < nTest; i++) inTest[order[i]] = 1;
  } else {
    const groups = classGroups(y);
    const quota = allot(
      groups.map((g) => g.length),
      nTest,
    );
    groups.forEach((g, c) => {
      rng.shuffle(g);
      for (let i = 0; i < quota[c]; i++) inTest[g[i]] = 1;
    });
  }
  return splitByMask(inTest, 1);
}

/**
 * K folds: every row is in exactly one test fold, fold sizes differ by at most one, and for
 * classification each class is dealt round-robin across folds (continuing where the previous
 * class stopped), so a class with fewer than `k` rows simply misses some folds.
 */
export function kFold(y: Float64Array, task: TaskKind, k: number, rng: Rng): Split[] {
  const n = y.length;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer of at least 2, got ${k}.`);
  if (k > n) throw new RangeError(`Cannot make ${k} folds from ${n} rows: use at most ${n} folds.`);
  const folds = new Int32Array(n);
  let next = 0;
  const deal = (rows: Int32Array): void => {
    for (let i = 0; i < rows.length; i++) {
      folds[rows[i]] = next;
      next = next + 1 === k ? 0 : next + 1;
    }
  };
  if (task === 'regression') deal(rng.shuffle(identity(n)));
  else for (const g of classGroups(y)) deal(rng.shuffle(g));
  const out: Split[] = [];
  for (let f = 0; f < k; f++) out.push(splitByMask(folds, f));
  return out;
}

/**
 * Refuses folds a classifier cannot be trained on: a fold whose training part holds a single
 * class (it happens when the other classes together have too few rows, e.g. one row of the
 * minority class of a binary target, whose fold then trains on the majority class alone).
 * Classes with fewer rows than folds are otherwise fine: they are missing from some folds'
 * test parts (and from a training part only when all their rows share one fold). `classes`
 * names the labels in the message. Throws a RangeError naming the class and its row count.
 */
export function assertFoldsTrainable(folds: readonly Split[], y: Float64Array, task: TaskKind, classes?: readonly string[] | null): void {
  if (task === 'regression') return;
  const label = (c: number): string => `"${classes?.[c] ?? String(c)}"`;
  const counts = new Map<number, number>();
  for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size < 2) {
    const only = [...counts.keys()][0];
    throw new RangeError(`Cannot cross-validate a classifier: every training row is of class ${only === undefined ? '(none)' : label(only)}. A classifier needs rows of at least two classes.`);
  }
  folds.forEach((fold, f) => {
    const first = y[fold.train[0]];
    for (let i = 1; i < fold.train.length; i++) if (y[fold.train[i]] !== first) return;
    const others = [...counts.entries()].filter(([c]) => c !== first);
    const rare = others.map(([c, n]) => `${label(c)} has ${n} row${n === 1 ? '' : 's'}`).join(', ');
    throw new RangeError(
      `Cannot cross-validate with ${folds.length} folds: the training part of fold ${f + 1} holds only class ${label(first)}, because ${rare}. Add rows of the rare class${others.length === 1 ? '' : 'es'}, or leave those rows out.`,
    );
  });
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Row indexes per class index (ascending), for `y` holding class indexes 0..k-1. */
function classGroups(y: Float64Array): Int32Array[] {
  let k = 0;
  for (let i = 0; i < y.length; i++) {
    const c = y[i];
    if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`Classification labels must be class indexes 0..k-1; row ${i} holds ${c}.`);
    if (c + 1 > k) k = c + 1;
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < y.length; i++) sizes[y[i]]++;
  const groups = Array.from(sizes, (s) => new Int32Array(s));
  const filled = new Int32Array(k);
  for (let i = 0; i < y.length; i++) {
    const c = y[i];
    groups[c][filled[c]++] = i;
  }
  return groups.filter((g) => g.length > 0);
}

/** Splits `total` among groups in proportion to their sizes (largest remainder, ties to the earlier group). */
function allot(sizes: readonly number[], total: number): number[] {
  const n = sizes.reduce((s, x) => s + x, 0);
  const exact = sizes.map((s) => (s * total) / n);
  const quota = exact.map(Math.floor);
  let left = total - quota.reduce((s, x) => s + x, 0);
  const byRemainder = exact.map((e, i) => i).sort((a, b) => exact[b] - quota[b] - (exact[a] - quota[a]) || a - b);
  for (const i of byRemainder) {
    if (left === 0) break;
    if (quota[i] < sizes[i]) {
      quota[i]++;
      left--;
    }
  }
  return quota;
}

/** Rows whose mark equals `testMark` go to test, the rest to train; both ascending. */
function splitByMask(mark: ArrayLike<number>, testMark: number): Split {
  let nTest = 0;
  for (let i = 0; i < mark.length; i++) if (mark[i] === testMark) nTest++;
  const test = new Int32Array(nTest);
  const train = new Int32Array(mark.length - nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < mark.length; i++) {
    if (mark[i] === testMark) test[a++] = i;
    else train[b++] = i;
  }
  return { train, test };
}
