import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseCorruptError, openDatabase } from '../../../src/main/db/connection';
import { loadMigrations, MigrationError, migrationsDir } from '../../../src/main/db/migrate';
import { DATABASE_FILE_NAME, openStore } from '../../../src/main/db/store';
import { PHASES } from '../../../src/shared/domain';
import { closeLater, datasetRecord, newRun, tempDir, tempStore } from './helpers';

const count = (dataDir: string, table: string): number => {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  try {
    return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('openStore', () => {
  it('creates studio.sqlite in the data folder, migrated, and reopens it with the data kept', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = openStore(dataDir);
    first.datasets.insert(datasetRecord('d1'));
    first.close();
    first.close(); // twice is harmless
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME))).toBe(true);

    const second = openStore(dataDir);
    closeLater(() => second.close());
    expect(second.datasets.get('d1')?.name).toBe('Dataset d1');
    expect(count(dataDir, 'schema_migrations')).toBe(loadMigrations(migrationsDir()).length);
  });

  it('lets two stores share one data folder (two hosts at once)', () => {
    const { store, dataDir } = tempStore();
    const other = openStore(dataDir);
    closeLater(() => other.close());
    store.datasets.insert(datasetRecord('d1'));
    expect(other.datasets.get('d1')?.id).toBe('d1');
  });

  it('uses the given migrations folder and refuses a database newer than it', () => {
    const { store, dataDir } = tempStore();
    store.close();
    const migrations = tempDir();
    fs.writeFileSync(path.join(migrations, '001_initial.sql'), fs.readFileSync(path.resolve('src/main/db/migrations/001_initial.sql')));
    const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openStore(dataDir, { migrationsDir: migrations })).toThrow(MigrationError);
  });

  it('refuses a damaged database file', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE_NAME), 'this is not a database, just some text '.repeat(200));
    expect(() => openStore(dataDir)).toThrow(DatabaseCorruptError);
  });

  it('deleting a dataset deletes its runs and everything under them', () => {
    const { store, dataDir } = tempStore();
    store.datasets.insert(datasetRecord('d1'));
    store.datasets.insert(datasetRecord('d2'));
    store.runs.create(newRun('r1', 'd1'));
    store.runs.create(newRun('r2', 'd2'));
    for (const runId of ['r1', 'r2']) {
      store.phases.createAll(runId, PHASES);
      const taskId = store.tasks.create(runId, 'search', 'tpe');
      store.trials.insert({ runId, taskId, phase: 'search', model: 'gbt', params: {}, score: 1, status: 'complete', durationMs: 1, createdAt: 't' });
      store.metrics.insert(runId, { name: 'best', step: 1, value: 1, at: 't' });
      store.events.append(runId, 'log', { level: 'info', message: 'x' }, 't');
      store.artifacts.insert({ runId, kind: 'onnx', path: 'p', checksum: 'c', bytes: 1, meta: {}, createdAt: 't' });
    }

    expect(store.datasets.delete('d1')).toBe(true);

    expect(store.runs.get('r1')).toBeNull();
    expect(store.runs.list().map((r) => r.id)).toEqual(['r2']);
    expect(store.phases.list('r1')).toEqual([]);
    expect(store.tasks.list('r1')).toEqual([]);
    expect(store.trials.list('r1')).toEqual([]);
    expect(store.metrics.list('r1')).toEqual([]);
    expect(store.events.lastSeq('r1')).toBe(0);
    expect(store.artifacts.list('r1')).toEqual([]);
    for (const table of ['columns', 'runs', 'phases', 'tasks', 'trials', 'metrics', 'events', 'artifacts']) {
      // Only d2's rows are left: 2 columns, 5 phases, 1 of everything else.
      expect(count(dataDir, table)).toBe(table === 'columns' ? 2 : table === 'phases' ? 5 : 1);
    }
  });

  it('transaction commits together or not at all, and returns the callback value', () => {
    const { store } = tempStore();
    expect(
      store.transaction(() => {
        store.datasets.insert(datasetRecord('kept'));
        return 'done';
      }),
    ).toBe('done');
    expect(() =>
      store.transaction(() => {
        store.datasets.insert(datasetRecord('lost'));
        store.runs.create(newRun('r-lost', 'lost'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.datasets.get('kept')).not.toBeNull();
    expect(store.datasets.get('lost')).toBeNull();
    expect(store.runs.get('r-lost')).toBeNull();
  });
});
