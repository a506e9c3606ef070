import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvFile, readCsvText } from '../../../src/main/ml/csv';
import { DataError, type DataErrorCode } from '../../../src/main/ml/data-error';
import type { CategoricalColumn, Column, Frame, NumericColumn } from '../../../src/main/ml/frame';
import { cellText, columnByName } from '../../../src/main/ml/frame';

const DATASETS = join(__dirname, '../../../../shared/datasets');
const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function col(frame: Frame, name: string): Column {
  const c = columnByName(frame, name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}
function num(frame: Frame, name: string): NumericColumn {
  const c = col(frame, name);
  if (c.kind !== 'numeric') throw new Error(`${name} is ${c.kind}`);
  return c;
}
function cat(frame: Frame, name: string): CategoricalColumn {
  const c = col(frame, name);
  if (c.kind !== 'categorical') throw new Error(`${name} is ${c.kind}`);
  return c;
}
function texts(frame: Frame, name: string): (string | null)[] {
  const c = col(frame, name);
  return Array.from({ length: frame.rowCount }, (_, r) => cellText(c, r));
}

/** The DataError thrown by `fn` (sync or async); fails the test when none is thrown. */
async function dataError(fn: () => unknown): Promise<DataError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError, nothing was thrown');
}

async function expectCode(fn: () => unknown, code: DataErrorCode, file: string): Promise<DataError> {
  const e = await dataError(fn);
  expect(e.code).toBe(code);
  expect(e.file).toBe(file);
  expect(e.message).toContain(`"${file}"`);
  expect(e.message).toMatch(/\.$/);
  return e;
}

describe('real datasets', () => {
  it('reads telco_churn.csv: 7043 rows, the right column kinds, NA as missing', async () => {
    const f = await readCsvFile(join(DATASETS, 'telco_churn.csv'));
    expect(f.rowCount).toBe(7043);
    expect(f.columns).toHaveLength(20);
    expect(f.columns[0].name).toBe('churn');
    const churn = cat(f, 'churn');
    expect(churn.categories).toEqual(['No', 'Yes']); // first appearance order
    expect(churn.codes.filter((c) => c === 1).length).toBe(1869);
    expect(num(f, 'tenure').values.length).toBe(7043);
    expect(num(f, 'female').values.every((v) => v === 0 || v === 1)).toBe(true);
    expect(cat(f, 'contract').categories).toEqual(['Month-to-month', 'One year', 'Two year']);
    expect(cat(f, 'payment_method').categories).toHaveLength(4);
    const total = num(f, 'total_charges').values;
    expect(total.filter((v) => Number.isNaN(v)).length).toBe(11); // "NA" in the file
    expect(num(f, 'monthly_charges').values[0]).toBe(29.85);
  });

  it('gives the same frame from readCsvText and readCsvFile (diamonds)', async () => {
    const path = join(DATASETS, 'diamonds.csv');
    const a = await readCsvFile(path);
    const { readFileSync } = await import('node:fs');
    const b = readCsvText(readFileSync(path, 'utf8'), 'diamonds.csv');
    expect(a.rowCount).toBe(53940);
    expect(b.rowCount).toBe(a.rowCount);
    expect(b.columns.map((c) => [c.name, c.kind])).toEqual(a.columns.map((c) => [c.name, c.kind]));
    a.columns.forEach((ca, i) => {
      const cb = b.columns[i];
      const bytes = (c: Column): Buffer => Buffer.from((c.kind === 'numeric' ? c.values : c.codes).buffer);
      expect(bytes(cb).equals(bytes(ca))).toBe(true);
      if (ca.kind === 'categorical' && cb.kind === 'categorical') expect(cb.categories).toEqual(ca.categories);
    });
    expect(cat(a, 'cut').categories).toEqual(['Ideal', 'Premium', 'Good', 'Very Good', 'Fair']);
    expect(num(a, 'price').values[53939]).toBe(2757);
  });

  it('types satellite.csv: 36 numeric features and a 6-class categorical target', async () => {
    const f = await readCsvFile(join(DATASETS, 'satellite.csv'));
    expect(f.rowCount).toBe(6435);
    expect(f.columns.filter((c) => c.kind === 'numeric')).toHaveLength(36);
    expect(cat(f, 'classes').categories).toHaveLength(6);
  });
});

