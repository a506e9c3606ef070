/**
 * Wires the window to its bridge: the API for actions, connection state, pushed events, routing,
 * and the first loads. Returns a function that undoes the wiring (tests, hot reload).
 */
import { handleImportProgress } from './datasets';
import type { Bridge } from '../api/bridge';
import { useStudio } from '../store';
import { api, setApi, unwrap } from './client';
import { loadDataset, loadDatasets } from './datasets';
import { startRouting } from './navigation';
import { handleProgress, loadDatasetRuns, loadRun, loadRuns } from './runs';
import { handleTrialsProgress, loadTrials } from './trials';
import { handleRunTableProgress, loadRunPage } from './runTable';

/** After a reconnect the events sent meanwhile are gone: reload what is on screen. */
function resync(): void {
  void loadDatasets();
  void loadRuns();
  const { route } = useStudio.getState();
  if (route.name === 'run') void loadRun(route.id);
  if (route.name === 'trials') void loadRun(route.id);
  if (route.name === 'run' || route.name === 'trials') void loadTrials(route.id);
  if (route.name === 'dataset') {
    void loadDataset(route.id, { force: true });
    void loadDatasetRuns(route.id);
  }
  if (route.name === 'home') void loadRunPage();
  if (route.name === 'compare') for (const id of route.ids) void loadRun(id);
}

export async function loadAppInfo(): Promise<void> {
  const info = await unwrap(api().appInfo({}));
  if (!info) return;
  const store = useStudio.getState();
  const firstLoad = store.info === null;
  store.setInfo(info);
  if (firstLoad) for (const notice of info.notices ?? []) store.pushNotice('STARTUP', notice);
}

export function startApp(bridge: Bridge, win: Window): () => void {
  setApi(bridge.api);
  const store = useStudio.getState();
  store.setBridge(bridge.kind);
  store.setConnection(bridge.connection.state());
  const offState = bridge.connection.onState((state, reconnected) => {
    useStudio.getState().setConnection(state);
    if (state === 'open' && reconnected) {
      if (!useStudio.getState().info) void loadAppInfo();
      resync();
    }
  });
  const offProgress = bridge.api.on('run:progress', handleProgress);
  const offTrials = bridge.api.on('run:progress', handleTrialsProgress);
  const offTableProgress = bridge.api.on('run:progress', handleRunTableProgress);
  const offImports = bridge.api.on('datasets:importProgress', handleImportProgress);
  const offRouting = startRouting(win);
  void loadAppInfo();
  void loadDatasets();
  void loadRuns();
  return () => {
    offState();
    offProgress();
    offTrials();
    offTableProgress();
    offImports();
    offRouting();
  };
}
