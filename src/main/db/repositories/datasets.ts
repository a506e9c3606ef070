/**
 * Datasets: the profile and preview are kept as JSON (read back whole), and the profile is also
 * copied into `columns`, one row per column, for queries that should not parse JSON. `columns`
 * also holds the user's choices (a type override, left out of training), which are merged into
 * the profile on every read, so the JSON profile itself stays what the importer inferred.
 * A dataset that is a random sample of its file's rows says so (`sample_rows` of `sample_of`,
 * `sample_seed`; migration 005).
 */
import type { Database } from '../connection';
import type { DatasetRecord, DatasetRepository } from '../../ports/repositories';
import type { ColumnProfile, ColumnSetting, ColumnType, DatasetSample, DatasetSummary, TableProfile, TargetAnalysis } from '../../../shared/domain';
import { fromJson, toJson } from './sql';

interface SummaryRow {
  id: string;
  name: string;
  rows: number;
  columns: number;
  suggested_target: string | null;
  suggested_target_reason: string;
  created_at: string;
  sample_rows: number | null;
  sample_of: number | null;
  sample_seed: number | null;
}

interface RecordRow extends SummaryRow {
  source_name: string;
  stored_path: string;
  checksum: string;
  profile_json: string;
  preview_json: string;
  cache_checksum: string | null;
  notes_json: string;
  table_json: string | null;
  target_analysis_json: string | null;
}

interface ColumnChoiceRow {
  idx: number;
  type_override: ColumnType | null;
  excluded: number;
}

