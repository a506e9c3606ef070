/**
 * Imports, lists, loads, pages through and deletes datasets.
 *
 * An import runs in a worker (import-runner.ts): it reads the file straight into a columnar
 * frame, profiles it and writes the frame's cache file under `datasets/<id>/` through a temporary
 * name. Only after the file is complete is the database row inserted; a failure or a cancel at
 * any step removes the dataset's folder, so nothing half-written stays behind. Folders without a
 * database row (a crash mid-import) are swept when the service starts.
 *
 * Re-importing the same bytes (SHA-256 of the file) returns the existing dataset; with a row
 * sample, the one sampled alike (same rows and seed), else the whole file's when it has no more
 * rows than the sample asks for. Reopening a dataset reads its cache file, never the original file
 * again.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ColumnSetting, DatasetDetail, DatasetRows, DatasetSummary, ImportProgressEvent, TableProfile, TargetAnalysis } from '../../shared/domain';
import { readCsvText } from '../ml/csv';
import { DataError, quote } from '../ml/data-error';
import { cellText, type Frame } from '../ml/frame';
import { FrameCacheReader, readFrameCache } from '../ml/io/frame-cache';
import type { ImportJobInput, ImportJobOutput } from '../ml/io/import-job';
import type { DatasetRecord, Store } from '../ports/repositories';
import { badInput, notFound } from '../app/errors';
import { DEFAULT_SAMPLE_SEED } from '../ml/io/row-sample';
import { analyzeTarget } from '../ml/target-analysis';
import { type ImportHandle, startImport } from './import-runner';

const PREVIEW_ROWS = 50;
const CACHE_FILE = 'frame.mlsf';

/** Options of one import. */
export interface ImportOptions {
  /** Names the import in progress events and for {@link DatasetsService.cancelImport}. */
  importId?: string;
  /** Skip rows with the wrong number of fields instead of failing. */
  skipBadRows?: boolean;
  /**
   * Import a seeded uniform random sample of `rows` data rows instead of all (seed: 1 unless
   * given), streamed so the whole file is never held; checked against the memory budget.
   */
  rowSample?: { rows: number; seed?: number };
}

type ProgressListener = (event: ImportProgressEvent) => void;

