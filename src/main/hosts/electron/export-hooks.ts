/**
 * The Electron side of exporting profiles, kept thin: the native folder dialog and the file
 * manager. Everything else (which files, where inside the folder) is the host-agnostic
 * ExportsService's, which the serve host and the tests run too.
 */
import { dialog, shell, type BrowserWindow } from 'electron';
import type { ExportHooks } from '../../services/exports-service';

export function electronExportHooks(getWindow: () => BrowserWindow | null): ExportHooks {
  return {
    async pickExportFolder() {
      const options = { title: 'Export profiles to a folder', buttonLabel: 'Export here', properties: ['openDirectory' as const, 'createDirectory' as const] };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    openFolder: (dir) => shell.openPath(dir),
  };
}