const SUMMARY_COLUMNS = 'id, name, rows, columns, suggested_target, suggested_target_reason, created_at, sample_rows, sample_of, sample_seed';
const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, source_name, stored_path, checksum, profile_json, preview_json, cache_checksum, notes_json,
  table_json, target_analysis_json`;

const toSummary = (r: SummaryRow): DatasetSummary => ({
  id: r.id,
  name: r.name,
  rows: r.rows,
  columns: r.columns,
  suggestedTarget: r.suggested_target,
  suggestedTargetReason: r.suggested_target_reason,
  createdAt: r.created_at,
  ...(r.sample_rows !== null ? { sample: { rows: r.sample_rows, of: r.sample_of ?? r.sample_rows, seed: r.sample_seed ?? 0 } satisfies DatasetSample } : {}),
});

const toRecord = (r: RecordRow, choices: readonly ColumnChoiceRow[]): DatasetRecord => ({
  ...toSummary(r),
  sourceName: r.source_name,
  storedPath: r.stored_path,
  checksum: r.checksum,
  profile: withChoices(fromJson<ColumnProfile[]>(r.profile_json).map(upgradeProfile), choices),
  preview: fromJson(r.preview_json),
  table: r.table_json !== null ? fromJson<TableProfile>(r.table_json) : null,
  targetAnalysis: r.target_analysis_json !== null ? fromJson<TargetAnalysis | null>(r.target_analysis_json) : null,
  ...(r.cache_checksum !== null ? { cacheChecksum: r.cache_checksum } : {}),
  ...(r.notes_json !== '[]' ? { notes: fromJson<string[]>(r.notes_json) } : {}),
});

/** A profile stored before migration 003 knew only `numeric` and `categorical`, held as such. */
function upgradeProfile(p: ColumnProfile): ColumnProfile {
  if (p.storage !== undefined) return p;
  const storage = p.type === 'numeric' ? 'numeric' : 'categorical';
  return { ...p, storage, inferredType: p.type, typeReason: 'imported by an earlier version', flags: [], excluded: false };
}

/** The stored profile with the user's type overrides and exclusions applied. */
function withChoices(profile: ColumnProfile[], choices: readonly ColumnChoiceRow[]): ColumnProfile[] {
  const byIndex = new Map(choices.map((c) => [c.idx, c]));
  return profile.map((p) => {
    const choice = byIndex.get(p.index);
    if (!choice) return p;
    const type = choice.type_override ?? p.inferredType;
    const excluded = choice.excluded === 1;
    const { excludedReason: inferredReason, ...rest } = p;
    const reason = !excluded ? undefined : p.excluded ? inferredReason : 'left out by you';
    return { ...rest, type, excluded, ...(reason ? { excludedReason: reason } : {}) };
  });
}

/** The SQLite {@link DatasetRepository}. */
export function createDatasetRepository(db: Database): DatasetRepository {
  const insertDataset = db.prepare(
    `INSERT INTO datasets (id, name, source_name, stored_path, checksum, rows, columns, suggested_target,
       suggested_target_reason, profile_json, preview_json, created_at, cache_checksum, notes_json, table_json,
       target_analysis_json, sample_rows, sample_of, sample_seed)
     VALUES (@id, @name, @sourceName, @storedPath, @checksum, @rows, @columns, @suggestedTarget,
       @suggestedTargetReason, @profileJson, @previewJson, @createdAt, @cacheChecksum, @notesJson, @tableJson,
       @targetAnalysisJson, @sampleRows, @sampleOf, @sampleSeed)`,
  );
  const insertColumn = db.prepare(
    `INSERT INTO columns (dataset_id, idx, name, type, missing, distinct_count, type_override, excluded)
     VALUES (@datasetId, @idx, @name, @type, @missing, @distinct, NULL, @excluded)`,
  );
  const selectChoices = db.prepare<[string], ColumnChoiceRow>('SELECT idx, type_override, excluded FROM columns WHERE dataset_id = ? ORDER BY idx');
  const updateChoice = db.prepare(
    'UPDATE columns SET type_override = @typeOverride, excluded = @excluded WHERE dataset_id = @datasetId AND idx = @idx',
  );
  const selectById = db.prepare<[string], RecordRow>(`SELECT ${RECORD_COLUMNS} FROM datasets WHERE id = ?`);
  const selectByChecksum = db.prepare<[string], RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM datasets WHERE checksum = ? AND sample_rows IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  );
  const selectSampleByChecksum = db.prepare<[string, number, number], RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM datasets WHERE checksum = ? AND sample_rows = ? AND sample_seed = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
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
      tableJson: record.table ? toJson(record.table) : null,
      targetAnalysisJson: record.targetAnalysis ? toJson(record.targetAnalysis) : null,
      sampleRows: record.sample?.rows ?? null,
      sampleOf: record.sample?.of ?? null,
      sampleSeed: record.sample?.seed ?? null,
    });
    for (const column of record.profile) {
      insertColumn.run({
        datasetId: record.id,
        idx: column.index,
        name: column.name,
        type: column.inferredType,
        missing: column.missing,
        distinct: column.distinct,
        excluded: column.excluded ? 1 : 0,
      });
    }
  });

  const setChoices = db.transaction((datasetId: string, settings: readonly ColumnSetting[]): number => {
    let changed = 0;
    for (const s of settings) {
      changed += updateChoice.run({ datasetId, idx: s.index, typeOverride: s.type, excluded: s.excluded ? 1 : 0 }).changes;
    }
    if (changed !== settings.length) throw new RangeError(`Dataset ${datasetId} has no column at some of the given indexes.`);
    return changed;
  });

  const read = (row: RecordRow | undefined): DatasetRecord | null => (row ? toRecord(row, selectChoices.all(row.id)) : null);

  return {
    insert: (record) => insert(record),
    get: (id) => read(selectById.get(id)),
    findByChecksum: (checksum, sample) => read(sample ? selectSampleByChecksum.get(checksum, sample.rows, sample.seed) : selectByChecksum.get(checksum)),
    setColumnChoices: (datasetId, settings) => {
      setChoices(datasetId, settings);
    },
    list: () => selectAll.all().map(toSummary),
    delete: (id) => deleteById.run(id).changes > 0,
  };
}
