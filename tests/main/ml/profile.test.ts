import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvText } from '../../../src/main/ml/csv';
import type { Column, Frame } from '../../../src/main/ml/frame';
import { previewRows, profileFrame } from '../../../src/main/ml/profile';

const DATASETS = join(__dirname, '../../../../shared/datasets');

function frame(text: string): Frame {
  return readCsvText(text, 'fixture.csv');
}

describe('profileFrame on a hand-checkable frame', () => {
  // x: 1, 2, 2, 4, NA  → n=4, mean 2.25, sample var ((1.25² + .25² + .25² + 1.75²) / 3) = 4.75/3
  const f = frame('x,colour,id,k\n1,red,a,7\n2,blue,b,7\n2,red,c,7\nNA,,d,7\n4,red,e,7\n');
  const { columns } = profileFrame(f);

  it('computes numeric statistics', () => {
    const x = columns[0];
    expect(x).toMatchObject({ name: 'x', index: 0, storage: 'numeric', type: 'integer', inferredType: 'integer', missing: 1, distinct: 3, min: 1, max: 4, top: [] });
    expect(x.mean).toBeCloseTo(2.25, 12);
    expect(x.std).toBeCloseTo(Math.sqrt(4.75 / 3), 12);
  });

  it('bins integer columns one integer per bin', () => {
    expect(columns[0].histogram).toEqual([
      { label: '[1, 2)', count: 1 },
      { label: '[2, 3)', count: 2 },
      { label: '[3, 4)', count: 0 },
      { label: '[4, 5)', count: 1 },
    ]);
  });

  it('computes categorical counts, top values and histogram', () => {
    const colour = columns[1];
    expect(colour).toMatchObject({ storage: 'categorical', type: 'categorical', excluded: false, flags: [], missing: 1, distinct: 2, min: null, max: null, mean: null, std: null });
    expect(colour.top).toEqual([
      { value: 'red', count: 3 },
      { value: 'blue', count: 1 },
    ]);
    expect(colour.histogram).toEqual([
      { label: 'red', count: 3 },
      { label: 'blue', count: 1 },
    ]);
  });

  it('gives a constant column one closed bin', () => {
    expect(columns[3]).toMatchObject({ distinct: 1, std: 0, histogram: [{ label: '[7, 7]', count: 5 }] });
  });

  it('types, flags and leaves out columns with a reason', () => {
    expect(columns[2]).toMatchObject({ name: 'id', type: 'identifier', flags: ['unique'], excluded: true, excludedReason: expect.stringMatching(/identifier/) });
    expect(columns[3]).toMatchObject({ name: 'k', type: 'integer', flags: ['constant'], excluded: true, excludedReason: expect.stringMatching(/constant/) });
    expect(columns[0].excluded).toBe(false);
    expect(columns[0].excludedReason).toBeUndefined();
    for (const c of columns) expect(c.typeReason.length).toBeGreaterThan(0);
  });
});

describe('histograms', () => {
  it('uses equal-width bins labelled [lo, hi) with a closed last bin', () => {
    const values = [1.5, 1.6, 2.0, 2.2, 2.4, 3.5];
    const { columns } = profileFrame(frame('v\n' + values.join('\n')));
    const h = columns[0].histogram;
    // 6 distinct values → 6 bins of width (3.5 - 1.5) / 6
    expect(h).toHaveLength(6);
    expect(h[0].label).toBe('[1.500, 1.833)');
    expect(h[5].label).toBe('[3.167, 3.500]');
    expect(h.map((b) => b.count)).toEqual([2, 1, 2, 0, 0, 1]);
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(values.length);
  });

  it('caps numeric bins at 20 and labels them as in [1.5, 2.0)', () => {
    const values = Array.from({ length: 41 }, (_, i) => 1.5 + i * 0.25); // 1.5 .. 11.5, width 0.5
    const h = profileFrame(frame('v\n' + values.join('\n'))).columns[0].histogram;
    expect(h).toHaveLength(20);
    expect(h[0]).toEqual({ label: '[1.5, 2.0)', count: 2 });
    expect(h[19]).toEqual({ label: '[11.0, 11.5]', count: 3 });
  });

  it('keeps the top 10 categories and folds the rest into other', () => {
    const rows: string[] = [];
    for (let c = 0; c < 12; c++) for (let i = 0; i <= 12 - c; i++) rows.push(`c${c}`);
    const p = profileFrame(frame('v\n' + rows.join('\n'))).columns[0];
    expect(p.distinct).toBe(12);
    expect(p.top).toHaveLength(10);
    expect(p.top[0]).toEqual({ value: 'c0', count: 13 });
    expect(p.histogram).toHaveLength(11);
    expect(p.histogram[10]).toEqual({ label: 'other', count: 3 + 2 });
  });
});

