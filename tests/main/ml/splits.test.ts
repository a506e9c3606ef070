import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../../src/main/ml/csv';
import { createRng } from '../../../src/main/ml/rng';
import { kFold, trainTestSplit } from '../../../src/main/ml/splits';
import { prepareTarget } from '../../../src/main/ml/target';

const DATASETS = join(__dirname, '../../../../shared/datasets');

/** Labels with class c repeated counts[c] times, interleaved deterministically. */
function labels(counts: number[]): Float64Array {
  const out: number[] = [];
  counts.forEach((n, c) => {
    for (let i = 0; i < n; i++) out.push(c);
  });
  // a fixed interleave so classes are not in blocks
  return Float64Array.from(out.map((c, i) => [c, (i * 7919) % out.length] as const).sort((a, b) => a[1] - b[1]).map(([c]) => c));
}

function classCount(y: Float64Array, rows: Int32Array, c: number): number {
  let n = 0;
  for (const r of rows) if (y[r] === c) n++;
  return n;
}

function isSortedUnique(a: Int32Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] <= a[i - 1]) return false;
  return true;
}

function expectPartition(n: number, parts: Int32Array[]): void {
  const seen = new Uint8Array(n);
  for (const p of parts) for (const r of p) seen[r]++;
  expect(Array.from(seen).every((s) => s === 1)).toBe(true);
}

describe('trainTestSplit', () => {
  it('keeps class proportions (stratified) and the exact test size', () => {
    const y = labels([700, 250, 50]);
    const { train, test } = trainTestSplit(y, 'multiclass', 0.2, createRng(1));
    expect(test.length).toBe(200);
    expect([0, 1, 2].map((c) => classCount(y, test, c))).toEqual([140, 50, 10]);
    expect([0, 1, 2].map((c) => classCount(y, train, c))).toEqual([560, 200, 40]);
    expect(isSortedUnique(train) && isSortedUnique(test)).toBe(true);
    expectPartition(y.length, [train, test]);
  });

  it('allots rounding remainders so per-class counts are within one of exact', () => {
    const y = labels([33, 33, 34]);
    const { test } = trainTestSplit(y, 'multiclass', 0.25, createRng(3));
    expect(test.length).toBe(25);
    for (const [c, n] of [33, 33, 34].entries()) expect(Math.abs(classCount(y, test, c) - n * 0.25)).toBeLessThan(1);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const y = labels([60, 40]);
    const a = trainTestSplit(y, 'binary', 0.3, createRng(42));
    const b = trainTestSplit(y, 'binary', 0.3, createRng(42));
    const c = trainTestSplit(y, 'binary', 0.3, createRng(43));
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it('shuffles regression rows', () => {
    const y = Float64Array.from({ length: 100 }, (_, i) => i * 1.5);
    const { train, test } = trainTestSplit(y, 'regression', 0.2, createRng(7));
    expect(test.length).toBe(20);
    expectPartition(100, [train, test]);
    expect(Array.from(test)).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('does not crash on a class with a single member', () => {
    const y = labels([50, 49, 1]);
    const { train, test } = trainTestSplit(y, 'multiclass', 0.2, createRng(5));
    expectPartition(100, [train, test]);
  });

  it('rejects a bad fraction', () => {
    expect(() => trainTestSplit(labels([5, 5]), 'binary', 1, createRng(1))).toThrow(RangeError);
    expect(() => trainTestSplit(labels([5, 5]), 'binary', 0, createRng(1))).toThrow(RangeError);
  });

  it('matches the class balance of the documented telco test split size', async () => {
    const f = await readCsvFile(join(DATASETS, 'telco_churn.csv'));
    const p = prepareTarget(f, 'churn');
    const documented = readFileSync(join(DATASETS, 'splits/telco_churn.test-rows.txt'), 'utf8').trim().split(/\s+/).map(Number);
    const { test } = trainTestSplit(p.y, p.task, 0.2, createRng(2024));
    expect(test.length).toBe(documented.length);
    expect(classCount(p.y, test, 1)).toBe(documented.filter((r) => p.y[r] === 1).length);
  });
});

describe('kFold', () => {
  it('puts every row in exactly one test fold, stratified, with balanced sizes', () => {
    const y = labels([503, 301, 196]);
    const folds = kFold(y, 'multiclass', 5, createRng(11));
    expect(folds).toHaveLength(5);
    expectPartition(y.length, folds.map((f) => f.test));
    for (const f of folds) {
      expect(f.train.length + f.test.length).toBe(1000);
      expect(f.test.length).toBe(200);
      expect(isSortedUnique(f.train) && isSortedUnique(f.test)).toBe(true);
      expectPartition(1000, [f.train, f.test]);
      for (const [c, n] of [503, 301, 196].entries()) expect(Math.abs(classCount(y, f.test, c) - n / 5)).toBeLessThan(1);
    }
  });

  it('is deterministic for a seed', () => {
    const y = labels([30, 20]);
    const a = kFold(y, 'binary', 3, createRng(9)).map((f) => Array.from(f.test));
    const b = kFold(y, 'binary', 3, createRng(9)).map((f) => Array.from(f.test));
    const c = kFold(y, 'binary', 3, createRng(10)).map((f) => Array.from(f.test));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('distributes classes smaller than k without crashing', () => {
    const y = labels([40, 2, 1]);
    const folds = kFold(y, 'multiclass', 5, createRng(4));
    expectPartition(43, folds.map((f) => f.test));
    expect(folds.reduce((s, f) => s + classCount(y, f.test, 1), 0)).toBe(2);
    expect(folds.map((f) => f.test.length).sort()).toEqual([8, 8, 9, 9, 9]);
  });

  it('splits regression rows into near-equal folds', () => {
    const y = Float64Array.from({ length: 23 }, (_, i) => i / 3);
    const folds = kFold(y, 'regression', 4, createRng(8));
    expectPartition(23, folds.map((f) => f.test));
    expect(folds.map((f) => f.test.length)).toEqual([6, 6, 6, 5]);
  });

  it('rejects k < 2, k > n and non-class labels', () => {
    expect(() => kFold(labels([3, 3]), 'binary', 1, createRng(1))).toThrow(RangeError);
    expect(() => kFold(labels([3, 3]), 'binary', 7, createRng(1))).toThrow(/at most 6 folds/);
    expect(() => kFold(Float64Array.from([0, 1, 0.5]), 'binary', 2, createRng(1))).toThrow(/class indexes/);
  });
});
