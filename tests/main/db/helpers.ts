/**
 * Shared fixtures for the db tests: real SQLite files in fresh temp folders (no mocks), and
 * minimal but complete domain records.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { DatasetRecord, NewRun, Store } from '../../../src/main/ports/repositories';
import type { ColumnProfile } from '../../../src/shared/domain';
import { openStore } from '../../../src/main/db/store';

const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-db-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store on a fresh data folder, closed after the test. */
export function tempStore(): { store: Store; dataDir: string } {
  const dataDir = tempDir();
  const store = openStore(dataDir);
  cleanups.push(() => store.close());
  return { store, dataDir };
}

/** Registers something to close after the test (runs before the temp folders are removed). */
export function closeLater(close: () => void): void {
  cleanups.push(close);
}

export function column(index: number, name: string, type: ColumnProfile['type']): ColumnProfile {
  return {
    name,
    index,
    storage: type === 'numeric' || type === 'integer' ? 'numeric' : 'categorical',
    type,
    inferredType: type,
    typeReason: 'test column',
    flags: [],
    excluded: false,
    missing: index,
    distinct: 10 + index,
    min: type === 'numeric' ? 0 : null,
    max: type === 'numeric' ? 1 : null,
    mean: type === 'numeric' ? 0.5 : null,
    std: type === 'numeric' ? 0.25 : null,
    top: type === 'categorical' ? [{ value: 'a', count: 3 }] : [],
    histogram: [{ label: '[0, 1)', count: 5 }],
  };
}

export function datasetRecord(id: string, overrides: Partial<DatasetRecord> = {}): DatasetRecord {
  return {
    id,
    name: `Dataset ${id}`,
    rows: 150,
    columns: 2,
    suggestedTarget: 'species',
    suggestedTargetReason: 'last column, few distinct values',
    createdAt: '2026-01-01T00:00:00.000Z',
    sourceName: `${id}.csv`,
    storedPath: `datasets/${id}.csv`,
    checksum: `sha-${id}`,
    profile: [column(0, 'sepal_length', 'numeric'), column(1, 'species', 'categorical')],
    preview: { columns: ['sepal_length', 'species'], rows: [['5.1', 'setosa'], [null, 'virginica']] },
    table: { rows: 150, columns: 2, memoryBytes: 1800, duplicateRows: 1 },
    targetAnalysis: null,
    ...overrides,
  };
}

export function newRun(id: string, datasetId: string, createdAt = '2026-01-02T00:00:00.000Z'): NewRun {
  return { id, createdAt, settings: { datasetId, target: 'species', budgetSeconds: 60, seed: 7 } };
}
