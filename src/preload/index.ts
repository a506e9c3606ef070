/**
 * The preload: exposes exactly the contract's named methods to the sandboxed renderer
 * (no generic invoke), and `on` for the event channels.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { EventChannel, EventMap, RequestChannel, StudioApi } from '../shared/contract';

const call = (channel: RequestChannel) => (payload: unknown) => ipcRenderer.invoke(channel, payload);
const EVENTS: readonly EventChannel[] = ['run:progress', 'datasets:importProgress'];

const api = {
  appInfo: call('app:info'),
  datasetsList: call('datasets:list'),
  datasetsGet: call('datasets:get'),
  datasetsImportPath: call('datasets:importPath'),
  datasetsUpload: call('datasets:upload'),
  datasetsImportSample: call('datasets:importSample'),
  datasetsDelete: call('datasets:delete'),
  datasetsCancelImport: call('datasets:cancelImport'),
  datasetsRows: call('datasets:rows'),
  datasetsUpdateColumns: call('datasets:updateColumns'),
  datasetsAnalyzeTarget: call('datasets:analyzeTarget'),
  dialogOpenDataset: call('dialog:openDataset'),
  runsList: call('runs:list'),
  runsQuery: call('runs:query'),
  runsGet: call('runs:get'),
  runsStart: call('runs:start'),
  runsTrials: call('runs:trials'),
  runsCancel: call('runs:cancel'),
  runsResume: call('runs:resume'),
  profilesModelCard: call('profiles:modelCard'),
  profilesZip: call('profiles:zip'),
  profilesExportFolder: call('profiles:exportFolder'),
  profilesOpenFolder: call('profiles:openFolder'),
  on<E extends EventChannel>(channel: E, listener: (event: EventMap[E]) => void): () => void {
    if (!EVENTS.includes(channel)) throw new Error(`Unknown event channel ${channel}`);
    const wrapped = (_e: unknown, data: EventMap[E]): void => listener(data);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
} satisfies StudioApi;

contextBridge.exposeInMainWorld('api', api);
