/**
 * Electron IPC: one `ipcMain.handle` per request channel, each checking that the sender is our
 * own window showing our own page, then handing the payload to the host-agnostic request
 * handler. Events go to the window with `webContents.send`.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import { REQUEST_CHANNELS } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { StudioServices } from '../app/composition';
import { isTrustedSender } from '../hosts/electron/hardening';
import { createRequestHandler } from './request-handler';

export function registerIpc(studio: StudioServices, getWindow: () => BrowserWindow | null, rendererIndex: string): () => void {
  const handle = createRequestHandler(studio);
  const expectedUrl = pathToFileURL(rendererIndex).href;
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = getWindow();
    const frame = event.senderFrame;
    return isTrustedSender({ isOurWindow: Boolean(win) && event.sender === win?.webContents, isMainFrame: Boolean(frame) && frame?.parent === null, frameUrl: frame?.url ?? '' }, expectedUrl);
  };
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => (trusted(event) ? handle(channel, payload) : fail('INVALID_REQUEST', 'Request refused: unknown sender.')));
  }
  const unsubscribe = studio.runs.onProgress((event) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send('run:progress', event);
  });
  const unsubscribeImports = studio.datasets.onImportProgress((event) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send('datasets:importProgress', event);
  });
  return () => {
    unsubscribe();
    unsubscribeImports();
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}
