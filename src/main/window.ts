/**
 * The Electron window, locked down per Electron's security checklist: sandboxed renderer,
 * context isolation, no Node integration, a CSP on every response, no navigation, no new
 * windows, no permissions.
 */
import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { ELECTRON_CSP } from './app/csp';
import { allowNavigation, allowPermission, mainWindowOptions, windowOpenDecision } from './hosts/electron/hardening';

export const RENDERER_INDEX = path.join(__dirname, '../renderer/index.html');

export function createMainWindow(): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(allowPermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => allowPermission(permission));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });
  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, '../preload/index.js')));
  win.webContents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(RENDERER_INDEX);
  return win;
}
