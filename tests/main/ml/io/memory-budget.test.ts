/**
 * The memory budget: the footprint estimate from a file's head is close to the real frame, and a
 * file over the budget is refused before it is read — by the service (real import worker, real
 * SQLite) with a message giving the figures and what to do, and by the CLI's --memory-budget —
 * while the same file imports under a larger budget. The refusal says how many rows fit, and the
 * file then imports as a seeded random sample of that many (service, the request API with its
 * schema, the CLI's --sample-rows), recorded as a sample.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../../src/main/ml/data-error';
import { readHead } from '../../../../src/main/ml/io/byte-source';
import { createStudio } from '../../../../src/main/app/composition';
import { createRequestHandler } from '../../../../src/main/ipc/request-handler';
import { estimateFootprint, fitRows, memoryBudgetBytes, MEMORY_BUDGET_ENV } from '../../../../src/main/ml/io/memory-budget';
import { openStore } from '../../../../src/main/db/store';
import { DatasetsService } from '../../../../src/main/services/datasets-service';
import type { DatasetDetail, ImportProgressEvent } from '../../../../src/shared/domain';
import { REPO_ROOT, tempDir } from '../../../support/datasets';

const ROWS = 60_000;
const COLUMNS = 6;

describe('memory budget', () => {
  let dir: string;
  let csv: string;
  beforeAll(() => {
    dir = tempDir('mlestar-budget-');
    csv = path.join(dir, 'big.csv');
    const lines = ['id,x,y,z,colour,label'];
    for (let i = 0; i < ROWS; i++) lines.push(`${i},${(i * 0.37).toFixed(3)},${i % 97},${Math.sin(i).toFixed(5)},${['red', 'green', 'blue'][i % 3]},${i % 2 ? 'yes' : 'no'}`);
    fs.writeFileSync(csv, lines.join('\n') + '\n');
    fs.writeFileSync(`${csv}.gz`, gzipSync(fs.readFileSync(csv)));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('estimates rows, columns and bytes from the head of a plain or gzip file', async () => {
    for (const file of [csv, `${csv}.gz`]) {
      const f = estimateFootprint(await readHead(file, path.basename(file)), 'csv');
      expect(f.columns).toBe(COLUMNS);
      expect(f.rows / ROWS, file).toBeGreaterThan(0.7);
      expect(f.rows / ROWS, file).toBeLessThan(1.4);
      expect(f.bytes).toBe(f.rows * f.columns * 8);
    }
  });

  it('takes the budget from the setting, the environment, or 75% of memory', () => {
    const before = process.env[MEMORY_BUDGET_ENV];
    try {
      expect(memoryBudgetBytes(64)).toBe(64 * 1024 * 1024);
      process.env[MEMORY_BUDGET_ENV] = '32';
      expect(memoryBudgetBytes()).toBe(32 * 1024 * 1024);
      delete process.env[MEMORY_BUDGET_ENV];
      expect(memoryBudgetBytes()).toBeGreaterThan(100 * 1024 * 1024);
    } finally {
      if (before === undefined) delete process.env[MEMORY_BUDGET_ENV];
      else process.env[MEMORY_BUDGET_ENV] = before;
    }
  });

  it('refuses a file over the budget before reading it, and imports it under a larger one', async () => {
    const dataDir = path.join(dir, 'data');
    const store = openStore(dataDir);
    try {
      const tight = new DatasetsService(store, dataDir, { memoryBudgetBytes: 1024 * 1024 });
      const events: ImportProgressEvent[] = [];
      tight.onImportProgress((e) => events.push(e));
      const error = await tight.importPath(csv).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataError);
      const e = error as DataError;
      expect(e.code).toBe('TOO_LARGE');
      expect(e.message).toMatch(/"big\.csv" \(.+\) would take about .+ of memory once loaded \(about [\d,]+ rows × 6 columns\), more than the memory budget of 1\.0 MB\. Raise the budget \(--memory-budget MB/);
      // Refused before reading: no row was read, nothing stored.
      expect(events.filter((p) => p.rows > 0)).toEqual([]);
      expect(store.datasets.list()).toEqual([]);
      expect(fs.readdirSync(path.join(dataDir, 'datasets'))).toEqual([]);
      const roomy = new DatasetsService(store, dataDir, { memoryBudgetBytes: 64 * 1024 * 1024 });
      expect((await roomy.importPath(csv)).rows).toBe(ROWS);
    } finally {
      store.close();
    }
  });

  it('says how many rows fit, and imports a random sample of that many instead, recorded as a sample', async () => {
    const dataDir = path.join(dir, 'data-sample');
    const store = openStore(dataDir);
    try {
      const tight = new DatasetsService(store, dataDir, { memoryBudgetBytes: 1024 * 1024 });
      const refusal = (await tight.importPath(csv).catch((e: unknown) => e)) as DataError;
      // 1 MB over 6 columns of 8 bytes is 21,845 rows, offered as 21,000.
      expect(refusal.fitRows).toBe(21_000);
      expect(refusal.message).toMatch(/or import a random sample of 21,000 rows, which fits \(--sample-rows 21000\)\.$/);
      const events: ImportProgressEvent[] = [];
      tight.onImportProgress((e) => events.push(e));
      const sampled = await tight.importPath(csv, { rowSample: { rows: refusal.fitRows! } });
      expect(sampled.rows).toBe(21_000);
      expect(sampled.sample).toEqual({ rows: 21_000, of: ROWS, seed: 1 });
      expect(store.datasets.get(sampled.id)?.sample).toEqual(sampled.sample);
      expect(tight.list().find((d) => d.id === sampled.id)?.sample).toEqual(sampled.sample);
      expect(events.at(-1)).toMatchObject({ stage: 'done', rows: 21_000 });
      // The rows are the file's own, distinct, in file order (the file's id column counts 0, 1, …).
      const { frame } = await tight.loadFrame(sampled.id);
      const ids = Array.from((frame.columns[0] as { values: Float64Array }).values);
      expect(new Set(ids).size).toBe(21_000);
      expect(ids.every((v, i) => i === 0 || v > ids[i - 1])).toBe(true);
      // The same sample again is the same dataset; another seed is another one.
      expect((await tight.importPath(csv, { rowSample: { rows: 21_000 } })).id).toBe(sampled.id);
      const other = await tight.importPath(csv, { rowSample: { rows: 21_000, seed: 2 } });
      expect(other.id).not.toBe(sampled.id);
      expect(other.sample).toEqual({ rows: 21_000, of: ROWS, seed: 2 });
      // A sample that is itself over the budget is refused, saying how many rows would fit.
      const tooMany = (await tight.importPath(csv, { rowSample: { rows: 50_000 } }).catch((e: unknown) => e)) as DataError;
      expect(tooMany.code).toBe('TOO_LARGE');
      expect(tooMany.fitRows).toBe(21_000);
      expect(tooMany.message).toMatch(/^A sample of 50,000 rows of "big\.csv" would take about .+ more than the memory budget of 1\.0 MB\. Import a sample of at most 21,000 rows \(--sample-rows 21000\)/);
      expect(store.datasets.list()).toHaveLength(2);
    } finally {
      store.close();
    }
  });

  it('offers the sample through the request API, whose schema checks the option', async () => {
    const studio = createStudio({ dataDir: path.join(dir, 'data-api'), host: 'serve', memoryBudgetMB: 1 });
    try {
      const handle = createRequestHandler(studio);
      const text = fs.readFileSync(csv, 'utf8');
      const refused = await handle('datasets:upload', { fileName: 'big.csv', text });
      expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', reason: 'TOO_LARGE', fitRows: 21_000 } });
      for (const rowSample of [{ rows: 0 }, { rows: 1.5 }, { rows: -3 }, { rows: 21_000, seed: -1 }, { rows: 21_000, extra: true }, { rows: '21000' }]) {
        const bad = await handle('datasets:upload', { fileName: 'big.csv', text, rowSample });
        expect(bad, JSON.stringify(rowSample)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/^Invalid request to datasets:upload \(rowSample/) } });
      }
      const sampled = await handle('datasets:upload', { fileName: 'big.csv', text, rowSample: { rows: 21_000, seed: 9 } });
      expect(sampled.ok).toBe(true);
      expect((sampled as { data: DatasetDetail }).data).toMatchObject({ rows: 21_000, sample: { rows: 21_000, of: ROWS, seed: 9 } });
    } finally {
      await studio.close();
    }
  });

  it('is a CLI setting: --memory-budget, with --sample-rows to import a sample', () => {
    const cli = (budget: string, ...more: string[]): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli/main.ts', 'import', csv, '--memory-budget', budget, ...more, '--data-dir', path.join(dir, 'cli-data')], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const refused = cli('1');
    expect(refused.status).not.toBe(0);
    expect(String(refused.stderr)).toMatch(/more than the memory budget of 1\.0 MB.*--sample-rows 21000/s);
    expect(cli('zero').status).toBe(2);
    const sampled = cli('1', '--sample-rows', '21000');
    expect(sampled.status, String(sampled.stderr)).toBe(0);
    expect(String(sampled.stdout)).toMatch(/21,000 rows × 6 columns[\s\S]*random sample: 21,000 of the file's 60,000 rows \(seed 1\)/);
    const bad = cli('1', '--sample-rows', 'all');
    expect(bad.status).toBe(2);
    expect(String(bad.stderr)).toMatch(/--sample-rows must be a whole number of rows/);
  }, 90_000);

  it('offers a round number of rows', () => {
    expect(fitRows(1024 * 1024, 6)).toBe(21_000);
    expect(fitRows(2 * 1024 * 1024, 20)).toBe(13_000);
    expect(fitRows(800, 1)).toBe(100);
    expect(fitRows(400, 1)).toBe(50);
    expect(fitRows(7, 1)).toBe(0);
  });
});

describe('memory budget estimate on a wide file', () => {
  it('stays bounded when the header is longer than the 64 KB head', async () => {
    const dir = tempDir('mlestar-budget-wide-');
    try {
      const file = path.join(dir, 'wide.csv');
      const n = 10_000;
      const lines = [Array.from({ length: n }, (_, i) => `c${i}`).join(',')];
      for (let r = 0; r < 20; r++) lines.push(Array.from({ length: n }, (_, i) => (r + i) % 97).join(','));
      fs.writeFileSync(file, lines.join('\n') + '\n');
      const f = estimateFootprint(await readHead(file, 'wide.csv'), 'csv');
      const real = 20 * n * 8;
      expect(f.bytes).toBeGreaterThan(real / 4);
      expect(f.bytes).toBeLessThanOrEqual(fs.statSync(file).size * 8);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