describe('CSV dialects', () => {
  it('handles quoted fields with embedded commas, quotes and newlines', () => {
    const f = readCsvText('id,text,n\n1,"a, b",10\n2,"say ""hi""",20\n3,"two\nlines",30\n4,"x\r\ny",40\n', 'q.csv');
    expect(f.rowCount).toBe(4);
    expect(texts(f, 'text')).toEqual(['a, b', 'say "hi"', 'two\nlines', 'x\r\ny']);
    expect(Array.from(num(f, 'n').values)).toEqual([10, 20, 30, 40]);
  });

  it.each([
    [';', 'semi.csv'],
    ['\t', 'tab.tsv'],
    ['|', 'pipe.txt'],
    [',', 'comma.csv'],
  ])('sniffs the %j delimiter', (d, name) => {
    const text = ['a', 'b', 'c'].join(d) + '\n' + ['1', 'x', '2.5'].join(d) + '\n' + ['2', 'y z', '-1e3'].join(d) + '\n';
    const f = readCsvText(text, name);
    expect(f.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(Array.from(num(f, 'c').values)).toEqual([2.5, -1000]);
    expect(texts(f, 'b')).toEqual(['x', 'y z']);
  });

  it('does not split on a comma inside a semicolon file (decimal commas stay text)', () => {
    const f = readCsvText('name;price\nfoo;1,5\nbar;2,25\nbaz;3\n', 'de.csv');
    expect(f.columns.map((c) => c.name)).toEqual(['name', 'price']);
    expect(texts(f, 'price')).toEqual(['1,5', '2,25', '3']);
  });

  it('strips a UTF-8 BOM (text and file)', async () => {
    const text = '\ufeffa,b\n1,2\n';
    expect(readCsvText(text, 'bom.csv').columns[0].name).toBe('a');
    const path = fixture('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,2\n')]));
    const f = await readCsvFile(path);
    expect(f.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(num(f, 'a').values[0]).toBe(1);
  });

  it('treats "", NA, N/A, null, NaN, ?, - (any case) as missing', () => {
    const tokens = ['', 'NA', 'na', 'N/A', 'n/a', 'null', 'NULL', 'NaN', 'nan', '?', '-', ' NA '];
    const text = 'x,y\n' + tokens.map((t, i) => `${t},${t === '' ? '' : 'a' + i}`).join('\n') + '\n1.5,b\n';
    const f = readCsvText(text, 'missing.csv');
    const x = num(f, 'x');
    expect(f.rowCount).toBe(tokens.length + 1);
    expect(Array.from(x.values.subarray(0, tokens.length)).every(Number.isNaN)).toBe(true);
    expect(x.values[tokens.length]).toBe(1.5);
    const y = cat(f, 'y');
    expect(y.codes[0]).toBe(-1);
    expect(cellText(y, 1)).toBe('a1');
  });

  it('keeps values that merely contain a missing token, and rejects non-decimal numbers', () => {
    const f = readCsvText('a,b,c\nNAN1,0x1F,Infinity\n--,12,5\n', 'tokens.csv');
    expect(texts(f, 'a')).toEqual(['NAN1', '--']);
    expect(f.columns[1].kind).toBe('categorical'); // 0x1F is not a decimal number
    expect(f.columns[2].kind).toBe('categorical'); // Infinity is not finite
  });

  it('turns a column categorical when text appears late, keeping the original texts in first-appearance order', () => {
    const rows = ['007', '1.50', 'NA', '7', '1.5', 'abc', '007'];
    const f = readCsvText('code,n\n' + rows.map((r, i) => `${r},${i}`).join('\n'), 'late.csv');
    const code = cat(f, 'code');
    expect(code.categories).toEqual(['007', '1.50', '7', '1.5', 'abc']);
    expect(texts(f, 'code')).toEqual(['007', '1.50', null, '7', '1.5', 'abc', '007']);
    expect(f.columns[1].kind).toBe('numeric');
  });

  it('recovers late-categorical texts when streaming a file larger than one chunk', async () => {
    const n = 60_000;
    const lines = ['id,v'];
    for (let i = 0; i < n; i++) lines.push(`${i},${i === n - 1 ? 'z' : String(i).padStart(6, '0')}`);
    const f = await readCsvFile(fixture('late-big.csv', lines.join('\n')));
    expect(f.rowCount).toBe(n);
    const v = cat(f, 'v');
    expect(cellText(v, 0)).toBe('000000');
    expect(cellText(v, 12345)).toBe('012345');
    expect(cellText(v, n - 1)).toBe('z');
    expect(v.categories).toHaveLength(n);
  });

  it('trims stray spaces and CRs, skips blank lines, and accepts a missing final newline', () => {
    const f = readCsvText('a , b\r\n\r\n 1 , yes \r\n2,no\r\n\r\n   \r\n3,yes', 'spaces.csv');
    expect(f.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(Array.from(num(f, 'a').values)).toEqual([1, 2, 3]);
    expect(cat(f, 'b').categories).toEqual(['yes', 'no']);
  });
});

