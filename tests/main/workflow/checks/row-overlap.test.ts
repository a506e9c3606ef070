import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../../../src/main/ml/csv';
import { prepareTarget } from '../../../../src/main/ml/target';
import { checkRowOverlap, rowKey } from '../../../../src/main/workflow/checks/row-overlap';
import { datasetPath, testRows } from '../../../support/datasets';
import { cat, frameOf, num } from './frames';

describe('train/holdout row-overlap checker', () => {
  const frame = frameOf(num('a', [1, 2, 3, 1, 2, Number.NaN, Number.NaN, 0.1 + 0.2]), cat('b', ['x', 'y', 'z', 'x', 'q', null, null, 'x']));

  it('counts holdout rows that repeat a training row exactly, missing values included', () => {
    const r = checkRowOverlap(frame, { train: [0, 1, 2, 5], test: [3, 4, 6, 7] });
    expect(r.duplicatedTestRows).toBe(2); // row 3 = row 0, row 6 = row 5 (both missing)
    expect(r.share).toBe(0.5);
    expect(r.examples).toEqual([
      { test: 3, train: 0 },
      { test: 6, train: 5 },
    ]);
    expect(r.summary).toBe('2 of 4 holdout rows (50.0%) repeat a training row exactly, so the holdout score may be optimistic for them.');
  });

  it('distinguishes close numbers and can compare a subset of columns', () => {
    expect(rowKey(frame, 7)).not.toBe(rowKey(frameOf(num('a', [0.3]), cat('b', ['x'])), 0));
    expect(checkRowOverlap(frame, { train: [0], test: [7] }).duplicatedTestRows).toBe(0);
    expect(checkRowOverlap(frame, { train: [0], test: [7] }, { columns: ['b'] }).duplicatedTestRows).toBe(1);
    expect(() => checkRowOverlap(frame, { train: [0], test: [1] }, { columns: ['nope'] })).toThrow(/nope/);
    expect(checkRowOverlap(frame, { train: [0, 1], test: [2] }).summary).toBe('No holdout row repeats a training row (1 holdout rows checked).');
  });

  it('reports the real duplicates of telco_churn across its fixed test split', async () => {
    const data = await readCsvFile(datasetPath('telco_churn.csv'));
    const { features } = prepareTarget(data, 'churn');
    const isTest = testRows('telco_churn');
    const test = [...isTest].sort((a, b) => a - b);
    const train = Array.from({ length: features.rowCount }, (_, i) => i).filter((i) => !isTest.has(i));
    const r = checkRowOverlap(features, { train, test });
    expect(r.testRows).toBe(test.length);
    expect(r.share).toBeLessThan(0.02);
    for (const e of r.examples) expect(rowKey(features, e.test)).toBe(rowKey(features, e.train));
  });
});
