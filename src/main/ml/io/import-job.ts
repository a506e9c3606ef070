/**
 * One import, start to finish, as the import worker runs it: read the table (CSV/TSV, gzip,
 * JSON lines, Parquet), profile it, and write the columnar cache. Runs in a worker thread in the
 * app and in-process in tests; it never touches the database (main writes that, after the cache
 * file exists, so a failure at any step leaves no database row).
 */
import type { DatasetPreview, TargetAnalysis } from '../../../shared/domain';
import type { Frame } from '../frame';
import { type FrameProfile, previewRows, profileFrame } from '../profile';
import { analyzeTarget } from '../target-analysis';
import { type ReadProgress, readCsvBytes, readCsvColumns, type TableReadResult } from './csv-reader';
import { classify, readHead } from './byte-source';
import { writeFrameCache } from './frame-cache';
import { readJsonLines, readJsonLinesBytes } from './jsonl-reader';
import { checkMemoryBudget, memoryBudgetBytes } from './memory-budget';
import { readParquet, readParquetBytes } from './parquet-reader';
import { type RowSampleInfo, type RowSampleRequest, sampleFrame } from './row-sample';

/** What to import and where to write the cache. */
export interface ImportJobInput {
  /** The file to read, or `bytes` for an upload. */
  path?: string;
  bytes?: Uint8Array;
  fileName: string;
  /** Final path of the cache file (written through `<cacheFile>.partial`). */
  cacheFile: string;
  skipBadRows?: boolean;
  previewRows: number;
  /** Refuse, before reading, a file whose loaded frame would take more bytes (memory-budget.ts). */
  memoryBudgetBytes?: number;
  /** Keep only a seeded random sample of this many rows (row-sample.ts), checked against the budget. */
  rowSample?: RowSampleRequest;
}

/** Where the job is. */
export type ImportStage = 'reading' | 'profiling' | 'saving';

export interface ImportJobProgress extends ReadProgress {
  stage: ImportStage;
}

export interface ImportJobOutput {
  frame: Frame;
  profile: FrameProfile;
  /** The suggested target's task, class balance and leakage suspects (null without a suggestion). */
  targetAnalysis: TargetAnalysis | null;
  preview: DatasetPreview;
  notes: string[];
  /** Set when only a sample of the file's rows was kept. */
  sample: RowSampleInfo | null;
  cacheChecksum: string;
  cacheBytes: number;
  /** Seconds per stage. */
  seconds: { read: number; profile: number; save: number };
}

/** Which reader a file name calls for. */
export function formatOf(fileName: string): 'csv' | 'jsonl' | 'parquet' {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.parquet')) return 'parquet';
  return 'csv';
}

export async function runImportJob(input: ImportJobInput, onProgress: (p: ImportJobProgress) => void, signal?: AbortSignal): Promise<ImportJobOutput> {
  const t0 = performance.now();
  const readOptions = {
    fileName: input.fileName,
    signal,
    skipBadRows: input.skipBadRows,
    sample: input.rowSample,
    onProgress: (p: ReadProgress) => onProgress({ ...p, stage: 'reading' }),
  };
  let read: TableReadResult;
  const format = formatOf(input.fileName);
  const bytes = input.bytes ? Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) : undefined;
  if (format !== 'parquet') {
    const head = bytes ? classify(bytes.subarray(0, 64 * 1024), bytes.length, input.fileName) : await readHead(input.path!, input.fileName);
    checkMemoryBudget(input.fileName, head, format, input.memoryBudgetBytes ?? memoryBudgetBytes(), input.rowSample?.rows);
  }
  if (format === 'parquet') {
    read = bytes ? await readParquetBytes(bytes, input.fileName, readOptions) : await readParquet(input.path!, readOptions);
    // Parquet is read whole (it is columnar, and not estimated against the budget): sample after.
    if (input.rowSample) read = sampleFrame(read, input.rowSample);
  } else if (bytes) {
    read = format === 'jsonl' ? await readJsonLinesBytes(bytes, input.fileName, readOptions) : await readCsvBytes(bytes, input.fileName, readOptions);
  } else if (format === 'jsonl') {
    read = await readJsonLines(input.path!, readOptions);
  } else {
    read = await readCsvColumns(input.path!, readOptions);
  }
  const t1 = performance.now();
  onProgress({ stage: 'profiling', bytesRead: 0, totalBytes: 0, rows: read.frame.rowCount });
  const profile = profileFrame(read.frame);
  const targetAnalysis = profile.suggestedTarget === null ? null : analyzeTarget(read.frame, profile.columns, profile.suggestedTarget);
  const preview = previewRows(read.frame, input.previewRows);
  const t2 = performance.now();
  onProgress({ stage: 'saving', bytesRead: 0, totalBytes: 0, rows: read.frame.rowCount });
  const cache = writeFrameCache(input.cacheFile, read.frame);
  const t3 = performance.now();
  return {
    frame: read.frame,
    profile,
    targetAnalysis,
    preview,
    notes: read.notes,
    sample: read.sample ?? null,
    cacheChecksum: cache.checksum,
    cacheBytes: cache.bytes,
    seconds: { read: (t1 - t0) / 1000, profile: (t2 - t1) / 1000, save: (t3 - t2) / 1000 },
  };
}