describe('errors', () => {
  it('EMPTY_FILE for an empty or blank file', async () => {
    await expectCode(() => readCsvFile(fixture('empty.csv', '')), 'EMPTY_FILE', 'empty.csv');
    await expectCode(() => readCsvFile(fixture('blank.csv', '\n \r\n\n')), 'EMPTY_FILE', 'blank.csv');
    await expectCode(() => readCsvText('', 'e.csv'), 'EMPTY_FILE', 'e.csv');
  });

  it('NO_ROWS for a header without data rows', async () => {
    const e = await expectCode(() => readCsvFile(fixture('header.csv', 'a,b,c\n\n')), 'NO_ROWS', 'header.csv');
    expect(e.message).toMatch(/no data rows/);
    await expectCode(() => readCsvText('a;b', 'h.csv'), 'NO_ROWS', 'h.csv');
  });

  it('BINARY_FILE for a PNG renamed .csv, NUL bytes, and a zipped workbook', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const e = await expectCode(() => readCsvFile(fixture('image.csv', png)), 'BINARY_FILE', 'image.csv');
    expect(e.message).toMatch(/PNG image/);
    await expectCode(() => readCsvFile(fixture('nul.csv', 'a,b\n1,\u00002\n')), 'BINARY_FILE', 'nul.csv');
    const xlsx = await expectCode(() => readCsvFile(fixture('book.csv', Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0]))), 'BINARY_FILE', 'book.csv');
    expect(xlsx.message).toMatch(/xlsx/);
    await expectCode(() => readCsvText('a,b\n\u0000\u0001\u0002', 'nul.txt'), 'BINARY_FILE', 'nul.txt');
    // the datasets service decodes uploads to text first
    const decoded = await expectCode(() => readCsvText(new TextDecoder().decode(png), 'upload.csv'), 'BINARY_FILE', 'upload.csv');
    expect(decoded.message).toMatch(/PNG image/);
  });

  it('RAGGED_ROWS names the first offending lines (as an editor counts them) and the counts', async () => {
    // line 1 header, line 2 ok, line 3 blank, line 4-5 a quoted two-line field (ok), line 6 short, line 8 long
    const text = 'a,b,c\n1,2,3\n\n4,"x\ny",6\n7,8\n9,10,11\n12,13,14,15\n';
    const e = await expectCode(() => readCsvText(text, 'ragged.csv'), 'RAGGED_ROWS', 'ragged.csv');
    expect(e.row).toBe(6);
    expect(e.message).toContain('line 6 has 2');
    expect(e.message).toContain('line 8 has 4');
    expect(e.message).toContain('has 3');
    const f = await expectCode(() => readCsvFile(fixture('ragged.csv', text)), 'RAGGED_ROWS', 'ragged.csv');
    expect(f.message).toBe(e.message);
  });

  it('RAGGED_ROWS reports the first five and how many more', () => {
    const lines = ['a,b'];
    for (let i = 0; i < 20; i++) lines.push(i % 2 === 0 ? '1,2' : '1,2,3');
    const e = expectCodeSync(() => readCsvText(lines.join('\n'), 'many.csv'), 'RAGGED_ROWS');
    expect(e.message).toContain('line 3 has 3, line 5 has 3, line 7 has 3, line 9 has 3, line 11 has 3, and 5 more rows');
  });

  it('reports an unclosed quote with the line it starts on', () => {
    const e = expectCodeSync(() => readCsvText('a,b\n1,2\n3,"oops\n5,6\n', 'quote.csv'), 'RAGGED_ROWS');
    expect(e.row).toBe(3);
    expect(e.message).toMatch(/never closed, starting on line 3/);
  });

  it('BAD_HEADER for empty and duplicate column names, naming them', async () => {
    const empty = await expectCode(() => readCsvText('a,,c\n1,2,3\n', 'noname.csv'), 'BAD_HEADER', 'noname.csv');
    expect(empty.message).toContain('column 2');
    expect(empty.row).toBe(1);
    const dup = await expectCode(() => readCsvFile(fixture('dup.csv', '\nx,y,x\n1,2,3\n')), 'BAD_HEADER', 'dup.csv');
    expect(dup.column).toBe('x');
    expect(dup.row).toBe(2);
    expect(dup.message).toContain('"x" more than once (columns 1 and 3)');
  });

  it('READ_FAILED for a missing file or a folder', async () => {
    const e = await expectCode(() => readCsvFile(join(dir, 'nope.csv')), 'READ_FAILED', 'nope.csv');
    expect(e.message).toContain('does not exist');
    await expectCode(() => readCsvFile(dir, { fileName: 'folder.csv' }), 'READ_FAILED', 'folder.csv');
  });

  it('CANCELLED when the signal is already aborted or aborts mid-read', async () => {
    const aborted = AbortSignal.abort();
    await expectCode(() => readCsvFile(join(DATASETS, 'telco_churn.csv'), { signal: aborted }), 'CANCELLED', 'telco_churn.csv');
    await expectCode(() => readCsvText('a\n1', 't.csv', { signal: aborted }), 'CANCELLED', 't.csv');
    const controller = new AbortController();
    const reading = readCsvFile(join(DATASETS, 'fertility.csv'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expectCode(() => reading, 'CANCELLED', 'fertility.csv');
  });

  it('uses the fileName option in messages', async () => {
    await expectCode(() => readCsvFile(fixture('x.tmp', ''), { fileName: 'upload.csv' }), 'EMPTY_FILE', 'upload.csv');
  });
});

function expectCodeSync(fn: () => unknown, code: DataErrorCode): DataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).code).toBe(code);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}
