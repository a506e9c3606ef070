/**
 * A file written again at the same path (a validation task re-run when a run is resumed after a
 * crash mid-export) replaces its earlier artifact record: the crash sweep found records whose
 * checksums no longer matched the rewritten profiles. Real SQLite in a temp folder.
 */
import { describe, expect, it } from 'vitest';
import type { ArtifactRecord } from '../../../src/main/ports/repositories';
import { datasetRecord, newRun, tempStore } from './helpers';

describe('ArtifactRepository: a rewritten file', () => {
  it('keeps one record per run and path, the latest', () => {
    const { store } = tempStore();
    store.datasets.insert(datasetRecord('d1'));
    store.runs.create(newRun('r1', 'd1'));
    store.runs.create(newRun('r2', 'd1'));
    const first: Omit<ArtifactRecord, 'id'> = { runId: 'r1', kind: 'onnx-model', path: 'runs/r1/profiles/balanced/model.onnx', checksum: 'old', bytes: 10, meta: {}, createdAt: 't1' };
    store.artifacts.insert(first);
    const other = store.artifacts.insert({ ...first, path: 'runs/r1/profiles/fast-inference/model.onnx' });
    const sameInOtherRun = store.artifacts.insert({ ...first, runId: 'r2', path: first.path });
    const latest = store.artifacts.insert({ ...first, checksum: 'new', bytes: 12, createdAt: 't2' });
    expect(store.artifacts.list('r1')).toEqual([
      { id: other, ...first, path: 'runs/r1/profiles/fast-inference/model.onnx' },
      { id: latest, ...first, checksum: 'new', bytes: 12, createdAt: 't2' },
    ]);
    expect(store.artifacts.list('r2').map((a) => a.id)).toEqual([sameInOtherRun]);
  });
});
