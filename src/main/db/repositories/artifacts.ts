/**
 * Files a run produced (models, predictions, reports), stored beside the database and referenced
 * here by path (relative to the data folder), size and checksum.
 */
import type { Database } from '../connection';
import type { ArtifactRecord, ArtifactRepository } from '../../ports/repositories';
import { fromJson, toJson } from './sql';

interface ArtifactRow {
  id: number;
  run_id: string;
  kind: string;
  path: string;
  checksum: string;
  bytes: number;
  meta_json: string;
  created_at: string;
}

const toRecord = (r: ArtifactRow): ArtifactRecord => ({
  id: r.id,
  runId: r.run_id,
  kind: r.kind,
  path: r.path,
  checksum: r.checksum,
  bytes: r.bytes,
  meta: fromJson(r.meta_json),
  createdAt: r.created_at,
});

/** The SQLite {@link ArtifactRepository}. */
export function createArtifactRepository(db: Database): ArtifactRepository {
  const insertArtifact = db.prepare(
    `INSERT INTO artifacts (run_id, kind, path, checksum, bytes, meta_json, created_at)
     VALUES (@runId, @kind, @path, @checksum, @bytes, @metaJson, @createdAt)`,
  );
  // A file written again at the same path (a task re-run on resume) supersedes its earlier record,
  // whose checksum no longer matches the file.
  const deleteSamePath = db.prepare('DELETE FROM artifacts WHERE run_id = ? AND path = ?');
  const replace = db.transaction((artifact: Omit<ArtifactRecord, 'id'>): number => {
    deleteSamePath.run(artifact.runId, artifact.path);
    return Number(
      insertArtifact.run({
        runId: artifact.runId,
        kind: artifact.kind,
        path: artifact.path,
        checksum: artifact.checksum,
        bytes: artifact.bytes,
        metaJson: toJson(artifact.meta),
        createdAt: artifact.createdAt,
      }).lastInsertRowid,
    );
  });
  const selectAll = db.prepare<[string], ArtifactRow>(
    'SELECT id, run_id, kind, path, checksum, bytes, meta_json, created_at FROM artifacts WHERE run_id = ? ORDER BY id',
  );

  return {
    insert: (artifact) => replace(artifact),
    list: (runId) => selectAll.all(runId).map(toRecord),
  };
}
