/**
 * Electron hardening, asserted where a test can reach it without the Electron binary: the
 * BrowserWindow options, the navigation / new-window / permission decisions and the IPC sender
 * check (pure functions in hosts/electron/hardening.ts), the CSP headers (app/csp.ts: the browser
 * host's connects only to its own origin, the Electron window's to nothing) and index.html's CSP
 * (the browser host's less header-only directives), and that the Electron entry
 * files wire each decision into its hook. What needs a running
 * Electron is listed in SECURITY.md (and tests/e2e/electron.test.ts runs where the binary is).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_CSP, HEADER_ONLY_CSP_DIRECTIVES, SERVE_CSP } from '../../../src/main/app/csp';
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

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };
const portOf = (u: URL): string => u.port || DEFAULT_PORTS[u.protocol] || '';

/**
 * Whether `csp`'s connect-src (else default-src) lets a page at `page` connect to `target`, by
 * CSP Level 3's source matching for the kinds of source these policies could hold: 'none', 'self'
 * (same origin, or the page's own host and port over ws/wss/https), `*`, a scheme (`ws:`) and a host
 * (`host[:port]`, `*.host`).
 */
function allowsConnect(csp: string, page: string, target: string): boolean {
  const d = parseCsp(csp);
  const sources = d.get('connect-src') ?? d.get('default-src') ?? [];
  const from = new URL(page);
  const to = new URL(target);
  const relaxed: Record<string, string[]> = { 'http:': ['http:', 'https:', 'ws:', 'wss:'], 'https:': ['https:', 'wss:'], 'ws:': ['ws:', 'wss:'], 'wss:': ['wss:'] };
  return sources.some((source) => {
    if (source === "'none'") return false;
    if (source === "'self'") {
      if (from.origin === to.origin && from.origin !== 'null') return true;
      const samePort = portOf(to) === portOf(from) || (portOf(to) === DEFAULT_PORTS[to.protocol] && portOf(from) === DEFAULT_PORTS[from.protocol]);
      const secureOrPlain = ['https:', 'wss:'].includes(to.protocol) || (from.protocol === 'http:' && ['http:', 'ws:'].includes(to.protocol));
      return from.hostname !== '' && to.hostname === from.hostname && samePort && secureOrPlain;
    }
    if (source === '*') return ['http:', 'https:', 'ws:', 'wss:'].includes(to.protocol);
    if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return (relaxed[source] ?? [source]).includes(to.protocol);
    const m = /^(?:([a-z]+):\/\/)?(\*\.)?([^:/]+)(?::(\d+|\*))?/i.exec(source);
    if (!m) return false;
    const [, scheme, wildcard, host, port] = m;
    if (scheme && !(relaxed[`${scheme}:`] ?? []).includes(to.protocol)) return false;
    if (wildcard ? !to.hostname.endsWith(`.${host}`) : to.hostname !== host) return false;
    return port === '*' || (port ?? DEFAULT_PORTS[to.protocol]) === portOf(to);
  });
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

  it('sends strict CSPs, and index.html carries the browser host\'s, with no inline or remote script', () => {
    for (const csp of [SERVE_CSP, ELECTRON_CSP]) {
      expectStrict(csp);
      const d = parseCsp(csp);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(d.get('base-uri')).toEqual(["'none'"]);
      expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    }
    // The two differ only in connect-src.
    const serve = parseCsp(SERVE_CSP);
    const electron = parseCsp(ELECTRON_CSP);
    expect(serve.get('connect-src')).toEqual(["'self'"]);
    expect(electron.get('connect-src')).toEqual(["'none'"]);
    expect(Object.fromEntries([...electron].filter(([n]) => n !== 'connect-src'))).toEqual(Object.fromEntries([...serve].filter(([n]) => n !== 'connect-src')));
    const html = source('src/renderer/index.html');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta, 'index.html has a CSP meta tag').not.toBeNull();
    expectStrict(meta![1]);
    // The meta tag is the browser host's header less the directives only a header can carry; in
    // Electron (file://) it applies together with the window's header, so connect-src stays 'none'.
    const headerForMeta = [...serve].filter(([name]) => !HEADER_ONLY_CSP_DIRECTIVES.includes(name));
    expect(Object.fromEntries(parseCsp(meta![1]))).toEqual(Object.fromEntries(headerForMeta));
    expect(headerForMeta.length).toBe(serve.size - 1);
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, 'inline script').toMatch(/\ssrc="\.\/[^"]+"/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('lets the browser host page open a WebSocket to its own origin only, and the Electron window none', () => {
    const page = 'http://127.0.0.1:5174/';
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(source('src/renderer/index.html'))![1];
    const foreign = ['ws://evil.example/api', 'wss://evil.example/api', 'ws://127.0.0.1:5175/api', 'ws://localhost:5174/api', 'ws://127.0.0.2:5174/api', 'http://evil.example/x', 'https://127.0.0.1/x'];
    for (const csp of [SERVE_CSP, meta]) {
      expect(allowsConnect(csp, page, 'ws://127.0.0.1:5174/api')).toBe(true);
      for (const url of foreign) expect(allowsConnect(csp, page, url), url).toBe(false);
    }
    // The matcher itself: the policy this replaced allowed every one of them.
    const old = SERVE_CSP.replace("connect-src 'self'", "connect-src 'self' ws: wss:");
    for (const url of foreign.filter((u) => u.startsWith('ws'))) expect(allowsConnect(old, page, url), url).toBe(true);
    const electronPage = 'file:///opt/studio/out/renderer/index.html';
    for (const url of ['ws://127.0.0.1:5174/api', 'ws://evil.example/api', 'file:///etc/passwd', 'https://example.com/']) expect(allowsConnect(ELECTRON_CSP, electronPage, url), url).toBe(false);
  });

  it('wires each decision into Electron (entry files), and the preload exposes named methods only', () => {
    const windowTs = source('src/main/window.ts');
    for (const hook of ['mainWindowOptions(', 'setPermissionRequestHandler', 'setPermissionCheckHandler', "'will-navigate'", 'setWindowOpenHandler', "'Content-Security-Policy': [ELECTRON_CSP]"]) expect(windowTs, hook).toContain(hook);
    expect(source('src/main/hosts/serve/static-files.ts')).toContain("'content-security-policy': SERVE_CSP");
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
