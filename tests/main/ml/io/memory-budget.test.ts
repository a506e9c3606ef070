/**
 * The memory budget: the footprint estimate from a file's head is close to the real frame, and a
 * file over the budget is refused before it is read — by the service (real import worker, real
 * SQLite) with a message giving the figures and what to do, and by the CLI's --memory-budget —
 * while the same file imports under a larger budget.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../../src/main/ml/data-error';
import { readHead } from '../../../../src/main/ml/io/byte-source';
import { estimateFootprint, memoryBudgetBytes, MEMORY_BUDGET_ENV } from '../../../../src/main/ml/io/memory-budget';
import { openStore } from '../../../../src/main/db/store';
import { DatasetsService } from '../../../../src/main/services/datasets-service';
import type { ImportProgressEvent } from '../../../../src/shared/domain';
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

  it('is a CLI setting: --memory-budget', () => {
    const cli = (budget: string): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli/main.ts', 'import', csv, '--memory-budget', budget, '--data-dir', path.join(dir, 'cli-data')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    const refused = cli('1');
    expect(refused.status).not.toBe(0);
    expect(String(refused.stderr)).toMatch(/more than the memory budget of 1\.0 MB/);
    expect(cli('zero').status).toBe(2);
  }, 60_000);
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
