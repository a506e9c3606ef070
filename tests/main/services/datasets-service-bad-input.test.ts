/**
 * Issue 3 at the service level: a bad file, a file that shrinks or disappears while it is read,
 * and a cancel mid-import each fail with a clear message, leave the database's dataset list and
 * the `datasets/` folder as they were, and the next import of a good file succeeds. Real SQLite
 * store in a temp data folder, real import worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/main/ml/data-error';
import { DatasetsService } from '../../../src/main/services/datasets-service';
import type { ImportProgressEvent } from '../../../src/shared/domain';
import { tempDir, tempStore } from '../db/helpers';

let serial = 0;

/** A good CSV file whose bytes differ from every other one made here (no re-import shortcut). */
function goodFile(dir: string, rows = 20): string {
  const tag = ++serial;
  const lines = ['id,x,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${i * tag},${i % 2 ? 'yes' : 'no'}`);
  const file = path.join(dir, `good-${tag}.csv`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A CSV file of about `mb` megabytes, so reading it takes long enough to act on a progress event. */
function bigFile(dir: string, name: string, mb: number): string {
  const row = (i: number): string => `${i},${(i * 0.37).toFixed(2)},${i % 7},${['north', 'south', 'east', 'west'][i % 4]}\n`;
  const parts = ['id,x,k,region\n'];
  let bytes = 0;
  for (let i = 0; bytes < mb * 1024 * 1024; i++) {
    const r = row(i);
    parts.push(r);
    bytes += r.length;
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, parts.join(''));
  return file;
}

/** Entries under the data folder's datasets/ (folders and files, recursively). */
function datasetEntries(dataDir: string): string[] {
  const root = path.join(dataDir, 'datasets');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
}

async function failure(promise: Promise<unknown>): Promise<DataError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the import to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

/** A service with one good dataset already imported, and a check that a failure changed nothing. */
async function setup(): Promise<{ service: DatasetsService; dir: string; events: ImportProgressEvent[]; unchanged: () => Promise<void> }> {
  const { store, dataDir } = tempStore();
  const service = new DatasetsService(store, dataDir);
  const dir = tempDir();
  await service.importPath(goodFile(dir));
  const list = store.datasets.list();
  const entries = datasetEntries(dataDir);
  expect(list).toHaveLength(1);
  const events: ImportProgressEvent[] = [];
  service.onImportProgress((e) => events.push(e));
  const unchanged = async (): Promise<void> => {
    expect(store.datasets.list()).toEqual(list);
    expect(datasetEntries(dataDir)).toEqual(entries);
    // …and the app keeps working: the next good file imports.
    const next = await service.importPath(goodFile(dir, 30));
    expect(next.rows).toBe(30);
    expect(store.datasets.list()).toHaveLength(list.length + 1);
    expect(datasetEntries(dataDir).some((f) => f.endsWith('.partial'))).toBe(false);
  };
  return { service, dir, events, unchanged };
}

describe('DatasetsService: bad input leaves nothing behind', () => {
  it('3. an image renamed .csv', async () => {
    const { service, dir, events, unchanged } = await setup();
    const file = path.join(dir, 'photo.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 3)]));
    const e = await failure(service.importPath(file, { importId: 'png' }));
    expect(e).toMatchObject({ code: 'BINARY_FILE', file: 'photo.csv' });
    expect(e.message).toMatch(/"photo\.csv" is not a CSV text file: it looks like a PNG image/);
    expect(events.at(-1)).toMatchObject({ importId: 'png', stage: 'failed', error: e.message });
    await unchanged();
  });

  it('4. ragged rows without skipping', async () => {
    const { service, dir, unchanged } = await setup();
    const file = path.join(dir, 'ragged.csv');
    fs.writeFileSync(file, 'a,b,c\n1,2,3\n4,5\n6,7,8\n');
    const e = await failure(service.importPath(file));
    expect(e).toMatchObject({ code: 'RAGGED_ROWS', file: 'ragged.csv', row: 3 });
    expect(e.message).toMatch(/line 3 has 2/);
    await unchanged();
  });

  it('7. a 50 MB field', async () => {
    const { service, dir, unchanged } = await setup();
    const file = path.join(dir, 'huge-field.csv');
    fs.writeFileSync(file, `id,text\n1,ok\n2,${'z'.repeat(50 * 1024 * 1024)}\n`);
    const e = await failure(service.importPath(file));
    expect(e).toMatchObject({ code: 'TOO_LARGE', file: 'huge-field.csv', row: 3, column: 'text' });
    await unchanged();
  });

  it('9. a file truncated while the worker reads it', async () => {
    const { service, dir, unchanged } = await setup();
    const file = bigFile(dir, 'shrinking.csv', 24);
    const size = fs.statSync(file).size;
    let cut = false;
    service.onImportProgress((e) => {
      if (e.stage !== 'reading' || cut) return;
      cut = true;
      fs.truncateSync(file, Math.floor(size * 0.6));
    });
    const e = await failure(service.importPath(file, { importId: 'shrink' }));
    expect(cut).toBe(true);
    expect(e).toMatchObject({ code: 'READ_FAILED', file: 'shrinking.csv' });
    expect(e.message).toMatch(/"shrinking\.csv" became shorter while it was being read.*line \d+/);
    expect(e.row).toBeGreaterThan(1);
    await unchanged();
  });

  it('9. a file removed after it was chosen, before the worker opens it', async () => {
    const { service, dir, unchanged } = await setup();
    const file = goodFile(dir);
    service.onImportProgress((e) => {
      if (e.stage === 'hashing' && fs.existsSync(file)) fs.rmSync(file);
    });
    const e = await failure(service.importPath(file));
    expect(e).toMatchObject({ code: 'READ_FAILED', file: path.basename(file) });
    expect(e.message).toMatch(/could not be read: it does not exist/);
    await unchanged();
  });

  it('cancel in the middle of an import', async () => {
    const { service, dir, events, unchanged } = await setup();
    const file = bigFile(dir, 'cancelled.csv', 16);
    service.onImportProgress((e) => {
      if (e.importId === 'stop' && e.stage === 'reading') service.cancelImport('stop');
    });
    const e = await failure(service.importPath(file, { importId: 'stop' }));
    expect(e).toMatchObject({ code: 'CANCELLED', file: 'cancelled.csv' });
    expect(events.at(-1)).toMatchObject({ importId: 'stop', stage: 'cancelled' });
    await unchanged();
  });

  it('cancel while the cache file is being written', async () => {
    const { service, dir, unchanged } = await setup();
    const file = bigFile(dir, 'late-cancel.csv', 8);
    let stage = '';
    service.onImportProgress((e) => {
      if (e.importId === 'late' && e.stage === 'saving' && !stage) {
        stage = e.stage;
        service.cancelImport('late');
      }
    });
    const e = await failure(service.importPath(file, { importId: 'late' }));
    expect(stage).toBe('saving');
    expect(e.code).toBe('CANCELLED');
    await unchanged();
  });
});
