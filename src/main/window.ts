/**
 * The Electron window, locked down per Electron's security checklist: sandboxed renderer,
 * context isolation, no Node integration, a CSP on every response, no navigation, no new
 * windows, no permissions.
 */
import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './hosts/serve/static-files';

export const RENDERER_INDEX = path.join(__dirname, '../renderer/index.html');

export function createMainWindow(): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    title: 'MLE-STAR Studio',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(RENDERER_INDEX);
  return win;
}
