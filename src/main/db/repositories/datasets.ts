/**
 * Datasets: the profile and preview are kept as JSON (read back whole), and the profile is also
 * copied into `columns`, one row per column, for queries that should not parse JSON.
 */
import type { Database } from '../connection';
import type { DatasetRecord, DatasetRepository } from '../../ports/repositories';
import type { DatasetSummary } from '../../../shared/domain';
import { fromJson, toJson } from './sql';

interface SummaryRow {
  id: string;
  name: string;
  rows: number;
  columns: number;
  suggested_target: string | null;
  suggested_target_reason: string;
  created_at: string;
}

interface RecordRow extends SummaryRow {
  source_name: string;
  stored_path: string;
  checksum: string;
  profile_json: string;
  preview_json: string;
  cache_checksum: string | null;
  notes_json: string;
}

const SUMMARY_COLUMNS = 'id, name, rows, columns, suggested_target, suggested_target_reason, created_at';
const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, source_name, stored_path, checksum, profile_json, preview_json, cache_checksum, notes_json`;

const toSummary = (r: SummaryRow): DatasetSummary => ({
  id: r.id,
  name: r.name,
  rows: r.rows,
  columns: r.columns,
  suggestedTarget: r.suggested_target,
  suggestedTargetReason: r.suggested_target_reason,
  createdAt: r.created_at,
});

const toRecord = (r: RecordRow): DatasetRecord => ({
  ...toSummary(r),
  sourceName: r.source_name,
  storedPath: r.stored_path,
  checksum: r.checksum,
  profile: fromJson(r.profile_json),
  preview: fromJson(r.preview_json),
  ...(r.cache_checksum !== null ? { cacheChecksum: r.cache_checksum } : {}),
  ...(r.notes_json !== '[]' ? { notes: fromJson<string[]>(r.notes_json) } : {}),
});

/** The SQLite {@link DatasetRepository}. */
export function createDatasetRepository(db: Database): DatasetRepository {
  const insertDataset = db.prepare(
    `INSERT INTO datasets (id, name, source_name, stored_path, checksum, rows, columns, suggested_target,
       suggested_target_reason, profile_json, preview_json, created_at, cache_checksum, notes_json)
     VALUES (@id, @name, @sourceName, @storedPath, @checksum, @rows, @columns, @suggestedTarget,
       @suggestedTargetReason, @profileJson, @previewJson, @createdAt, @cacheChecksum, @notesJson)`,
  );
  const insertColumn = db.prepare(
    'INSERT INTO columns (dataset_id, idx, name, type, missing, distinct_count) VALUES (@datasetId, @idx, @name, @type, @missing, @distinct)',
  );
  const selectById = db.prepare<[string], RecordRow>(`SELECT ${RECORD_COLUMNS} FROM datasets WHERE id = ?`);
  const selectByChecksum = db.prepare<[string], RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM datasets WHERE checksum = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  );
  const selectAll = db.prepare<[], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM datasets ORDER BY created_at DESC, rowid DESC`);
  const deleteById = db.prepare<[string]>('DELETE FROM datasets WHERE id = ?');

  const insert = db.transaction((record: DatasetRecord): void => {
    insertDataset.run({
      id: record.id,
      name: record.name,
      sourceName: record.sourceName,
      storedPath: record.storedPath,
      checksum: record.checksum,
      rows: record.rows,
      columns: record.columns,
      suggestedTarget: record.suggestedTarget,
      suggestedTargetReason: record.suggestedTargetReason,
      profileJson: toJson(record.profile),
      previewJson: toJson(record.preview),
      createdAt: record.createdAt,
      cacheChecksum: record.cacheChecksum ?? null,
      notesJson: toJson(record.notes ?? []),
    });
    for (const column of record.profile) {
      insertColumn.run({
        datasetId: record.id,
        idx: column.index,
        name: column.name,
        type: column.type,
        missing: column.missing,
        distinct: column.distinct,
      });
    }
  });

  return {
    insert: (record) => insert(record),
    get: (id) => {
      const row = selectById.get(id);
      return row ? toRecord(row) : null;
    },
    findByChecksum: (checksum) => {
      const row = selectByChecksum.get(checksum);
      return row ? toRecord(row) : null;
    },
    list: () => selectAll.all().map(toSummary),
    delete: (id) => deleteById.run(id).changes > 0,
  };
}
