import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/main/ml/data-error';
import { cellText } from '../../../src/main/ml/frame';
import { frameBytes, readFrameCache, writeFrameCache } from '../../../src/main/ml/io/frame-cache';
import { openStore } from '../../../src/main/db/store';
import { DatasetsService } from '../../../src/main/services/datasets-service';
import type { ImportProgressEvent } from '../../../src/shared/domain';
import { closeLater, tempDir, tempStore } from '../db/helpers';

function csvFile(dir: string, name: string, rows: number): string {
  const lines = ['id,x,city,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${(i * 0.5).toFixed(1)},${['Oslo', 'Rome', 'Zürich'][i % 3]},${i % 2 ? 'yes' : 'no'}`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Files under the data folder's datasets/ (what an import leaves on disk). */
function datasetFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'datasets');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' });
}

describe('DatasetsService', () => {
  it('imports in a worker into a checksummed cache, reopens from it, pages rows, and detects re-imports', async () => {
    const { store, dataDir } = tempStore();
    const service = new DatasetsService(store, dataDir);
    const file = csvFile(tempDir(), 'data.csv', 5000);
    const events: ImportProgressEvent[] = [];
    service.onImportProgress((e) => events.push(e));

    const detail = await service.importPath(file, { importId: 'imp1' });
    expect(detail.rows).toBe(5000);
    expect(detail.suggestedTarget).toBe('label');
    expect(events.map((e) => e.stage)).toContain('saving');
    expect(events.at(-1)).toMatchObject({ importId: 'imp1', stage: 'done', datasetId: detail.id });
    expect(datasetFiles(dataDir).some((f) => f.endsWith('frame.mlsf'))).toBe(true);
    expect(datasetFiles(dataDir).some((f) => f.endsWith('.partial'))).toBe(false);

    // A second service on the same folder (an app restart) reads the cache, not the CSV.
    fs.rmSync(file);
    const reopened = new DatasetsService(store, dataDir);
    const { frame } = await reopened.loadFrame(detail.id);
    expect(frame.rowCount).toBe(5000);
    expect(cellText(frame.columns[2], 2)).toBe('Zürich');
    const page = await reopened.rows(detail.id, 4998, 10);
    expect(page).toMatchObject({ offset: 4998, total: 5000, columns: ['id', 'x', 'city', 'label'] });
    expect(page.rows).toEqual([
      ['4998', '2499', 'Oslo', 'no'],
      ['4999', '2499.5', 'Rome', 'yes'],
    ]);

    const again = await service.importPath(csvFile(tempDir(), 'copy.csv', 5000));
    expect(again.id).toBe(detail.id);
    expect(service.list()).toHaveLength(1);

    service.delete(detail.id);
    expect(service.list()).toHaveLength(0);
    expect(datasetFiles(dataDir)).toEqual([]);
  });

  it('a bad file leaves nothing behind and the service keeps working', async () => {
    const { store, dataDir } = tempStore();
    const service = new DatasetsService(store, dataDir);
    const dir = tempDir();
    const bad = path.join(dir, 'ragged.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n3\n');
    const error = await service.importPath(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(/"ragged\.csv".*line 3 has 1/);
    expect(service.list()).toHaveLength(0);
    expect(datasetFiles(dataDir)).toEqual([]);

    const skipped = await service.importPath(bad, { skipBadRows: true });
    expect(skipped.rows).toBe(1);
    expect(skipped.notes?.[0]).toMatch(/Skipped 1 row/);
    const ok = await service.importPath(csvFile(dir, 'fine.csv', 10));
    expect(ok.rows).toBe(10);
  });

  it('cancels a running import and removes its files', async () => {
    const { store, dataDir } = tempStore();
    const service = new DatasetsService(store, dataDir);
    const file = csvFile(tempDir(), 'big.csv', 400_000);
    const events: ImportProgressEvent[] = [];
    service.onImportProgress((e) => {
      events.push(e);
      if (e.stage === 'reading') service.cancelImport('big');
    });
    const error = await service.importPath(file, { importId: 'big' }).catch((e: unknown) => e);
    expect((error as DataError).code).toBe('CANCELLED');
    expect(events.at(-1)?.stage).toBe('cancelled');
    expect(service.list()).toHaveLength(0);
    expect(datasetFiles(dataDir)).toEqual([]);
  });

  it('sweeps dataset folders left without a database row by a crash', () => {
    const dataDir = tempDir();
    const store = openStore(dataDir);
    closeLater(() => store.close());
    const orphan = path.join(dataDir, 'datasets', 'crashed');
    fs.mkdirSync(orphan, { recursive: true });
    fs.writeFileSync(path.join(orphan, 'frame.mlsf.partial'), 'half');
    new DatasetsService(store, dataDir);
    expect(fs.existsSync(orphan)).toBe(false);
  });
});

describe('frame cache', () => {
  const frame = {
    rowCount: 3,
    columns: [
      { kind: 'numeric' as const, name: 'x', values: new Float64Array([1.5, Number.NaN, -2]) },
      { kind: 'categorical' as const, name: 'c', codes: new Int32Array([0, -1, 1]), categories: ['a', 'b'] },
    ],
  };

  it('round-trips a frame', () => {
    const file = path.join(tempDir(), 'f.mlsf');
    writeFrameCache(file, frame);
    const back = readFrameCache(file);
    expect(back.rowCount).toBe(3);
    expect(Array.from((back.columns[0] as { values: Float64Array }).values)).toEqual([1.5, Number.NaN, -2]);
    expect(back.columns[1]).toMatchObject({ name: 'c', categories: ['a', 'b'] });
    expect(frameBytes(back)).toBe(3 * 8 + 3 * 4);
  });

  it('rejects a damaged file', () => {
    const file = path.join(tempDir(), 'f.mlsf');
    writeFrameCache(file, frame);
    const bytes = fs.readFileSync(file);
    bytes[3] ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect(() => readFrameCache(file)).toThrow(/damaged \(checksum mismatch\)/);
  });

  it('leaves no partial file when writing fails', () => {
    const dir = tempDir();
    const file = path.join(dir, 'f.mlsf');
    const broken = { rowCount: 1, columns: [{ kind: 'categorical' as const, name: 'c', codes: new Int32Array(1), categories: null as unknown as string[] }] };
    Object.defineProperty(broken.columns[0], 'categories', { get: () => { throw new Error('disk full'); }, enumerable: true });
    expect(() => writeFrameCache(file, broken)).toThrow(/disk full/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
