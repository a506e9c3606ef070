/**
 * The composition root: builds the store and the services once, the same way for the Electron,
 * serve and CLI hosts. A run left `running` by a crash is marked `interrupted` here, at start.
 */
import fs from 'node:fs';
import type { AppInfo, DatasetDetail } from '../../shared/domain';
import path from 'node:path';
import { BACKUP_FILE_NAME, openStoreWithRecovery } from '../db/recovery';
import type { Store } from '../ports/repositories';
import { DatasetsService } from '../services/datasets-service';
import { RunsService } from '../services/runs-service';
import { ExportsService, type ExportHooks } from '../services/exports-service';
import { checkGpu } from '../onnx/gpu-check';
import { memoryBudgetBytes } from '../ml/io/memory-budget';
import { ChosenPaths } from './chosen-paths';
import { removePartialFiles } from './partial-files';
import { SAMPLE, samplePath } from './resources';

export interface StudioOptions {
  dataDir: string;
  host: AppInfo['host'];
  /** Opens a native file dialog (Electron only). */
  pickDatasetPath?: () => Promise<string | null>;
  /** The native folder dialog and the file manager, for exporting profiles (Electron only). */
  exportHooks?: ExportHooks;
  /** Memory a dataset may take once loaded, in MB (default: MLESTAR_MEMORY_BUDGET_MB, else 75% of memory). */
  memoryBudgetMB?: number;
}

export interface StudioServices {
  readonly dataDir: string;
  readonly store: Store;
  readonly datasets: DatasetsService;
  readonly runs: RunsService;
  readonly exports: ExportsService;
  /** Runs found unfinished at start and marked `interrupted`. */
  readonly interruptedAtStart: string[];
  /** What start-up had to tell the user (recovered database, interrupted runs). */
  readonly notices: string[];
  readonly pickDatasetPath?: () => Promise<string | null>;
  /** Whether the user chose this file in the dialog this session (the only paths a request may import). */
  isChosenPath(filePath: string): boolean;
  info(): AppInfo;
  importSample(): Promise<DatasetDetail>;
  close(): Promise<void>;
}

const VERSION = '0.1.0';

export function createStudio(options: StudioOptions): StudioServices {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const { store, notices } = openStoreWithRecovery(options.dataDir);
  const interruptedAtStart = store.runs.markUnfinishedInterrupted(new Date().toISOString());
  removePartialFiles(options.dataDir);
  if (interruptedAtStart.length) notices.push(interruptedNotice(interruptedAtStart.length));
  const datasets = new DatasetsService(store, options.dataDir, { memoryBudgetBytes: memoryBudgetBytes(options.memoryBudgetMB) });
  const runs = new RunsService(store, datasets, options.dataDir);
  const gpu = checkGpu();
  const chosen = new ChosenPaths();
  const pick = options.pickDatasetPath;
  return {
    dataDir: options.dataDir,
    store,
    datasets,
    runs,
    exports: new ExportsService(store, options.dataDir, options.exportHooks),
    interruptedAtStart,
    notices,
    pickDatasetPath: pick && (async () => chosen.remember(await pick())),
    isChosenPath: (filePath) => chosen.has(filePath),
    info: () => ({ version: VERSION, host: options.host, dataDir: options.dataDir, sample: { ...SAMPLE }, canPickPaths: Boolean(options.pickDatasetPath), notices: [...notices], gpu }),
    importSample: () => datasets.importPath(samplePath()),
    async close() {
      await runs.close();
      datasets.close();
      store.backup(path.join(options.dataDir, BACKUP_FILE_NAME));
      store.close();
    },
  };
}

/** The start-up notice for runs left unfinished by the last session: what happened and the way on. */
export function interruptedNotice(count: number): string {
  return count === 1
    ? 'A run was still running when the app last stopped: it is marked interrupted, and its finished work is kept. Resuming it continues from its last finished task.'
    : `${count} runs were still running when the app last stopped: they are marked interrupted, and their finished work is kept. Resuming one continues from its last finished task.`;
}
