/**
 * `npm run bench -- import [--rows N] [--keep]`: the import numbers of issue 3, measured in one run
 * on one seeded file (bench/import-data.ts, 1,000,000 × 20 mixed types by default):
 * - our import (worker parse + profile + cache write, through DatasetsService as the app does it):
 *   wall time, and peak RSS above the baseline against the frame's own typed-array bytes;
 * - pandas `read_csv` (Debian's python3) on the same file: wall time;
 * - reopening the dataset in a fresh service as the window does (detail + first page of rows from
 *   the cache file), and separately loading the whole frame (checksum verified) as a run does;
 * - the same table written as Parquet (Snappy, 100,000-row groups) and imported the same way.
 * Writes bench/results/import-<timestamp>.json and prints the ratios (goal: ≤ 2 and ≤ 2, reopen < 1 s).
 */
import { execFileSync } from 'node:child_process';
import { parquetWriteFile } from 'hyparquet-writer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/main/db/store';
import type { Frame } from '../src/main/ml/frame';
import { frameBytes } from '../src/main/ml/io/frame-cache';
import { DatasetsService } from '../src/main/services/datasets-service';
import { writeBenchCsv } from './import-data';
import { writeResult } from './results';

const PANDAS = `
import sys, time, resource
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1])
print(time.perf_counter() - t, df.shape[0], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
`;

export async function importBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'boolean' } } });
  const rows = Number(values.rows);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-bench-import-'));
  try {
    const csv = path.join(dir, `bench-${rows}.csv`);
    console.log(`Generating ${rows.toLocaleString('en-US')} × 20 CSV…`);
    writeBenchCsv(csv, rows);
    const fileBytes = fs.statSync(csv).size;
    // Warm the page cache for both readers alike.
    fs.readFileSync(csv);

    const [pandasSeconds, pandasRows, pandasPeakRss] = execFileSync('/usr/bin/python3', ['-c', PANDAS, csv], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    console.log(`pandas read_csv: ${pandasSeconds.toFixed(2)} s (${pandasRows} rows)`);

    const dataDir = path.join(dir, 'data');
    const store = openStore(dataDir);
    const service = new DatasetsService(store, dataDir);
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const detail = await service.importPath(csv);
    const importSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const { frame } = await service.loadFrame(detail.id);
    const typedBytes = frameBytes(frame);
    console.log(`our import: ${importSeconds.toFixed(2)} s, peak RSS +${(peak - baseline) / 1e6} MB, frame ${(typedBytes / 1e6).toFixed(1)} MB`);

    // Reopen as the window does: a fresh service, the dataset's detail (schema and profile from
    // SQLite) and the preview grid's first page of rows from the cache file.
    const reopenService = new DatasetsService(store, dataDir);
    const t1 = performance.now();
    const reopenedDetail = reopenService.get(detail.id);
    const firstPage = await reopenService.rows(detail.id, 0, 100);
    const reopenSeconds = (performance.now() - t1) / 1000;
    if (firstPage.total !== rows || firstPage.rows.length !== 100 || reopenedDetail.profile.length !== 20) throw new Error('reopen did not give the dataset back');
    // Then the whole frame into memory, checksum verified, as a run needs it.
    const t2 = performance.now();
    const reopened = await reopenService.loadFrame(detail.id);
    const fullLoadSeconds = (performance.now() - t2) / 1000;
    if (reopened.frame.rowCount !== rows) throw new Error(`reopened ${reopened.frame.rowCount} rows, expected ${rows}`);

    // The same table as Parquet, imported the same way (worker read + profile + cache write).
    const parquet = path.join(dir, `bench-${rows}.parquet`);
    writeBenchParquet(parquet, reopened.frame);
    const parquetBytes = fs.statSync(parquet).size;
    fs.readFileSync(parquet);
    const t3 = performance.now();
    const parquetDetail = await reopenService.importPath(parquet);
    const parquetSeconds = (performance.now() - t3) / 1000;
    if (parquetDetail.rows !== rows) throw new Error(`Parquet import gave ${parquetDetail.rows} rows, expected ${rows}`);
    console.log(`our Parquet import: ${parquetSeconds.toFixed(2)} s (${(parquetBytes / 1e6).toFixed(1)} MB file)`);
    reopenService.close();
    store.close();

    const result = {
      benchmark: 'import',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      file: { rows, columns: 20, bytes: fileBytes },
      ours: { seconds: importSeconds, peakRssDeltaBytes: peak - baseline, frameTypedArrayBytes: typedBytes, reopenSeconds, fullLoadSeconds },
      parquet: { bytes: parquetBytes, seconds: parquetSeconds },
      pandas: { seconds: pandasSeconds, peakRssBytes: pandasPeakRss },
      ratios: { timeVsPandas: importSeconds / pandasSeconds, peakMemoryVsFrame: (peak - baseline) / typedBytes },
      goals: { timeVsPandas: 2, peakMemoryVsFrame: 2, reopenSeconds: 1 },
    };
    const out = writeResult('import', result);
    console.log(`time vs pandas ${result.ratios.timeVsPandas.toFixed(2)}× (goal ≤ 2), peak memory vs frame ${result.ratios.peakMemoryVsFrame.toFixed(2)}× (goal ≤ 2), reopen ${reopenSeconds.toFixed(3)} s (goal < 1), full load for a run ${fullLoadSeconds.toFixed(2)} s`);
    console.log(`Wrote ${out}`);
    return 0;
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `frame` as Parquet: numbers as nullable doubles, categories as nullable strings. */
function writeBenchParquet(file: string, frame: Frame): void {
  const columnData = frame.columns.map((c) => {
    if (c.kind === 'numeric') return { name: c.name, data: Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)), type: 'DOUBLE' as const };
    return { name: c.name, data: Array.from(c.codes, (k) => (k < 0 ? null : c.categories[k])), type: 'STRING' as const };
  });
  parquetWriteFile({ filename: file, columnData, rowGroupSize: 100_000 });
}
