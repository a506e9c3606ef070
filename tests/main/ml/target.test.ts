import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvText } from '../../../src/main/ml/csv';
import { DataError, type DataErrorCode } from '../../../src/main/ml/data-error';
import type { Frame } from '../../../src/main/ml/frame';
import { cellText } from '../../../src/main/ml/frame';
import { prepareTarget } from '../../../src/main/ml/target';
import type { TaskKind } from '../../../src/shared/domain';

const DATASETS = join(__dirname, '../../../../shared/datasets');
const load = (name: string): Promise<Frame> => readCsvFile(join(DATASETS, `${name}.csv`));
const frame = (text: string): Frame => readCsvText(text, 'fixture.csv');

function expectError(fn: () => unknown, code: DataErrorCode): DataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).code).toBe(code);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('task inference on the real datasets', () => {
  it.each<[string, string, TaskKind, number | null]>([
    ['telco_churn', 'churn', 'binary', 2],
    ['credit', 'Status', 'binary', 2],
    ['spam', 'type', 'binary', 2],
    ['satellite', 'classes', 'multiclass', 6],
    ['letters', 'lettr', 'multiclass', 26],
    ['diamonds', 'price', 'regression', null],
  ])('%s / %s → %s', async (name, target, task, k) => {
    const f = await load(name);
    const p = prepareTarget(f, target, undefined, `${name}.csv`);
    expect(p.task).toBe(task);
    expect(p.classes?.length ?? null).toBe(k);
    expect(p.y.length).toBe(f.rowCount - p.droppedMissing);
    expect(p.features.columns.map((c) => c.name)).not.toContain(target);
    expect(p.features.columns).toHaveLength(f.columns.length - 1);
    if (k !== null) for (const v of p.y) expect(Number.isInteger(v) && v >= 0 && v < k).toBe(true);
  });

  it('sorts class labels so class index 1 of telco churn is "Yes"', async () => {
    const f = await load('telco_churn');
    const p = prepareTarget(f, 'churn');
    expect(p.classes).toEqual(['No', 'Yes']);
    expect(p.y.reduce((s, v) => s + v, 0)).toBe(1869);
  });

  it('reads a small-integer numeric column (satellite x.1 has many values) as regression and diamonds cut as multiclass', async () => {
    const sat = await load('satellite');
    expect(prepareTarget(sat, 'x.1').task).toBe('regression');
    const d = await load('diamonds');
    const cut = prepareTarget(d, 'cut');
    expect(cut.task).toBe('multiclass');
    expect(cut.classes).toEqual(['Fair', 'Good', 'Ideal', 'Premium', 'Very Good']);
  });
});

describe('numeric targets', () => {
  it('two numeric values → binary, classes sorted numerically', () => {
    const p = prepareTarget(frame('x,y\n1,10\n2,2\n3,10\n4,2\n'), 'y');
    expect(p.task).toBe('binary');
    expect(p.classes).toEqual(['2', '10']);
    expect(Array.from(p.y)).toEqual([1, 0, 1, 0]);
  });

  it('integer values with ≤ 20 levels and > 50 rows per level → multiclass; fewer rows → regression', () => {
    const rows = (n: number): string => 'x,y\n' + Array.from({ length: n }, (_, i) => `${i},${i % 3}`).join('\n');
    const many = prepareTarget(frame(rows(151)), 'y');
    expect(many.task).toBe('multiclass');
    expect(many.classes).toEqual(['0', '1', '2']);
    expect(prepareTarget(frame(rows(150)), 'y').task).toBe('regression');
  });

  it('non-integer values → regression even when few', () => {
    const text = 'x,y\n' + Array.from({ length: 400 }, (_, i) => `${i},${(i % 3) + 0.5}`).join('\n');
    expect(prepareTarget(frame(text), 'y').task).toBe('regression');
  });

  it('honours an explicit task', () => {
    const text = 'x,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${i % 5}`).join('\n');
    const p = prepareTarget(frame(text), 'y', 'multiclass');
    expect(p.task).toBe('multiclass');
    expect(p.classes).toEqual(['0', '1', '2', '3', '4']);
    expect(prepareTarget(frame(text), 'y', 'regression').classes).toBeNull();
  });
});

describe('missing targets', () => {
  it('drops rows with a missing target and maps kept rows back', () => {
    const f = frame('a,t,b\n1,yes,p\n2,NA,q\n3,no,r\n4,,s\n5,yes,t\n');
    const p = prepareTarget(f, 't');
    expect(p.droppedMissing).toBe(2);
    expect(Array.from(p.rowIndex)).toEqual([0, 2, 4]);
    expect(p.features.rowCount).toBe(3);
    expect(p.features.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect([0, 1, 2].map((r) => cellText(p.features.columns[1], r))).toEqual(['p', 'r', 't']);
    expect(Array.from(p.y)).toEqual([1, 0, 1]);
  });
});

describe('errors', () => {
  it('UNKNOWN_COLUMN lists available names and suggests a case match', () => {
    const e = expectError(() => prepareTarget(frame('Status,b\nx,1\ny,2\n'), 'status', undefined, 'credit.csv'), 'UNKNOWN_COLUMN');
    expect(e.message).toContain('"status"');
    expect(e.message).toContain('"credit.csv"');
    expect(e.message).toContain('Did you mean "Status"?');
    expect(e.message).toContain('"Status" and "b"');
    expect(e.column).toBe('status');
  });

  it('SINGLE_VALUE_TARGET names the value', () => {
    const e = expectError(() => prepareTarget(frame('a,t\n1,yes\n2,yes\n3,NA\n'), 't'), 'SINGLE_VALUE_TARGET');
    expect(e.message).toContain('"yes"');
    const n = expectError(() => prepareTarget(frame('a,t\n1,3\n2,3\n'), 't', 'regression'), 'SINGLE_VALUE_TARGET');
    expect(n.message).toContain('"3"');
  });

  it('BAD_TARGET for regression on a categorical target', () => {
    const e = expectError(() => prepareTarget(frame('a,t\n1,x\n2,y\n'), 't', 'regression'), 'BAD_TARGET');
    expect(e.message).toMatch(/cannot be predicted by regression/);
  });

  it('BAD_TARGET for binary with more than two classes', () => {
    expectError(() => prepareTarget(frame('a,t\n1,x\n2,y\n3,z\n'), 't', 'binary'), 'BAD_TARGET');
  });

  it('BAD_TARGET for more than 200 classes', () => {
    const text = 'a,t\n' + Array.from({ length: 450 }, (_, i) => `${i},c${i % 201}`).join('\n');
    const e = expectError(() => prepareTarget(frame(text), 't'), 'BAD_TARGET');
    expect(e.message).toContain('201');
    const num = 'a,t\n' + Array.from({ length: 450 }, (_, i) => `${i},${i}`).join('\n');
    expectError(() => prepareTarget(frame(num), 't', 'multiclass'), 'BAD_TARGET');
  });

  it('NO_ROWS when every target value is missing', () => {
    const e = expectError(() => prepareTarget(frame('a,t\n1,NA\n2,\n'), 't', undefined, 'f.csv'), 'NO_ROWS');
    expect(e.message).toContain('"t"');
    expect(e.file).toBe('f.csv');
  });
});