export class DatasetsService {
  private cached: { id: string; frame: Frame; fileName: string } | null = null;
  private reader: { id: string; reader: FrameCacheReader } | null = null;
  private readonly running = new Map<string, ImportHandle>();
  private readonly cancelledEarly = new Set<string>();
  private readonly listeners = new Set<ProgressListener>();

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    /** A file that would take more memory once loaded is refused before it is read (ml/io/memory-budget.ts). */
    private readonly limits: { memoryBudgetBytes?: number } = {},
  ) {
    this.sweepOrphans();
  }

  list(): DatasetSummary[] {
    return this.store.datasets.list();
  }

  get(id: string): DatasetDetail {
    return toDetail(this.record(id));
  }

  /** Subscribes to import progress; returns the unsubscribe function. */
  onImportProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Imports a file the user chose (dialog, drop or command line). */
  async importPath(filePath: string, options: ImportOptions = {}): Promise<DatasetDetail> {
    const fileName = path.basename(filePath);
    return this.runImport(fileName, options, () => hashFile(filePath), { path: path.resolve(filePath) });
  }

  /** Imports uploaded file contents (browser host): the bytes of any supported format. */
  async importBytes(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<DatasetDetail> {
    return this.runImport(path.basename(fileName), options, async () => sha256(bytes), { bytes });
  }

  /** Imports uploaded text (a CSV or JSON lines file read as text). */
  async importText(fileName: string, text: string, options: ImportOptions = {}): Promise<DatasetDetail> {
    return this.importBytes(fileName, Buffer.from(text, 'utf8'), options);
  }

  /**
   * Saves the user's type overrides and exclusions; returns the dataset as it now reads.
   * Refuses (with nothing saved) an index that is not a column.
   */
  updateColumns(id: string, settings: readonly ColumnSetting[]): DatasetDetail {
    const record = this.record(id);
    const bad = settings.find((s) => !Number.isInteger(s.index) || s.index < 0 || s.index >= record.columns);
    if (bad) throw badInput(`${record.name} has ${record.columns} columns (0 to ${record.columns - 1}); there is no column ${bad.index}.`);
    const byIndex = new Map(settings.map((s) => [s.index, s]));
    this.store.datasets.setColumnChoices(id, [...byIndex.values()]);
    return this.get(id);
  }

  /** The task, class balance and leakage suspects if `target` were the target. */
  async analyzeTarget(id: string, target: string): Promise<TargetAnalysis> {
    const record = this.record(id);
    if (!record.profile.some((c) => c.name === target)) {
      throw new DataError('UNKNOWN_COLUMN', `${quote(record.name)} has no column named ${quote(target)}. Choose one of its columns as the target.`, {
        file: record.name,
        column: target,
      });
    }
    const { frame } = await this.loadFrame(id);
    return analyzeTarget(frame, record.profile, target);
  }

  /** Cancels a running import; true when one was running (or is about to start) under that id. */
  cancelImport(importId: string): boolean {
    const handle = this.running.get(importId);
    if (handle) {
      handle.cancel();
      return true;
    }
    this.cancelledEarly.add(importId);
    return false;
  }

  delete(id: string): void {
    const record = this.record(id);
    this.store.datasets.delete(id);
    if (this.cached?.id === id) this.cached = null;
    if (this.reader?.id === id) this.closeReader();
    fs.rmSync(path.join(this.dataDir, path.dirname(record.storedPath)), { recursive: true, force: true });
  }

  /** The dataset's frame, from its cache file (the last one loaded stays in memory). */
  async loadFrame(id: string): Promise<{ frame: Frame; fileName: string }> {
    if (this.cached?.id === id) return this.cached;
    const record = this.record(id);
    const stored = path.join(this.dataDir, record.storedPath);
    const frame = stored.endsWith('.mlsf') ? readFrameCache(stored) : readCsvText(await fs.promises.readFile(stored, 'utf8'), record.sourceName);
    this.cached = { id, frame, fileName: record.sourceName };
    return this.cached;
  }

  /**
   * Rows `offset .. offset+limit` of the dataset, as text, for the preview grid. Read straight
   * from the cache file when the frame is not in memory, so reopening a big dataset shows its
   * rows at once instead of after the whole file is loaded.
   */
  async rows(id: string, offset: number, limit: number): Promise<DatasetRows> {
    const legacy = !this.record(id).storedPath.endsWith('.mlsf'); // stored as CSV by an early version
    const inMemory = this.cached?.id === id || legacy ? (await this.loadFrame(id)).frame : null;
    const page = inMemory ? null : this.pageReader(id);
    const frame = inMemory ?? page!.readRows(offset, limit);
    const first = inMemory ? offset : 0;
    const end = inMemory ? Math.min(frame.rowCount, offset + limit) : frame.rowCount;
    const rows: (string | null)[][] = [];
    for (let r = first; r < end; r++) rows.push(frame.columns.map((c) => cellText(c, r)));
    return { offset, total: inMemory ? inMemory.rowCount : page!.rowCount, columns: frame.columns.map((c) => c.name), rows };
  }

  /** The open cache file of the dataset last paged through (one at a time). */
  private pageReader(id: string): FrameCacheReader {
    if (this.reader?.id === id) return this.reader.reader;
    this.closeReader();
    const record = this.record(id);
    const reader = FrameCacheReader.open(path.join(this.dataDir, record.storedPath));
    this.reader = { id, reader };
    return reader;
  }

  private closeReader(): void {
    this.reader?.reader.close();
    this.reader = null;
  }

  /** Closes the open cache file, if any (the service stays usable). */
  close(): void {
    this.closeReader();
  }

  private emit(event: ImportProgressEvent): void {
    for (const l of this.listeners) l(event);
  }

  private async runImport(fileName: string, options: ImportOptions, checksumOf: () => Promise<string>, source: Pick<ImportJobInput, 'path' | 'bytes'>): Promise<DatasetDetail> {
    const importId = options.importId ?? crypto.randomUUID();
    const base = { importId, fileName, bytesRead: 0, totalBytes: 0, rows: 0 };
    this.emit({ ...base, stage: 'hashing' });
    try {
      const checksum = await checksumOf();
      const sample = options.rowSample ? { rows: options.rowSample.rows, seed: options.rowSample.seed ?? DEFAULT_SAMPLE_SEED } : null;
      const existing = this.findExisting(checksum, sample);
      if (existing) {
        this.emit({ ...base, stage: 'done', datasetId: existing.id, rows: existing.rows });
        return toDetail(existing);
      }
      if (this.cancelledEarly.delete(importId)) throw cancelledError(fileName);
      const detail = await this.importNew(importId, fileName, checksum, { ...options, ...(sample ? { rowSample: sample } : {}) }, source);
      this.emit({ ...base, stage: 'done', datasetId: detail.id, rows: detail.rows });
      return detail;
    } catch (error) {
      const cancelled = (error as { code?: unknown }).code === 'CANCELLED';
      this.emit({ ...base, stage: cancelled ? 'cancelled' : 'failed', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** A dataset already imported from these bytes, sampled as asked (see the module comment). */
  private findExisting(checksum: string, sample: { rows: number; seed: number } | null): DatasetRecord | null {
    if (!sample) return this.store.datasets.findByChecksum(checksum);
    const whole = this.store.datasets.findByChecksum(checksum);
    return this.store.datasets.findByChecksum(checksum, sample) ?? (whole && whole.rows <= sample.rows ? whole : null);
  }

  private async importNew(importId: string, fileName: string, checksum: string, options: ImportOptions, source: Pick<ImportJobInput, 'path' | 'bytes'>): Promise<DatasetDetail> {
    const id = crypto.randomUUID();
    const folder = path.join('datasets', id);
    const storedPath = path.join(folder, CACHE_FILE);
    fs.mkdirSync(path.join(this.dataDir, folder), { recursive: true });
    const input: ImportJobInput = { ...source, fileName, cacheFile: path.join(this.dataDir, storedPath), skipBadRows: options.skipBadRows, previewRows: PREVIEW_ROWS, memoryBudgetBytes: this.limits.memoryBudgetBytes };
    if (options.rowSample) input.rowSample = { rows: options.rowSample.rows, seed: options.rowSample.seed ?? DEFAULT_SAMPLE_SEED };
    try {
      const handle = startImport(input, (p) => this.emit({ importId, fileName, bytesRead: p.bytesRead, totalBytes: p.totalBytes, rows: p.rows, stage: p.stage }));
      this.running.set(importId, handle);
      let output: ImportJobOutput;
      try {
        output = await handle.promise;
      } finally {
        this.running.delete(importId);
      }
      const record: DatasetRecord = {
        id,
        name: fileName,
        sourceName: fileName,
        storedPath,
        checksum,
        rows: output.frame.rowCount,
        columns: output.frame.columns.length,
        suggestedTarget: output.profile.suggestedTarget,
        suggestedTargetReason: output.profile.suggestedTargetReason,
        createdAt: new Date().toISOString(),
        profile: output.profile.columns,
        preview: output.preview,
        cacheChecksum: output.cacheChecksum,
        notes: output.notes,
        table: output.profile.table,
        targetAnalysis: output.targetAnalysis,
        ...(output.sample ? { sample: { ...output.sample } } : {}),
      };
      this.store.datasets.insert(record);
      this.cached = { id, frame: output.frame, fileName };
      return toDetail(record);
    } catch (error) {
      fs.rmSync(path.join(this.dataDir, folder), { recursive: true, force: true });
      throw error;
    }
  }

  /** Removes dataset folders that have no database row (left by a crash in the middle of an import). */
  private sweepOrphans(): void {
    const root = path.join(this.dataDir, 'datasets');
    let entries: string[];
    try {
      entries = fs.readdirSync(root);
    } catch {
      return;
    }
    for (const name of entries) {
      if (!this.store.datasets.get(name)) fs.rmSync(path.join(root, name), { recursive: true, force: true });
    }
  }

  private record(id: string): DatasetRecord {
    const record = this.store.datasets.get(id);
    if (!record) throw notFound('Dataset', id);
    return record;
  }
}

function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of a file, streamed; a file that cannot be read gets the reader's clear message later. */
async function hashFile(filePath: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch {
    return `unreadable:${crypto.randomUUID()}`;
  }
  return hash.digest('hex');
}

function cancelledError(fileName: string): DataError {
  return new DataError('CANCELLED', `Importing "${fileName}" was cancelled.`, { file: fileName });
}

function toDetail(record: DatasetRecord): DatasetDetail {
  return {
    id: record.id,
    name: record.name,
    rows: record.rows,
    columns: record.columns,
    suggestedTarget: record.suggestedTarget,
    suggestedTargetReason: record.suggestedTargetReason,
    createdAt: record.createdAt,
    profile: record.profile,
    preview: record.preview,
    table: record.table ?? estimatedTable(record),
    targetAnalysis: record.targetAnalysis,
    ...(record.notes && record.notes.length > 0 ? { notes: record.notes } : {}),
    ...(record.sample ? { sample: record.sample } : {}),
  };
}

/** Table facts for a dataset imported before they were computed: sizes from the profile only. */
function estimatedTable(record: DatasetRecord): TableProfile {
  const bytesPerRow = record.profile.reduce((sum, c) => sum + (c.storage === 'categorical' ? 4 : 8), 0);
  return { rows: record.rows, columns: record.columns, memoryBytes: record.rows * bytesPerRow, duplicateRows: 0 };
}
