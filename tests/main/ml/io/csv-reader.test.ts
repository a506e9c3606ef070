import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvText } from '../../../../src/main/ml/csv';
import { DataError } from '../../../../src/main/ml/data-error';
import { cellText, type Frame } from '../../../../src/main/ml/frame';
import { readCsvBytes, readCsvColumns, sniffDelimiter } from '../../../../src/main/ml/io/csv-reader';
import { CsvTokenizer, FieldTooLargeError } from '../../../../src/main/ml/io/csv-tokenizer';
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

/** A file of `rows` rows of `a,b,c` numbers (about 20 bytes a row). */
function numbersFile(name: string, rows: number, last = (i: number) => String(i * 7)): string {
  const lines = ['a,b,c'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${(i * 0.25).toFixed(2)},${last(i)}`);
  return fixture(name, lines.join('\n') + '\n');
}

// Issue 3: every kind of bad input gets a message that names the file and, where it applies,
// the line and the column.
describe('bad input', () => {
  it('1. an empty file, a blank one, and empty bytes', async () => {
    const empty = await dataError(() => readCsvColumns(fixture('empty.csv', '')));
    expect(empty.code).toBe('EMPTY_FILE');
    expect(empty.message).toMatch(/"empty\.csv" is empty/);
    expect(empty.file).toBe('empty.csv');
    expect((await dataError(() => readCsvColumns(fixture('blank.csv', '\n \n')))).code).toBe('EMPTY_FILE');
    expect((await dataError(() => readCsvColumns(fixture('blank-big.csv', ' \r\n'.repeat(40_000))))).code).toBe('EMPTY_FILE');
    expect((await dataError(() => readCsvBytes(Buffer.alloc(0), 'upload.csv'))).message).toMatch(/"upload\.csv" is empty/);
  });

  it('2. a header only (with or without a final line break)', async () => {
    for (const text of ['a,b\n', 'a,b', 'a,b\r\n\r\n']) {
      const e = await dataError(() => readCsvColumns(fixture('header.csv', text)));
      expect(e.code).toBe('NO_ROWS');
      expect(e.message).toMatch(/"header\.csv" has a header line but no data rows/);
    }
  });

  it('3. an image or other binary file renamed .csv', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(200_000, 7)]);
    const e = await dataError(() => readCsvColumns(fixture('photo.csv', png)));
    expect(e.code).toBe('BINARY_FILE');
    expect(e.message).toMatch(/"photo\.csv" is not a CSV text file: it looks like a PNG image/);
    expect((await dataError(() => readCsvBytes(png, 'upload.csv'))).code).toBe('BINARY_FILE');
    const noise = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    expect((await dataError(() => readCsvColumns(fixture('noise.csv', noise)))).message).toMatch(/"noise\.csv".*binary file/);
  });

  it('4. ragged rows: line numbers, or skipped on request with a note', async () => {
    const path = fixture('ragged.csv', 'a,b\n1,2\n3\n4,5\n6,7,8\n');
    const e = await dataError(() => readCsvColumns(path));
    expect(e.code).toBe('RAGGED_ROWS');
    expect(e.row).toBe(3);
    expect(e.message).toMatch(/"ragged\.csv".*line 3 has 1, line 5 has 3/);
    const { frame, notes } = await readCsvColumns(path, { skipBadRows: true });
    expect(frame.rowCount).toBe(2);
    expect(notes[0]).toMatch(/Skipped 2 rows.*lines 3 and 5/);
  });

  it('4. ragged rows: many are counted, not all listed', async () => {
    const lines = ['a,b', ...Array.from({ length: 100 }, (_, i) => (i % 10 === 3 ? `${i}` : `${i},x`))];
    const path = fixture('many-ragged.csv', lines.join('\n'));
    const e = await dataError(() => readCsvColumns(path));
    expect(e.message).toMatch(/line 5 has 1, line 15 has 1, line 25 has 1, line 35 has 1, line 45 has 1, and 5 more rows like them/);
    const { frame, notes } = await readCsvColumns(path, { skipBadRows: true });
    expect(frame.rowCount).toBe(90);
    expect(notes[0]).toMatch(/Skipped 10 rows.*lines 5, 15, 25, 35 and 45 and 5 more/);
  });

  it('4. a cut-off last line is a ragged row with its line number, not a short row', async () => {
    const path = fixture('cut-last.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8');
    const e = await dataError(() => readCsvColumns(path));
    expect(e.row).toBe(4);
    expect(e.message).toMatch(/line 4 has 2/);
  });

  it('4. when skipping leaves no row, says so instead of "no data rows"', async () => {
    const e = await dataError(() => readCsvColumns(fixture('all-ragged.csv', 'a;b;c\n1;2\n3;4\n'), { skipBadRows: true }));
    expect(e.code).toBe('RAGGED_ROWS');
    expect(e.row).toBe(2);
    expect(e.message).toMatch(/Every data row of "all-ragged\.csv" \(2\).*header, which has 3 \(lines 2 and 3\).*semicolon was detected/);
  });

  it('5. mixed encodings: only the bytes that are not UTF-8 are read as Windows-1252, and a note names the first line', async () => {
    const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
    const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
    const rows = Array.from({ length: 3000 }, (_, i) => utf8(`${i},Zürich,Ωmega ${i % 5}\n`));
    const bytes = Buffer.concat([
      utf8('id,city,word\n'),
      ...rows.slice(0, 1500),
      utf8('1500,Zürich → '), latin1('Malmö'), utf8(',Ωmega '), latin1('£5'), utf8('\n'),
      ...rows.slice(1500),
    ]);
    const { frame, notes } = await readCsvColumns(fixture('mixed-mid.csv', bytes));
    expect(frame.rowCount).toBe(3001);
    const [, city, word] = frame.columns;
    expect(cellText(city, 0)).toBe('Zürich');
    expect(cellText(city, 1500)).toBe('Zürich → Malmö');
    expect(cellText(word, 1500)).toBe('Ωmega £5');
    expect(cellText(city, 3000)).toBe('Zürich');
    const all = frame.columns.flatMap((c) => (c.kind === 'categorical' ? c.categories : []));
    expect(all.some((t) => t.includes('\ufffd') || t.includes('Ã'))).toBe(false);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/2 values in 2 columns \("city" and "word"\).*Windows-1252.*first is on line 1502 \(column "city"\)/);
  });

  it('5. a Latin-1 column name is read and noted too', async () => {
    const bytes = Buffer.concat([Buffer.from('id,', 'utf8'), Buffer.from('Größe', 'latin1'), Buffer.from('\n1,2\n', 'utf8')]);
    const { frame, notes } = await readCsvColumns(fixture('latin1-header.csv', bytes));
    expect(frame.columns[1].name).toBe('Größe');
    expect(notes[0]).toMatch(/1 column name in the header \(line 1\) was not entirely valid UTF-8/);
  });

  it('6. duplicate and empty column names are renamed to unique names, with a note', async () => {
    const { frame, notes } = await readCsvColumns(fixture('dup.csv', 'a,b,a,,a_2,a, \n1,2,3,4,5,6,7\n'));
    const names = frame.columns.map((c) => c.name);
    expect(names).toEqual(['a', 'b', 'a_3', 'column_4', 'a_2', 'a_4', 'column_7']);
    expect(new Set(names).size).toBe(names.length);
    expect(cellText(frame.columns[2], 0)).toBe('3');
    expect(notes[0]).toMatch(/header \(line 1\) had 4 column names that were empty or repeated.*"a" again in column 3 became "a_3"; column 4 had no name and became "column_4"/);
  });

  it('6. renaming stays linear and unique for thousands of repeated names', async () => {
    const header = Array.from({ length: 5000 }, (_, i) => (i % 2 ? 'x' : '')).join(',');
    const row = Array.from({ length: 5000 }, (_, i) => String(i)).join(',');
    const t = performance.now();
    const { frame, notes } = await readCsvBytes(Buffer.from(`${header}\n${row}\n`), 'repeated.csv');
    expect(performance.now() - t).toBeLessThan(3000);
    const names = frame.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(5000);
    expect(names.slice(0, 4)).toEqual(['column_1', 'x', 'column_3', 'x_2']);
    expect(notes[0]).toMatch(/4999 column names.*and 4994 more/);
  });

  it('7. a single field of 50 MB is refused quickly, naming its line and column', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const t = performance.now();
    const e = await dataError(() => readCsvColumns(fixture('big-field.csv', `id,text\n1,short\n2,${big}\n3,short\n`)));
    expect(performance.now() - t).toBeLessThan(5000);
    expect(e.code).toBe('TOO_LARGE');
    expect(e).toMatchObject({ file: 'big-field.csv', row: 3, column: 'text' });
    expect(e.message).toMatch(/Line 3 of "big-field\.csv" has a value in column "text" longer than 16\.0 MB/);
  });

  it('7. the same for a quoted field spanning lines, and for a quote that is never closed', async () => {
    const quoted = fixture('big-quoted.csv', `id,text,n\n1,"${'ab\n'.repeat(6 * 1024 * 1024)}",2\n`);
    expect(await dataError(() => readCsvColumns(quoted))).toMatchObject({ code: 'TOO_LARGE', row: 2, column: 'text' });
    const open = fixture('open-quote.csv', `id,text,n\n1,ok,2\n2,"oops,3\n${'4,fine,5\n'.repeat(3 * 1024 * 1024)}`);
    const e = await dataError(() => readCsvColumns(open));
    expect(e).toMatchObject({ code: 'TOO_LARGE', row: 3, column: 'text' });
    expect(e.message).toMatch(/double quote \(".*never closed/);
  });

  it('7. the tokenizer refuses a long field without holding the rest of it', () => {
    let records = 0;
    const tokenizer = new CsvTokenizer(',', { record: () => (records++, true) });
    tokenizer.push(Buffer.from('a,b\n1,'));
    const chunk = Buffer.alloc(1 << 20, 120);
    let pushed = 0;
    expect(() => {
      for (; pushed < 50; pushed++) tokenizer.push(chunk);
    }).toThrow(FieldTooLargeError);
    expect(pushed).toBeLessThanOrEqual(17);
    expect(records).toBe(1);
  });

  it('7. a field of a few megabytes still imports', async () => {
    const text = 'y'.repeat(3 * 1024 * 1024);
    const { frame } = await readCsvColumns(fixture('mid-field.csv', `id,text\n1,"${text}"\n2,short\n`));
    expect(cellText(frame.columns[1], 0)?.length).toBe(text.length);
  });

  it('8. 5,000 columns with a header longer than the sniffed head, in linear time', async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `a_fairly_long_column_name_${i}`);
    expect(names.join(';').length).toBeGreaterThan(64 * 1024);
    const rows = Array.from({ length: 200 }, (_, r) => names.map((_, i) => (i % 100 === 0 ? `v${r % 3}` : String(r * i))).join(';'));
    const path = fixture('wide.csv', [names.join(';'), ...rows].join('\n'));
    const t = performance.now();
    const { frame } = await readCsvColumns(path);
    expect(performance.now() - t).toBeLessThan(8000);
    expect(frame.columns.length).toBe(5000);
    expect(frame.rowCount).toBe(200);
    expect(frame.columns[4999].name).toBe('a_fairly_long_column_name_4999');
    expect(cellText(frame.columns[1], 199)).toBe('199');
    expect(frame.columns[100].kind).toBe('categorical');
  });

  it('8. delimiter sniffing on a wide head takes linear time', () => {
    const line = (n: number): string => Array.from({ length: n }, (_, i) => i).join(',');
    const time = (n: number): number => {
      const head = Buffer.from(`${line(n)}\n${line(n)}\n`);
      const t = performance.now();
      for (let k = 0; k < 5; k++) expect(sniffDelimiter(head)).toBe(',');
      return performance.now() - t;
    };
    time(2000);
    expect(time(8000)).toBeLessThan(Math.max(50, time(2000) * 12));
  });

  it('9. a file truncated while it is read: READ_FAILED naming the line where reading stopped', async () => {
    const path = numbersFile('shrinking.csv', 300_000);
    const size = statSync(path).size;
    let cut = false;
    const e = await dataError(() =>
      readCsvColumns(path, {
        onProgress: () => {
          if (cut) return;
          cut = true;
          truncateSync(path, Math.floor(size / 2));
        },
      }),
    );
    expect(cut).toBe(true);
    expect(e.code).toBe('READ_FAILED');
    expect(e.message).toMatch(/"shrinking\.csv" became shorter while it was being read \(.* of .* MB\).*could be read stops in the middle of line \d+/);
    const text = readFileSync(path, 'latin1');
    expect(e.row).toBe(text.split('\n').length);
  });

  it('9. a file deleted while it is read is still read to the end through the open handle; a second pass reports it gone', async () => {
    const plain = numbersFile('deleted.csv', 200_000);
    let removed = false;
    const onProgress = (path: string) => () => {
      if (removed) return;
      removed = true;
      rmSync(path);
    };
    if (process.platform !== 'win32') {
      const { frame } = await readCsvColumns(plain, { onProgress: onProgress(plain) });
      expect(removed).toBe(true);
      expect(frame.rowCount).toBe(200_000);
    }
    // Column c turns to text on the last row, so its numbers are re-read by a second pass.
    const late = numbersFile('deleted-late.csv', 200_000, (i) => (i === 199_999 ? 'text' : String(i)));
    removed = false;
    const e = await dataError(() => readCsvColumns(late, { onProgress: onProgress(late) }));
    expect(e.code).toBe('READ_FAILED');
    expect(e.message).toMatch(/"deleted-late\.csv" was removed or renamed while it was being imported/);
  });

  it('an unclosed quote names its line', async () => {
    const e = await dataError(() => readCsvColumns(fixture('quote.csv', 'a,b\n1,2\n3,"open\n4,5\n')));
    expect(e.message).toMatch(/never closed, starting on line 3/);
  });

  it('a missing file and a truncated gzip file', async () => {
    const missing = await dataError(() => readCsvColumns(join(dir, 'nope.csv')));
    expect(missing.code).toBe('READ_FAILED');
    expect(missing.message).toMatch(/"nope\.csv" could not be read: it does not exist/);
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
