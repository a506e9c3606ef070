import { MAX_UPLOAD_BYTES } from '../../shared/contract';
import type { DatasetDetail, ImportProgressEvent } from '../../shared/domain';
import { formatBytes } from '../lib/format';
import { useStudio } from '../store';
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

/** Binary formats can't travel as text; say so before reading the whole file. */
const BINARY_EXTENSIONS = ['.parquet', '.xlsx', '.xls', '.zip', '.gz', '.bz2', '.7z', '.feather', '.arrow', '.pkl'];

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
}

/** Import a dropped or picked file by uploading its text (works in the browser and in Electron). */
export async function importFile(file: TextFile): Promise<void> {
  const lower = file.name.toLowerCase();
  if (BINARY_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    const canPick = useStudio.getState().info?.canPickPaths ?? false;
    notify(
      'BAD_INPUT',
      `${file.name} is a binary file and can't be uploaded as text. Save it as CSV${canPick ? ', or open it with "Choose file…"' : ''}, then try again.`,
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
  await whileBusy('import', `Importing ${file.name}…`, async () => {
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      notify('BAD_INPUT', `Could not read ${file.name}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    opened(await unwrap(api().datasetsUpload({ fileName: uploadName(file.name), text, importId: newImportId() })));
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
  const path = picked.path;
  const name = path.split(/[\\/]/).pop() ?? path;
  await whileBusy('import', `Importing ${name}…`, async () => {
    opened(await unwrap(api().datasetsImportPath({ path, importId: newImportId() })));
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
