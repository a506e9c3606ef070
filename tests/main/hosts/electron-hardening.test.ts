/**
 * Electron hardening, asserted where a test can reach it without the Electron binary: the
 * BrowserWindow options, the navigation / new-window / permission decisions and the IPC sender
 * check (pure functions in hosts/electron/hardening.ts), the CSP header (app/csp.ts) and
 * index.html's CSP (the same policy less header-only directives), and that the Electron entry
 * files wire each decision into its hook. What needs a running
 * Electron is listed in SECURITY.md (and tests/e2e/electron.test.ts runs where the binary is).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, HEADER_ONLY_CSP_DIRECTIVES } from '../../../src/main/app/csp';
import { allowNavigation, allowPermission, isTrustedSender, mainWindowOptions, windowOpenDecision } from '../../../src/main/hosts/electron/hardening';
import { REQUEST_CHANNELS } from '../../../src/shared/contract';
import { REPO_ROOT } from '../../support/datasets';

const source = (file: string): string => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** A CSP string as directive → sources. */
function parseCsp(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

function expectStrict(csp: string): void {
  const d = parseCsp(csp);
  expect(d.get('default-src')).toEqual(["'self'"]);
  expect(d.get('script-src')).toEqual(["'self'"]);
  for (const [name, sources] of d) {
    expect(sources, name).not.toContain("'unsafe-eval'");
    expect(sources, name).not.toContain('*');
    if (name !== 'connect-src') for (const s of sources) expect(s, `${name} loads remote content`).not.toMatch(/^(https?:|\*)|\.\w+$/);
  }
}

describe('Electron hardening', () => {
  it('builds the window sandboxed, isolated, without Node, webviews or insecure content', () => {
    const options = mainWindowOptions('/app/out/preload/index.js');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(options.show).toBe(false);
  });

  it('denies navigation, window.open and every permission', () => {
    for (const url of ['https://example.com', 'file:///etc/passwd', 'http://localhost:5173', 'javascript:alert(1)', '']) expect(allowNavigation(url)).toBe(false);
    expect(windowOpenDecision('https://onnxruntime.ai/docs')).toEqual({ action: 'deny', openExternally: true });
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'smb://host/share', 'not a url', '']) {
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternally: false });
    }
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'serial', 'usb']) expect(allowPermission(p)).toBe(false);
  });

  it('trusts IPC only from our window main frame showing our page', () => {
    const page = 'file:///opt/studio/out/renderer/index.html';
    const sender = { isOurWindow: true, isMainFrame: true, frameUrl: page };
    expect(isTrustedSender(sender, page)).toBe(true);
    expect(isTrustedSender({ ...sender, frameUrl: `${page}#/runs/abc` }, page)).toBe(true);
    expect(isTrustedSender({ ...sender, isOurWindow: false }, page)).toBe(false);
    expect(isTrustedSender({ ...sender, isMainFrame: false }, page)).toBe(false);
    for (const url of [`${page}?x=1`, `${page}.evil.html`, 'file:///tmp/index.html', 'https://evil.example/index.html', 'about:blank', 'devtools://devtools/bundled/inspector.html', '']) {
      expect(isTrustedSender({ ...sender, frameUrl: url }, page), url).toBe(false);
    }
  });

  it('sends a strict CSP and index.html carries one too, with no inline or remote script', () => {
    expectStrict(CONTENT_SECURITY_POLICY);
    const d = parseCsp(CONTENT_SECURITY_POLICY);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    const html = source('src/renderer/index.html');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta, 'index.html has a CSP meta tag').not.toBeNull();
    expectStrict(meta![1]);
    // In Electron the page loads from file://, where the meta tag is the policy that applies: it must
    // be the header's, less the directives only a header can carry.
    const headerForMeta = [...d].filter(([name]) => !HEADER_ONLY_CSP_DIRECTIVES.includes(name));
    expect(Object.fromEntries(parseCsp(meta![1]))).toEqual(Object.fromEntries(headerForMeta));
    expect(headerForMeta.length).toBe(d.size - 1);
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, 'inline script').toMatch(/\ssrc="\.\/[^"]+"/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('wires each decision into Electron (entry files), and the preload exposes named methods only', () => {
    const windowTs = source('src/main/window.ts');
    for (const hook of ['mainWindowOptions(', 'setPermissionRequestHandler', 'setPermissionCheckHandler', "'will-navigate'", 'setWindowOpenHandler', "'Content-Security-Policy'"]) expect(windowTs, hook).toContain(hook);
    const indexTs = source('src/main/index.ts');
    for (const hook of ['app.enableSandbox()', "'will-attach-webview'", "'will-navigate'", 'setWindowOpenHandler']) expect(indexTs, hook).toContain(hook);
    const ipc = source('src/main/ipc/electron-ipc.ts');
    expect(ipc).toMatch(/for \(const channel of REQUEST_CHANNELS\)[\s\S]*trusted\(event\)/);
    expect(ipc).toContain('isTrustedSender(');
    const preload = source('src/preload/index.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    const exposed = [...preload.matchAll(/call\('([^']+)'\)/g)].map((m) => m[1]).sort();
    expect(exposed).toEqual([...REQUEST_CHANNELS].sort());
  });
});
