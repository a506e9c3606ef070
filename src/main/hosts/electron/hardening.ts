/**
 * The Electron window's security decisions as plain data and pure functions (Electron's security
 * checklist), so tests can assert them without the Electron binary: the BrowserWindow options,
 * what navigation, new windows and permission requests get, and which IPC senders are trusted.
 * window.ts, index.ts and ipc/electron-ipc.ts only wire these into Electron's hooks.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
/** The main window's options: sandboxed, isolated, no Node, no webview, no insecure content. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    title: 'MLE-STAR Studio',
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  };
}

/** In-page navigation is never allowed: the window shows our one page (links open outside). */
export function allowNavigation(_url: string): false {
  return false;
}

/**
 * `window.open` and target=_blank links: always denied in the app; an https link is handed to
 * the system browser, anything else (file:, javascript:, data:, http:) is dropped.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  let external = false;
  try {
    external = new URL(url).protocol === 'https:';
  } catch {
    external = false;
  }
  return { action: 'deny', openExternally: external };
}

/** Camera, microphone, notifications, geolocation…: the app needs none, so every request is refused. */
export function allowPermission(_permission: string): false {
  return false;
}

/**
 * An IPC request is trusted only from our own window's main frame showing our own page
 * (`file://…/renderer/index.html`, any #fragment): not from another window, an iframe, or a page
 * the window was somehow navigated to.
 */
export function isTrustedSender(sender: { isOurWindow: boolean; isMainFrame: boolean; frameUrl: string }, expectedUrl: string): boolean {
  return sender.isOurWindow && sender.isMainFrame && sender.frameUrl.split('#')[0] === expectedUrl;
}
