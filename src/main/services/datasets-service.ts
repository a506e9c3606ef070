/**
 * Imports, lists, loads and deletes datasets. An import is parsed and profiled completely before
 * anything is written; the stored copy is written under a temporary name and renamed, and the
 * database row is inserted last, so a bad file leaves nothing behind. The same bytes imported
 * twice give the same dataset.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatasetDetail, DatasetSummary } from '../../shared/domain';
import { readCsvText } from '../ml/csv';
import type { Frame } from '../ml/frame';
import { previewRows, profileFrame } from '../ml/profile';
import type { DatasetRecord, Store } from '../ports/repositories';
import { badInput, notFound } from '../app/errors';

const PREVIEW_ROWS = 50;

export class DatasetsService {
  private cached: { id: string; frame: Frame; fileName: string } | null = null;

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
  ) {}

  list(): DatasetSummary[] {
    return this.store.datasets.list();
  }

  get(id: string): DatasetDetail {
    return toDetail(this.record(id));
  }

  /** Imports a file the user chose (dialog, drop or command line). */
  async importPath(filePath: string): Promise<DatasetDetail> {
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(filePath);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
      throw badInput(`Cannot read ${filePath}: ${reason}. Check the path and try again.`);
    }
    return this.importBytes(path.basename(filePath), bytes);
  }

  /** Imports uploaded file contents (browser host). */
  async importText(fileName: string, text: string): Promise<DatasetDetail> {
    return this.importBytes(path.basename(fileName), Buffer.from(text, 'utf8'));
  }

  delete(id: string): void {
    const record = this.record(id);
    this.store.datasets.delete(id);
    if (this.cached?.id === id) this.cached = null;
    fs.rmSync(path.join(this.dataDir, path.dirname(record.storedPath)), { recursive: true, force: true });
  }

  /** The dataset's frame (the last one loaded stays in memory). */
  async loadFrame(id: string): Promise<{ frame: Frame; fileName: string }> {
    if (this.cached?.id === id) return this.cached;
    const record = this.record(id);
    const text = await fs.promises.readFile(path.join(this.dataDir, record.storedPath), 'utf8');
    const frame = readCsvText(text, record.sourceName);
    this.cached = { id, frame, fileName: record.sourceName };
    return this.cached;
  }

  private async importBytes(fileName: string, bytes: Buffer): Promise<DatasetDetail> {
    const checksum = crypto.createHash('sha256').update(bytes).digest('hex');
    const existing = this.store.datasets.findByChecksum(checksum);
    if (existing) return toDetail(existing);

    const frame = readCsvText(decodeText(bytes), fileName);
    const profile = profileFrame(frame);
    const id = crypto.randomUUID();
    const storedPath = path.join('datasets', id, 'source.csv');
    const absolute = path.join(this.dataDir, storedPath);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    const temp = `${absolute}.partial`;
    try {
      await fs.promises.writeFile(temp, bytes);
      fs.renameSync(temp, absolute);
      const record: DatasetRecord = {
        id,
        name: fileName,
        sourceName: fileName,
        storedPath,
        checksum,
        rows: frame.rowCount,
        columns: frame.columns.length,
        suggestedTarget: profile.suggestedTarget,
        suggestedTargetReason: profile.suggestedTargetReason,
        createdAt: new Date().toISOString(),
        profile: profile.columns,
        preview: previewRows(frame, PREVIEW_ROWS),
      };
      this.store.datasets.insert(record);
      this.cached = { id, frame, fileName };
      return toDetail(record);
    } catch (error) {
      fs.rmSync(path.dirname(absolute), { recursive: true, force: true });
      throw error;
    }
  }

  private record(id: string): DatasetRecord {
    const record = this.store.datasets.get(id);
    if (!record) throw notFound('Dataset', id);
    return record;
  }
}

/** UTF-8 (with or without BOM) or UTF-16 with a BOM; the CSV reader rejects binary content. */
function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return bytes.toString('utf8');
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
  };
}
