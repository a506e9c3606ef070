import { MAX_UPLOAD_BYTES } from '../../shared/contract';
import type { ColumnProfile, ColumnType, DatasetDetail, ImportProgressEvent } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { bytesToBase64Async } from '../lib/base64';
import { formatBytes, formatNumber } from '../lib/format';
import type { Cell } from '../lib/rowPager';
import { useStudio } from '../store';
import type { NoticeAction } from '../store/slices/app';
import { api, notify, unwrap, unwrapLoad, whileBusy } from './client';
import { navigate } from './navigation';

const inFlight = new Set<string>();

export async function loadDatasets(): Promise<void> {
  const list = await unwrap(api().datasetsList({}));
  if (list) useStudio.getState().setDatasetList(list);
}

/** Loads a dataset's detail unless it is loaded (or loading) already. */
export async function loadDataset(id: string, { force = false } = {}): Promise<void> {
  if (inFlight.has(id) || (!force && useStudio.getState().datasetDetails[id])) return;
  inFlight.add(id);
  try {
    const detail = await unwrapLoad(`dataset:${id}`, api().datasetsGet({ id }));
    if (detail) useStudio.getState().putDataset(detail);
  } finally {
    inFlight.delete(id);
  }
}

const opened = (detail: DatasetDetail | null): void => {
  if (!detail) return;
  useStudio.getState().putDataset(detail);
  navigate({ name: 'dataset', id: detail.id });
};

/** Formats the importer reads: text ones are sent as text, binary ones (gzip, Parquet) as base64. */
export const TEXT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.json', '.jsonl', '.ndjson'];
export const BINARY_IMPORT_EXTENSIONS = ['.gz', '.parquet'];
/** Binary formats the importer can't read: say so before reading the whole file. */
const UNREADABLE_EXTENSIONS = ['.xlsx', '.xls', '.xlsm', '.ods', '.zip', '.bz2', '.xz', '.7z', '.rar', '.feather', '.arrow', '.pkl', '.pickle', '.h5', '.sav', '.dta'];

/** The contract caps file names at 255 characters: keep the extension when shortening. */
export function uploadName(name: string): string {
  const clean = name.trim() || 'dataset.csv';
  if (clean.length <= 255) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return clean.slice(0, 255 - ext.length) + ext;
}

/** The file-reading part of `File` (a real File, or a stand-in in tests). */
export interface TextFile {
  name: string;
  size: number;
  text(): Promise<string>;
  arrayBuffer?(): Promise<ArrayBuffer>;
}

const isBinaryImport = (lowerName: string): boolean => BINARY_IMPORT_EXTENSIONS.some((ext) => lowerName.endsWith(ext));

/** Import failures the user can get past by skipping the rows named in the message. */
const SKIPPABLE = new Set(['RAGGED_ROWS', 'BAD_LINE']);

/** What an import may be asked to do beyond reading the whole file. */
export interface ImportChoices {
  skipBadRows?: boolean;
  /** A random sample of this many rows (offered when the file is over the memory budget). */
  rowSample?: { rows: number };
}

/**
 * The import's answer: the dataset opens; a failure shows its banner, with the way past it where
 * there is one: rows with the wrong number of fields (or bad JSON lines) can be skipped, and a
 * file over the memory budget can be imported as a random sample of the rows that fit.
 * `retry` imports again with more choices made; `tried` are the choices this import had.
 */
function settleImport(result: Result<DatasetDetail>, tried: ImportChoices, retry: (choices: ImportChoices) => void): void {
  if (result.ok) return opened(result.data);
  const { reason, fitRows } = result.error;
  let offer: NoticeAction | undefined;
  if (!tried.skipBadRows && SKIPPABLE.has(reason ?? '')) offer = { label: 'Skip those rows and import', run: () => retry({ ...tried, skipBadRows: true }) };
  else if (reason === 'TOO_LARGE' && fitRows !== undefined && fitRows > 0 && (!tried.rowSample || fitRows < tried.rowSample.rows)) {
    offer = { label: `Import a random sample of ${formatNumber(fitRows)} rows`, run: () => retry({ ...tried, rowSample: { rows: fitRows } }) };
  }
  notify(result.error.code, result.error.message, offer);
}

