import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvText } from '../../../../src/main/ml/csv';
import { DataError } from '../../../../src/main/ml/data-error';
import { cellText, type Frame } from '../../../../src/main/ml/frame';
import { readCsvBytes, readCsvColumns } from '../../../../src/main/ml/io/csv-reader';
import { parseNumberBytes } from '../../../../src/main/ml/io/byte-columns';

const DATASETS = join(__dirname, '../../../../../shared/datasets');
const dir = mkdtempSync(join(tmpdir(), 'csv-reader-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Every cell as text, column by column, plus the kinds: what two readers must agree on. */
function snapshot(frame: Frame): { kinds: string; names: string[]; cells: (string | null)[][] } {
  return {
    kinds: frame.columns.map((c) => c.kind[0]).join(''),
    names: frame.columns.map((c) => c.name),
    cells: frame.columns.map((c) => Array.from({ length: frame.rowCount }, (_, r) => cellText(c, r))),
  };
}

async function dataError(fn: () => Promise<unknown>): Promise<DataError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseNumberBytes', () => {
  it('equals Number() on plain decimals', () => {
    for (const s of ['0', '-0', '12', '-3.5', '.5', '5.', '+7', '0.05', '123456789012345', '0.1234567890123', '007']) {
      expect(parseNumberBytes(Buffer.from(s), 0, s.length)).toBe(Number(s));
    }
  });
  it('rejects what is not a decimal number and defers exponents', () => {
    for (const s of ['.', '-', 'abc', '1_0', '0x1f', '1.2.3', 'Infinity']) expect(Number.isNaN(parseNumberBytes(Buffer.from(s), 0, s.length))).toBe(true);
    expect(parseNumberBytes(Buffer.from('1e5'), 0, 3)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('agrees with the papaparse reader', () => {
  const files = ['telco_churn.csv', 'credit.csv', 'diamonds.csv'].filter((f) => existsSync(join(DATASETS, f)));
  it.each(files)('%s', async (name) => {
    const path = join(DATASETS, name);
    const { frame } = await readCsvColumns(path);
    const { readFileSync } = await import('node:fs');
    expect(snapshot(frame)).toEqual(snapshot(readCsvText(readFileSync(path, 'utf8'), name)));
  });

  it('on quotes, CRLF, blank lines, missing tokens and a late switch to categories', async () => {
    const text =
      '\ufeffa,"b, quoted",c\n1,"x ""y""",NA\n\n2,"multi\nline",?\n3.5,plain,7\n' +
      Array.from({ length: 3000 }, (_, i) => `${i},v${i % 3},${i}`).join('\n') +
      '\nnot-a-number,z,1e3\n';
    const path = fixture('tricky.csv', text);
    const { frame } = await readCsvColumns(path);
    expect(snapshot(frame)).toEqual(snapshot(readCsvText(text, 'tricky.csv')));
    expect(frame.columns[0].kind).toBe('categorical');
    expect(cellText(frame.columns[1], 0)).toBe('x "y"');
    expect(cellText(frame.columns[1], 1)).toBe('multi\nline');
  });

  it('reads CRLF and mixed line endings', async () => {
    const { frame } = await readCsvBytes(Buffer.from('a,b\r\n1,x\r\n2,y\n3,z'), 'crlf.csv');
    expect(frame.rowCount).toBe(3);
    expect(cellText(frame.columns[1], 0)).toBe('x');
  });

  it('sniffs ; tab and | delimiters', async () => {
    for (const d of [';', '\t', '|']) {
      const { frame } = await readCsvBytes(Buffer.from(`a${d}b\n1${d}x\n2${d}y\n`), 'f.csv');
      expect(frame.columns.map((c) => c.name)).toEqual(['a', 'b']);
    }
  });
});

describe('encodings and compression', () => {
  const text = 'name,city\nAnna,Zürich\nBo,Kraków\n';
  it('reads gzip-compressed CSV', async () => {
    const { frame } = await readCsvColumns(fixture('g.csv.gz', gzipSync(Buffer.from(text))));
    expect(cellText(frame.columns[1], 0)).toBe('Zürich');
  });
  it('reads UTF-16 with a byte-order mark, both byte orders', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const { frame } = await readCsvColumns(fixture('u16.csv', bytes));
      expect(cellText(frame.columns[1], 1)).toBe('Kraków');
    }
  });
  it('reads Latin-1 values as Windows-1252 and says so (mixed encodings)', async () => {
    const bytes = Buffer.concat([Buffer.from('name,city\nAnna,Zürich\n', 'utf8'), Buffer.from('Bo,Malmö\n', 'latin1')]);
    const { frame, notes } = await readCsvColumns(fixture('mixed.csv', bytes));
    expect(cellText(frame.columns[1], 0)).toBe('Zürich');
    expect(cellText(frame.columns[1], 1)).toBe('Malmö');
    expect(notes.join(' ')).toMatch(/column "city".*Windows-1252.*line 3/);
  });
});

describe('bad input', () => {
  it('empty file, blank file, header only', async () => {
    expect((await dataError(() => readCsvColumns(fixture('empty.csv', '')))).code).toBe('EMPTY_FILE');
    expect((await dataError(() => readCsvColumns(fixture('blank.csv', '\n \n')))).code).toBe('EMPTY_FILE');
    const e = await dataError(() => readCsvColumns(fixture('header.csv', 'a,b\n')));
    expect(e.code).toBe('NO_ROWS');
    expect(e.message).toContain('"header.csv"');
  });
  it('an image renamed .csv', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const e = await dataError(() => readCsvColumns(fixture('photo.csv', png)));
    expect(e.code).toBe('BINARY_FILE');
    expect(e.message).toMatch(/"photo\.csv".*PNG image/);
  });
  it('ragged rows: line numbers, or skipped on request', async () => {
    const path = fixture('ragged.csv', 'a,b\n1,2\n3\n4,5\n6,7,8\n');
    const e = await dataError(() => readCsvColumns(path));
    expect(e.code).toBe('RAGGED_ROWS');
    expect(e.row).toBe(3);
    expect(e.message).toMatch(/line 3 has 1, line 5 has 3/);
    const { frame, notes } = await readCsvColumns(path, { skipBadRows: true });
    expect(frame.rowCount).toBe(2);
    expect(notes[0]).toMatch(/Skipped 2 rows.*lines 3 and 5/);
  });
  it('duplicate and empty column names', async () => {
    const dup = await dataError(() => readCsvColumns(fixture('dup.csv', 'a,b,a\n1,2,3\n')));
    expect(dup.code).toBe('BAD_HEADER');
    expect(dup.column).toBe('a');
    const empty = await dataError(() => readCsvColumns(fixture('noname.csv', 'a,,c\n1,2,3\n')));
    expect(empty.message).toMatch(/no name for column 2/);
  });
  it('an unclosed quote names its line', async () => {
    const e = await dataError(() => readCsvColumns(fixture('quote.csv', 'a,b\n1,2\n3,"open\n4,5\n')));
    expect(e.message).toMatch(/never closed, starting on line 3/);
  });
  it('a single field of 50 MB', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const { frame } = await readCsvColumns(fixture('big-field.csv', `id,text\n1,${big}\n2,short\n`));
    expect(frame.rowCount).toBe(2);
    expect(cellText(frame.columns[1], 0)?.length).toBe(big.length);
  });
  it('5,000 columns', async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    const rows = Array.from({ length: 20 }, (_, r) => names.map((_, i) => String(r * i)).join(','));
    const { frame } = await readCsvColumns(fixture('wide.csv', [names.join(','), ...rows].join('\n')));
    expect(frame.columns.length).toBe(5000);
    expect(frame.rowCount).toBe(20);
  });
  it('a missing file and a truncated gzip file', async () => {
    expect((await dataError(() => readCsvColumns(join(dir, 'nope.csv')))).code).toBe('READ_FAILED');
    const gz = gzipSync(Buffer.from('a,b\n' + '1,2\n'.repeat(100_000)));
    const e = await dataError(() => readCsvColumns(fixture('cut.csv.gz', gz.subarray(0, gz.length >> 1))));
    expect(e.code).toBe('READ_FAILED');
    expect(e.message).toMatch(/"cut\.csv\.gz".*damaged or cut off/);
  });
  it('cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await dataError(() => readCsvColumns(fixture('c.csv', 'a\n1\n'), { signal: controller.signal }))).code).toBe('CANCELLED');
  });
});