describe('suggested target', () => {
  it('prefers a column named like a target, case-insensitively', () => {
    const p = profileFrame(frame('a,Label,b\n1,x,2\n2,y,3\n3,x,4\n'));
    expect(p.suggestedTarget).toBe('Label');
    expect(p.suggestedTargetReason).toMatch(/named like a target/);
  });

  it('falls back to the last column, skipping identifiers and constants', () => {
    const p = profileFrame(frame('a,b,name,const\n1,x,ann,1\n2,y,bob,1\n3,x,cy,1\n'));
    expect(p.suggestedTarget).toBe('b');
    expect(p.suggestedTargetReason).toMatch(/last usable column/);
    expect(p.suggestedTargetReason).toContain('"name" (an identifier)');
    expect(p.suggestedTargetReason).toContain('"const" (constant)');
  });

  it('skips text and date columns', () => {
    const p = profileFrame(frame('a,b,when\n1,x,2024-01-01\n2,y,2024-01-02\n3,x,2024-01-03\n'));
    expect(p.suggestedTarget).toBe('b');
    expect(p.suggestedTargetReason).toContain('"when" (dates)');
  });

  it('returns null when no column qualifies', () => {
    const p = profileFrame(frame('id,k\na,1\nb,1\nc,1\n'));
    expect(p.suggestedTarget).toBeNull();
    expect(p.suggestedTargetReason).toMatch(/No column can be a target/);
  });

  it.each([
    ['telco_churn', 'churn'],
    ['credit', 'Status'],
    ['diamonds', 'price'],
    ['satellite', 'classes'],
    ['spam', 'type'],
  ])('picks the documented target of %s', async (name, target) => {
    const p = profileFrame(await readCsvFile(join(DATASETS, `${name}.csv`)));
    expect(p.suggestedTarget).toBe(target);
  });

  it('profiles every column of a real file consistently', async () => {
    const f = await readCsvFile(join(DATASETS, 'credit.csv'));
    const { columns } = profileFrame(f);
    for (const c of columns) {
      const binned = c.histogram.reduce((s, b) => s + b.count, 0);
      expect(binned + c.missing).toBe(f.rowCount);
      if (c.storage === 'numeric') expect(c.histogram.length).toBeLessThanOrEqual(20);
      else expect(c.histogram.length).toBeLessThanOrEqual(11);
    }
    const income = columns.find((c) => c.name === 'Income')!;
    expect(income.missing).toBeGreaterThan(0);
  });
});