/** The request fields for `choices` (none when nothing was chosen). */
const choiceFields = (choices: ImportChoices): ImportChoices => ({
  ...(choices.skipBadRows ? { skipBadRows: true } : {}),
  ...(choices.rowSample ? { rowSample: { rows: choices.rowSample.rows } } : {}),
});

/** Import a dropped or picked file by uploading its contents (works in the browser and in Electron). */
export async function importFile(file: TextFile, choices: ImportChoices = {}): Promise<void> {
  const lower = file.name.toLowerCase();
  if (UNREADABLE_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    const canPick = useStudio.getState().info?.canPickPaths ?? false;
    notify(
      'BAD_INPUT',
      `${file.name} is a binary file this app can't read. Save it as CSV (or Parquet, or JSON lines)${canPick ? ', or open it with "Choose file…"' : ''}, then try again.`,
    );
    return;
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    notify('BAD_INPUT', `${file.name} is ${formatBytes(file.size)}; uploads are limited to ${formatBytes(MAX_UPLOAD_BYTES)}. Use the desktop app or the CLI for larger files.`);
    return;
  }
  if (file.size === 0) {
    notify('BAD_INPUT', `${file.name} is empty. Choose a CSV file with a header row and at least one data row.`);
    return;
  }
  const fileName = uploadName(file.name);
  const store = useStudio.getState();
  await whileBusy('import', `Importing ${file.name}…`, async () => {
    try {
      let content: { text: string } | { base64: string };
      store.setLocalImport({ fileName: file.name, step: 'reading', bytes: 0 });
      try {
        if (isBinaryImport(lower) && file.arrayBuffer) {
          const bytes = new Uint8Array(await file.arrayBuffer());
          store.setLocalImport({ fileName: file.name, step: 'encoding', bytes: 0 });
          content = { base64: await bytesToBase64Async(bytes, (done) => useStudio.getState().setLocalImport({ fileName: file.name, step: 'encoding', bytes: done })) };
        } else {
          content = { text: await file.text() };
        }
      } catch (err) {
        notify('BAD_INPUT', `Could not read ${file.name}: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      useStudio.getState().setLocalImport({ fileName: file.name, step: 'uploading', bytes: file.size });
      const result = await api().datasetsUpload({ fileName, ...content, importId: newImportId(), ...choiceFields(choices) });
      settleImport(result, choices, (more) => void importFile(file, more));
    } finally {
      useStudio.getState().setLocalImport(null);
    }
  });
}

export async function importSample(): Promise<void> {
  const sample = useStudio.getState().info?.sample.name ?? 'the sample dataset';
  await whileBusy('import', `Importing ${sample}…`, async () => {
    opened(await unwrap(api().datasetsImportSample({})));
  });
}

/** Electron: a native dialog, then import by path. */
export async function pickAndImport(): Promise<void> {
  const picked = await unwrap(api().dialogOpenDataset({}));
  if (!picked || picked.path === null) return;
  await importPath(picked.path);
}

async function importPath(path: string, choices: ImportChoices = {}): Promise<void> {
  const name = path.split(/[\\/]/).pop() ?? path;
  await whileBusy('import', `Importing ${name}…`, async () => {
    const result = await api().datasetsImportPath({ path, importId: newImportId(), ...choiceFields(choices) });
    settleImport(result, choices, (more) => void importPath(path, more));
  });
}

const newImportId = (): string => `ui-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Where `datasets:importProgress` events land: the drop zone shows the running import's progress. */
export function handleImportProgress(event: ImportProgressEvent): void {
  const final = event.stage === 'done' || event.stage === 'failed' || event.stage === 'cancelled';
  useStudio.getState().setImportProgress(final ? null : event);
}

/** Cancels the running import (its request then fails with a "cancelled" message). */
export async function cancelImport(): Promise<void> {
  const running = useStudio.getState().importProgress;
  if (running) await unwrap(api().datasetsCancelImport({ importId: running.importId }));
}

export async function deleteDataset(id: string): Promise<void> {
  const done = await whileBusy(`delete:${id}`, 'Deleting…', () => unwrap(api().datasetsDelete({ id })));
  if (!done) return;
  useStudio.getState().removeDataset(id);
  const { route } = useStudio.getState();
  if (route.name === 'dataset' && route.id === id) navigate({ name: 'home' });
}

/** Several files dropped at once: import the first, say so. */
export async function importFiles(files: TextFile[]): Promise<void> {
  if (files.length === 0) return;
  if (files.length > 1) notify('BAD_INPUT', `Dropped ${files.length} files; importing only the first, ${files[0].name}. Drop one file at a time.`);
  await importFile(files[0]);
}

/** A page of rows for the preview grid (the grid shows failures itself, without a banner each). */
export async function fetchRows(id: string, offset: number, limit: number): Promise<Result<Cell[][]>> {
  const result = await api().datasetsRows({ id, offset, limit });
  return result.ok ? { ok: true, data: result.data.rows } : result;
}

/** The user's change to one column: a type override (null = back to inferred) and/or exclusion. */
export interface ColumnChange {
  type?: ColumnType | null;
  excluded?: boolean;
}

/** Edits sent and not yet answered, by `<datasetId>:<index>`: their request number and the optimistic patch. */
const pendingColumns = new Map<string, { seq: number; patch: Partial<ColumnProfile> }>();
let columnSeq = 0;

export const isOverridden = (c: ColumnProfile): boolean => c.type !== c.inferredType;

/**
 * Saves one column's type or exclusion at once: shown straight away, confirmed by the dataset the
 * server answers with, rolled back (with a banner) when the save fails. A newer edit to the same
 * column wins over the answers to older ones.
 */
export async function updateColumn(id: string, index: number, change: ColumnChange): Promise<void> {
  const store = useStudio.getState();
  const column = store.datasetDetails[id]?.profile.find((c) => c.index === index);
  if (!column) return;
  const key = `${id}:${index}`;
  const before: Partial<ColumnProfile> = { type: column.type, excluded: column.excluded, excludedReason: column.excludedReason };
  const override = change.type !== undefined ? change.type : isOverridden(column) ? column.type : null;
  const excluded = change.excluded ?? column.excluded;
  const patch: Partial<ColumnProfile> = {
    type: override ?? column.inferredType,
    excluded,
    excludedReason: !excluded ? undefined : change.excluded !== undefined ? 'left out by you' : column.excludedReason,
  };
  const seq = ++columnSeq;
  pendingColumns.set(key, { seq, patch });
  store.patchColumn(id, index, patch);
  store.setColumnSave(key, 'saving');
  const result = await api().datasetsUpdateColumns({ id, columns: [{ index, type: override, excluded }] });
  if (pendingColumns.get(key)?.seq !== seq) return; // a newer edit of this column is on its way
  pendingColumns.delete(key);
  const now = useStudio.getState();
  if (!result.ok) {
    now.patchColumn(id, index, before);
    now.setColumnSave(key, 'error');
    notify(result.error.code, `Could not save ${column.name}: ${result.error.message}`);
    return;
  }
  now.putDataset(result.data);
  // Keep showing the other columns' edits that are still on their way.
  for (const [k, p] of pendingColumns) {
    const [dsId, i] = k.split(':');
    if (dsId === id) now.patchColumn(id, Number(i), p.patch);
  }
  now.setColumnSave(key, 'saved');
  // A type change can change what the picked target means: ask again.
  const picked = now.targetAnalyses[id];
  if (picked) void analyzeTarget(id, picked.target);
}

const targetSeq = new Map<string, number>();

/**
 * The analysis (task, class balance, leakage suspects) of the target picked in the run form.
 * The suggested target's comes with the dataset; another is asked for, and only the answer to the
 * latest pick is kept.
 */
export async function analyzeTarget(id: string, target: string, { force = false } = {}): Promise<void> {
  const seq = (targetSeq.get(id) ?? 0) + 1;
  targetSeq.set(id, seq);
  const store = useStudio.getState();
  const detail = store.datasetDetails[id];
  if (!force && detail?.targetAnalysis && detail.targetAnalysis.target === target) {
    store.setTargetAnalysis(id, { target, analysis: detail.targetAnalysis, loading: false, error: null });
    return;
  }
  const previous = store.targetAnalyses[id];
  store.setTargetAnalysis(id, { target, analysis: previous?.target === target ? previous.analysis : null, loading: true, error: null });
  const result = await api().datasetsAnalyzeTarget({ id, target });
  if (targetSeq.get(id) !== seq) return; // the user picked another target meanwhile
  useStudio
    .getState()
    .setTargetAnalysis(id, result.ok ? { target, analysis: result.data, loading: false, error: null } : { target, analysis: null, loading: false, error: result.error.message });
}
