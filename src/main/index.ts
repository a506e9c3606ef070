/**
 * The Electron host: a thin shell around the same composition root the serve and CLI hosts use.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { createStudio, type StudioServices } from './app/composition';
import { resolveDataDir } from './app/data-dir';
import { registerIpc } from './ipc/electron-ipc';
import { electronExportHooks } from './hosts/electron/export-hooks';
import { allowNavigation } from './hosts/electron/hardening';
import { createMainWindow, RENDERER_INDEX } from './window';

const dataDirArg = (() => {
  const i = process.argv.indexOf('--data-dir');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

let studio: StudioServices | null = null;
let mainWindow: BrowserWindow | null = null;

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => {
  // Every web contents, not only the main window's: no webviews, no navigation, no new windows.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(() => {
  studio = createStudio({
    dataDir: resolveDataDir(dataDirArg),
    host: 'electron',
    pickDatasetPath: async () => {
      const options = { properties: ['openFile' as const], filters: [{ name: 'Tables', extensions: ['csv', 'tsv', 'txt'] }] };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    exportHooks: electronExportHooks(() => mainWindow),
  });
  registerIpc(studio, () => mainWindow, RENDERER_INDEX);
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => (mainWindow = null));
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!studio) return;
  event.preventDefault();
  const closing = studio;
  studio = null;
  void closing.close().finally(() => app.exit(0));
});
