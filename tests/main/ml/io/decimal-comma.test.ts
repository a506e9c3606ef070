import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../../../src/main/ml/frame';
import { readCsvColumns } from '../../../../src/main/ml/io/csv-reader';
import { parseDecimalComma } from '../../../../src/main/ml/io/decimal-comma';

function file(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decimal-comma-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

describe('decimal commas', () => {
  it('parses decimal-comma numbers with thousand dots, and nothing else', () => {
    expect(parseDecimalComma('3,14')).toBeCloseTo(3.14);
    expect(parseDecimalComma('-1.234,5')).toBeCloseTo(-1234.5);
    expect(parseDecimalComma('12')).toBe(12);
    expect(parseDecimalComma('1,2,3')).toBeNaN();
    expect(parseDecimalComma('12.34')).toBeNaN();
    expect(parseDecimalComma('abc')).toBeNaN();
  });

  it('reads an Excel-style ";" file with decimal commas as numbers, and says so', async () => {
    const f = file('excel.csv', 'name;price;qty;code\nA;3,14;2;007\nB;1.234,50;3;008\nC;;4;009\nD;12;5;010\n');
    const { frame, notes } = await readCsvColumns(f);
    const price = frame.columns.find((c) => c.name === 'price')!;
    expect(price.kind).toBe('numeric');
    expect([0, 1, 2, 3].map((r) => cellText(price, r))).toEqual(['3.14', '1234.5', null, '12']);
    expect(frame.columns.find((c) => c.name === 'name')!.kind).toBe('categorical');
    expect(notes.join(' ')).toMatch(/decimal comma .* "price"/);
  });

  it('leaves comma-separated files alone (there a comma is a field separator)', async () => {
    const f = file('plain.csv', 'name,price\nA,"3,14"\nB,"2,5"\n');
    const { frame, notes } = await readCsvColumns(f);
    expect(frame.columns.find((c) => c.name === 'price')!.kind).toBe('categorical');
    expect(notes.join(' ')).not.toMatch(/decimal comma/);
  });
});
