import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../../src/main/ml/data-error';
import { cellText, type Column, type Frame } from '../../../../src/main/ml/frame';
import type { ReadProgress } from '../../../../src/main/ml/io/csv-reader';
import { readFrameCache } from '../../../../src/main/ml/io/frame-cache';
import { runImportJob } from '../../../../src/main/ml/io/import-job';
import { readParquet, readParquetBytes } from '../../../../src/main/ml/io/parquet-reader';
import { tempDir } from '../../../support/datasets';

/** hyparquet-writer's schema element (its own copy of hyparquet's type). */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

const column = (frame: Frame, name: string): Column => {
  const c = frame.columns.find((k) => k.name === name);
  if (!c) throw new Error(`no column ${name} in ${frame.columns.map((k) => k.name).join(', ')}`);
  return c;
};
const texts = (c: Column, rows: number): (string | null)[] => Array.from({ length: rows }, (_, r) => cellText(c, r));

/** A nullable UTF-8 list column, which hyparquet-writer only writes from an explicit schema. */
const LIST_SCHEMA: SchemaElement[] = [
  { name: 'tags', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
];

describe('Parquet reader', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir('mlestar-parquet-')));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, columnData: ColumnSource[], extra: { rowGroupSize?: number; schema?: SchemaElement[] } = {}): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, new Uint8Array(parquetWriteBuffer({ columnData, ...extra })));
    return file;
  };

  it('reads numbers, integers, text, booleans, nulls, dates and timestamps into typed columns', async () => {
    const days = (iso: string): number => Date.parse(iso) / 86_400_000;
    const file = write(
      'types.parquet',
      [
        { name: 'price', data: [1.5, null, -3.25, 1e6] },
        { name: 'count', data: new Int32Array([1, 2, 3, 4]) },
        { name: 'big', data: [10n, null, -7n, 9_000_000_000n] },
        { name: 'ratio', data: new Float32Array([0.1, 0.25, 2, 1.7]) },
        { name: 'city', data: ['Paris', null, ' Oslo ', 'Paris'] },
        { name: 'flag', data: [true, false, null, true] },
        { name: 'day', data: [days('2024-03-01'), null, days('1999-12-31'), days('2024-03-01')] },
        { name: 'at', data: [new Date('2024-03-01T12:30:00Z'), null, new Date('2024-03-01T12:30:00.250Z'), new Date(0)] },
      ],
      {
        schema: [
          { name: 'root', num_children: 8 },
          { name: 'price', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
          { name: 'count', type: 'INT32', repetition_type: 'REQUIRED' },
          { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL' },
          { name: 'ratio', type: 'FLOAT', repetition_type: 'REQUIRED' },
          { name: 'city', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
          { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
          { name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
          { name: 'at', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
        ],
      },
    );
    const { frame, notes } = await readParquet(file);
    expect(notes).toEqual([]);
    expect(frame.rowCount).toBe(4);
    expect(frame.columns.map((c) => [c.name, c.kind])).toEqual([
      ['price', 'numeric'],
      ['count', 'numeric'],
      ['big', 'numeric'],
      ['ratio', 'numeric'],
      ['city', 'categorical'],
      ['flag', 'categorical'],
      ['day', 'categorical'],
      ['at', 'categorical'],
    ]);
    const price = column(frame, 'price');
    expect(price.kind === 'numeric' && Array.from(price.values)).toEqual([1.5, Number.NaN, -3.25, 1e6]);
    expect(texts(column(frame, 'count'), 4)).toEqual(['1', '2', '3', '4']);
    expect(texts(column(frame, 'big'), 4)).toEqual(['10', null, '-7', '9000000000']);
    expect(texts(column(frame, 'ratio'), 4)).toEqual(['0.1', '0.25', '2', '1.7']);
    const city = column(frame, 'city');
    expect(texts(city, 4)).toEqual(['Paris', null, 'Oslo', 'Paris']);
    expect(city.kind === 'categorical' && city.categories).toEqual(['Paris', 'Oslo']);
    expect(texts(column(frame, 'flag'), 4)).toEqual(['true', 'false', null, 'true']);
    expect(texts(column(frame, 'day'), 4)).toEqual(['2024-03-01', null, '1999-12-31', '2024-03-01']);
    expect(texts(column(frame, 'at'), 4)).toEqual(['2024-03-01T12:30:00Z', null, '2024-03-01T12:30:00.25Z', '1970-01-01T00:00:00Z']);
  });

  it('reads 64-bit integers beyond 2^53 as text, and says so', async () => {
    const huge = 2n ** 60n + 1n;
    const file = write('ids.parquet', [
      { name: 'id', data: [1n, 2n, huge, null], type: 'INT64' },
      { name: 'y', data: [0, 1, 0, 1], type: 'DOUBLE' },
    ]);
    const { frame, notes } = await readParquet(file);
    const id = column(frame, 'id');
    expect(id.kind).toBe('categorical');
    expect(texts(id, 4)).toEqual(['1', '2', huge.toString(), null]);
    expect(notes.join(' ')).toContain('"id"');
    expect(notes.join(' ')).toContain(huge.toString());
  });

  it('reads row group by row group, with progress up to the file size and cancel between groups', async () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i * 0.5);
    const label = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'a' : 'b'));
    const file = write(
      'groups.parquet',
      [
        { name: 'x', data: x, type: 'DOUBLE', nullable: false },
        { name: 'label', data: label, type: 'STRING' },
      ],
      { rowGroupSize: 1000 },
    );
    const size = fs.statSync(file).size;
    const progress: ReadProgress[] = [];
    const { frame } = await readParquet(file, { onProgress: (p) => progress.push(p) });
    expect(frame.rowCount).toBe(n);
    const xs = column(frame, 'x');
    expect(xs.kind === 'numeric' && Array.from(xs.values)).toEqual(Array.from(x));
    expect(texts(column(frame, 'label'), 7)).toEqual(['a', 'b', 'b', 'a', 'b', 'b', 'a']);
    expect(progress.length).toBe(n / 1000);
    expect(progress.map((p) => p.rows)).toEqual(Array.from({ length: n / 1000 }, (_, i) => (i + 1) * 1000));
    for (let i = 1; i < progress.length; i++) expect(progress[i].bytesRead).toBeGreaterThan(progress[i - 1].bytesRead);
    expect(progress.every((p) => p.totalBytes === size)).toBe(true);
    expect(progress.at(-1)?.bytesRead).toBe(size);

    const controller = new AbortController();
    const seen: number[] = [];
    const read = readParquet(file, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.rows);
        if (p.rows >= 3000) controller.abort();
      },
    });
    await expect(read).rejects.toMatchObject({ code: 'CANCELLED', file: 'groups.parquet' });
    expect(seen).toEqual([1000, 2000, 3000]);
  });

  it('reads an upload (bytes) the same way as a file', async () => {
    const file = write('upload.parquet', [{ name: 'v', data: [3, 1, 2], type: 'DOUBLE' }]);
    const bytes = fs.readFileSync(file);
    const { frame } = await readParquetBytes(bytes, 'upload.parquet');
    expect(texts(column(frame, 'v'), 3)).toEqual(['3', '1', '2']);
  });

  it('reads gzip pages, local timestamps, and text stored without a string annotation; leaves out binary data', async () => {
    const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
    const micros = (iso: string): bigint => BigInt(Date.parse(iso)) * 1000n + 7n;
    const columnData: ColumnSource[] = [
      { name: 'note', data: [utf8('hello'), utf8('wörld'), null] },
      { name: 'blob', data: [new Uint8Array([0, 159, 146, 150]), new Uint8Array([255, 0]), null] },
      { name: 'local', data: [micros('2024-03-01T08:00:00Z'), null, micros('2023-12-31T23:59:59Z')] },
    ];
    const file = path.join(dir, 'gzip.parquet');
    const buffer = parquetWriteBuffer({
      columnData,
      codec: 'GZIP',
      compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)) },
      schema: [
        { name: 'root', num_children: 3 },
        { name: 'note', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'blob', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'local', type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } },
      ],
    });
    fs.writeFileSync(file, new Uint8Array(buffer));
    const { frame, notes } = await readParquet(file);
    expect(frame.columns.map((c) => c.name)).toEqual(['note', 'local']);
    expect(texts(column(frame, 'note'), 3)).toEqual(['hello', 'wörld', null]);
    expect(texts(column(frame, 'local'), 3)).toEqual(['2024-03-01T08:00:00.000007', null, '2023-12-31T23:59:59.000007']);
    expect(notes).toEqual([expect.stringMatching(/Column "blob" \(binary data\) was left out/)]);
  });

  it('leaves out nested and JSON columns with a note naming each, and keeps the rest', async () => {
    const file = write(
      'nested.parquet',
      [
        { name: 'x', data: [1, 2, 3] },
        { name: 'tags', data: [['a', 'b'], [], null] },
        { name: 'meta', data: [{ k: 1 }, null, { k: 2 }] },
      ],
      { schema: [{ name: 'root', num_children: 3 }, { name: 'x', type: 'DOUBLE', repetition_type: 'OPTIONAL' }, ...LIST_SCHEMA, { name: 'meta', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' }] },
    );
    const { frame, notes } = await readParquet(file);
    expect(frame.columns.map((c) => c.name)).toEqual(['x']);
    expect(frame.rowCount).toBe(3);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/Column "tags" \(a list\) was left out: nested values are not supported\. Flatten it/);
    expect(notes[1]).toMatch(/Column "meta" \(JSON\) was left out/);
  });

  it('refuses a file with only unsupported columns, naming the file and the columns', async () => {
    const file = write('only-lists.parquet', [{ name: 'tags', data: [['a'], ['b', 'c']] }], { schema: [{ name: 'root', num_children: 1 }, ...LIST_SCHEMA] });
    const error = await readParquet(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_TYPE', file: 'only-lists.parquet' });
    expect((error as Error).message).toContain('"only-lists.parquet"');
    expect((error as Error).message).toContain('"tags" (a list)');
  });

  it('refuses a truncated file, naming it and saying what to do', async () => {
    const whole = fs.readFileSync(write('whole.parquet', [{ name: 'x', data: [1, 2, 3], type: 'DOUBLE' }]));
    const cut = path.join(dir, 'cut.parquet');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await readParquet(cut).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'READ_FAILED', file: 'cut.parquet' });
    expect((error as Error).message).toMatch(/"cut\.parquet".*(cut short|incomplete).*again/);
  });

  it('refuses a file named .parquet that is not Parquet, and an empty one', async () => {
    const csv = path.join(dir, 'table.parquet');
    fs.writeFileSync(csv, 'a,b\n1,2\n');
    const error = await readParquet(csv).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BINARY_FILE', file: 'table.parquet' });
    expect((error as Error).message).toMatch(/"table\.parquet".*not a Parquet file.*rename it/i);
    const empty = path.join(dir, 'empty.parquet');
    fs.writeFileSync(empty, '');
    await expect(readParquet(empty)).rejects.toMatchObject({ code: 'EMPTY_FILE', file: 'empty.parquet' });
    await expect(readParquet(path.join(dir, 'missing.parquet'))).rejects.toMatchObject({ code: 'READ_FAILED', file: 'missing.parquet' });
  });

  it('refuses a file with columns but no rows', async () => {
    const file = write('no-rows.parquet', [
      { name: 'x', data: [], type: 'DOUBLE' },
      { name: 's', data: [], type: 'STRING' },
    ]);
    await expect(readParquet(file)).rejects.toMatchObject({ code: 'NO_ROWS', file: 'no-rows.parquet' });
  });

  it('refuses duplicate and empty column names the way the CSV reader does', async () => {
    const dup = write('dup.parquet', [
      { name: 'a', data: [1], type: 'DOUBLE' },
      { name: 'b', data: [2], type: 'DOUBLE' },
      { name: 'a ', data: [3], type: 'DOUBLE' },
    ]);
    await expect(readParquet(dup)).rejects.toMatchObject({ code: 'BAD_HEADER', column: 'a', message: expect.stringMatching(/"dup\.parquet".*"a" more than once \(columns 1 and 3\)/) });
    const unnamed = write('unnamed.parquet', [
      { name: 'a', data: [1], type: 'DOUBLE' },
      { name: '', data: [2], type: 'DOUBLE' },
    ]);
    await expect(readParquet(unnamed)).rejects.toMatchObject({ code: 'BAD_HEADER', message: expect.stringMatching(/"unnamed\.parquet".*no name for column 2/) });
  });

  it('imports a .parquet file through the import job into a cache file', async () => {
    const file = write('job.parquet', [
      { name: 'age', data: [30, 41, null, 25, 52, 38], type: 'DOUBLE' },
      { name: 'plan', data: ['basic', 'pro', 'basic', null, 'pro', 'basic'], type: 'STRING' },
      { name: 'churn', data: [false, true, false, false, true, false], type: 'BOOLEAN' },
    ]);
    const cacheFile = path.join(dir, 'job.cache');
    const stages = new Set<string>();
    const out = await runImportJob({ path: file, fileName: 'job.parquet', cacheFile, previewRows: 3 }, (p) => stages.add(p.stage));
    expect(stages).toEqual(new Set(['reading', 'profiling', 'saving']));
    expect(out.frame.rowCount).toBe(6);
    expect(fs.existsSync(cacheFile)).toBe(true);
    const cached = readFrameCache(cacheFile);
    expect(cached.columns.map((c) => [c.name, c.kind])).toEqual([
      ['age', 'numeric'],
      ['plan', 'categorical'],
      ['churn', 'categorical'],
    ]);
    expect(texts(column(cached, 'plan'), 6)).toEqual(['basic', 'pro', 'basic', null, 'pro', 'basic']);

    const upload = await runImportJob({ bytes: fs.readFileSync(file), fileName: 'job.parquet', cacheFile: path.join(dir, 'upload.cache'), previewRows: 3 }, () => {});
    expect(texts(column(upload.frame, 'churn'), 6)).toEqual(['false', 'true', 'false', 'false', 'true', 'false']);
  });
});