describe('dates and text', () => {
  it('gives a date column min/max in ms and a histogram over time instead of top values', () => {
    const p = profileFrame(frame('when\n2024-03-01\n2024-03-15\n2024-05-02T10:00:00Z\nNA\n2024-03-01\n')).columns[0];
    expect(p).toMatchObject({ storage: 'categorical', type: 'datetime', top: [], missing: 1, distinct: 3 });
    expect(p.min).toBe(Date.UTC(2024, 2, 1));
    expect(p.max).toBe(Date.UTC(2024, 4, 2, 10));
    // 62 days: weekly bins would be 10, daily 63 (too many) → by week, labelled with dates.
    expect(p.histogram.reduce((s, b) => s + b.count, 0)).toBe(4);
    expect(p.histogram[0].label).toMatch(/^2024-0[23]-\d\d$/);
  });

  it('bins dates by year over a long span', () => {
    const years = Array.from({ length: 30 }, (_, i) => `${1990 + i}-06-01`);
    const h = profileFrame(frame('d\n' + years.join('\n'))).columns[0].histogram;
    expect(h.length).toBeLessThanOrEqual(24);
    expect(h[0]).toEqual({ label: '1990–1991', count: 2 });
  });

  it('bins by month over a few years, and counts values that are not dates', () => {
    const days = Array.from({ length: 100 }, (_, i) => `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`);
    const p = profileFrame(frame('d\n' + [...days, 'soon'].join('\n'))).columns[0];
    expect(p.type).toBe('datetime');
    expect(p.histogram[0]).toEqual({ label: '2023-01', count: 9 });
    expect(p.histogram[p.histogram.length - 1]).toEqual({ label: '(not a date)', count: 1 });
  });

  it('gives free text a histogram of lengths and keeps it in (a run reads it as statistics)', () => {
    const notes = Array.from({ length: 30 }, (_, i) => `"the delivery was late by ${i} days and nobody called"`);
    const p = profileFrame(frame('note\n' + notes.join('\n'))).columns[0];
    expect(p).toMatchObject({ type: 'text', top: [], excluded: false });
    expect(p.histogram.reduce((s, b) => s + b.count, 0)).toBe(30);
  });
});

describe('table profile', () => {
  it('counts rows equal to an earlier row in every column, missing equal to missing', () => {
    const f = frame('a,b,c\n1,x,\n2,y,1.5\n1,x,\n1,x,2\nNA,y,1.5\n1,x,\n2,y,1.5\n');
    const { table } = profileFrame(f);
    expect(table).toMatchObject({ rows: 7, columns: 3, duplicateRows: 3 });
  });

  it('estimates memory from the typed arrays and the dictionaries', () => {
    const f = frame('a,b\n1,xy\n2,z\n');
    // a: 2 × 8 bytes; b: 2 × 4 bytes of codes + (2·2 + 40) + (2·1 + 40) for the strings.
    expect(profileFrame(f).table.memoryBytes).toBe(16 + 8 + 44 + 42);
  });

  it('counts duplicates in 200,000 rows by 20 columns', () => {
    const rows = 200_000;
    const key = (i: number): number => i % 150_000; // rows 150,000.. repeat the first 50,000
    const columns: Column[] = [
      { kind: 'categorical', name: 'c', codes: Int32Array.from({ length: rows }, (_, i) => key(i) % 13), categories: Array.from({ length: 13 }, (_, k) => `c${k}`) },
      { kind: 'numeric', name: 'k', values: Float64Array.from({ length: rows }, (_, i) => (key(i) % 10 === 0 ? Number.NaN : key(i))) },
    ];
    for (let j = 0; j < 18; j++) columns.push({ kind: 'numeric', name: `x${j}`, values: Float64Array.from({ length: rows }, (_, i) => (key(i) * (j + 1)) % 1_000_003) });
    const f: Frame = { rowCount: rows, columns };
    expect(profileFrame(f).table.duplicateRows).toBe(50_000);
  });
});

describe('previewRows', () => {
  it('returns cell texts with null for missing, at most n rows', () => {
    const f = frame('a,b\n1.5,x\nNA,y\n3,\n');
    expect(previewRows(f, 2)).toEqual({
      columns: ['a', 'b'],
      rows: [
        ['1.5', 'x'],
        [null, 'y'],
      ],
    });
    expect(previewRows(f, 10).rows).toHaveLength(3);
    expect(previewRows(f, 10).rows[2]).toEqual(['3', null]);
  });
});
