import { describe, expect, it } from 'vitest';
import { datasetRecord, tempStore } from './helpers';
import { openDatabase } from '../../../src/main/db/connection';
import { DATABASE_FILE_NAME } from '../../../src/main/db/store';
import path from 'node:path';

describe('DatasetRepository', () => {
  it('round-trips a record, profile and preview included', () => {
    const { store } = tempStore();
    const record = datasetRecord('iris');
    store.datasets.insert(record);
    expect(store.datasets.get('iris')).toEqual(record);
    expect(store.datasets.get('nope')).toBeNull();
  });

  it('keeps a null suggested target', () => {
    const { store } = tempStore();
    store.datasets.insert(datasetRecord('plain', { suggestedTarget: null, suggestedTargetReason: '' }));
    expect(store.datasets.get('plain')).toMatchObject({ suggestedTarget: null, suggestedTargetReason: '' });
  });

  it('copies the profile into the columns table', () => {
    const { store, dataDir } = tempStore();
    store.datasets.insert(datasetRecord('iris'));
    const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
    try {
      expect(db.prepare('SELECT idx, name, type, missing, distinct_count FROM columns WHERE dataset_id = ? ORDER BY idx').all('iris')).toEqual([
        { idx: 0, name: 'sepal_length', type: 'numeric', missing: 0, distinct_count: 10 },
        { idx: 1, name: 'species', type: 'categorical', missing: 1, distinct_count: 11 },
      ]);
    } finally {
      db.close();
    }
  });

  it('saves type overrides and exclusions and merges them into the profile it reads back', () => {
    const { store } = tempStore();
    const record = datasetRecord('iris');
    record.profile[0] = { ...record.profile[0], excluded: true, excludedReason: 'constant' };
    store.datasets.insert(record);
    expect(store.datasets.get('iris')!.profile[0]).toMatchObject({ excluded: true, excludedReason: 'constant' });

    store.datasets.setColumnChoices('iris', [
      { index: 0, type: null, excluded: false },
      { index: 1, type: 'text', excluded: true },
    ]);
    const [first, second] = store.datasets.get('iris')!.profile;
    expect(first).toMatchObject({ type: 'numeric', inferredType: 'numeric', excluded: false });
    expect(first.excludedReason).toBeUndefined();
    expect(second).toMatchObject({ type: 'text', inferredType: 'categorical', excluded: true, excludedReason: 'left out by you' });

    store.datasets.setColumnChoices('iris', [{ index: 1, type: null, excluded: false }]);
    expect(store.datasets.get('iris')!.profile[1]).toMatchObject({ type: 'categorical', excluded: false });
  });

  it('saves no column choice when one index is not a column', () => {
    const { store } = tempStore();
    store.datasets.insert(datasetRecord('iris'));
    expect(() =>
      store.datasets.setColumnChoices('iris', [
        { index: 0, type: 'categorical', excluded: true },
        { index: 7, type: null, excluded: true },
      ]),
    ).toThrow(RangeError);
    expect(store.datasets.get('iris')!.profile[0]).toMatchObject({ type: 'numeric', excluded: false });
  });

  it('inserts the dataset and its columns atomically', () => {
    const { store } = tempStore();
    const broken = datasetRecord('dup');
    broken.profile = [broken.profile[0], { ...broken.profile[1], index: 0 }]; // duplicate column index
    expect(() => store.datasets.insert(broken)).toThrow(/UNIQUE/);
    expect(store.datasets.get('dup')).toBeNull();
  });

  it('finds the newest dataset with a checksum', () => {
    const { store } = tempStore();
    store.datasets.insert(datasetRecord('old', { checksum: 'same', createdAt: '2026-01-01T00:00:00.000Z' }));
    store.datasets.insert(datasetRecord('new', { checksum: 'same', createdAt: '2026-01-05T00:00:00.000Z' }));
    store.datasets.insert(datasetRecord('other', { checksum: 'different' }));
    expect(store.datasets.findByChecksum('same')?.id).toBe('new');
    expect(store.datasets.findByChecksum('missing')).toBeNull();
  });

  it('keeps a sample of the file apart from the whole file and from other samples', () => {
    const { store } = tempStore();
    store.datasets.insert(datasetRecord('whole', { checksum: 'file', createdAt: '2026-01-01T00:00:00.000Z' }));
    const sample = { rows: 1000, of: 60_000, seed: 1 };
    store.datasets.insert(datasetRecord('part', { checksum: 'file', rows: 1000, sample, createdAt: '2026-01-02T00:00:00.000Z' }));
    expect(store.datasets.get('part')?.sample).toEqual(sample);
    expect(store.datasets.get('whole')?.sample).toBeUndefined();
    expect(store.datasets.list().find((d) => d.id === 'part')?.sample).toEqual(sample);
    expect(store.datasets.findByChecksum('file')?.id).toBe('whole');
    expect(store.datasets.findByChecksum('file', { rows: 1000, seed: 1 })?.id).toBe('part');
    expect(store.datasets.findByChecksum('file', { rows: 1000, seed: 2 })).toBeNull();
    expect(store.datasets.findByChecksum('file', { rows: 999, seed: 1 })).toBeNull();
  });

  it('lists summaries newest first', () => {
    const { store } = tempStore();
    store.datasets.insert(datasetRecord('a', { createdAt: '2026-01-02T00:00:00.000Z' }));
    store.datasets.insert(datasetRecord('b', { createdAt: '2026-01-03T00:00:00.000Z' }));
    store.datasets.insert(datasetRecord('c', { createdAt: '2026-01-01T00:00:00.000Z' }));
    const list = store.datasets.list();
    expect(list.map((d) => d.id)).toEqual(['b', 'a', 'c']);
    expect(list[0]).toEqual({
      id: 'b',
      name: 'Dataset b',
      rows: 150,
      columns: 2,
      suggestedTarget: 'species',
      suggestedTargetReason: 'last column, few distinct values',
      createdAt: '2026-01-03T00:00:00.000Z',
    });
  });

  it('deletes, reporting whether the dataset existed', () => {
    const { store } = tempStore();
    store.datasets.insert(datasetRecord('gone'));
    expect(store.datasets.delete('gone')).toBe(true);
    expect(store.datasets.get('gone')).toBeNull();
    expect(store.datasets.delete('gone')).toBe(false);
  });
});
