/**
 * The Content-Security-Policies of the two hosts that show the window, which differ only in what
 * the page may connect to:
 *
 * - the browser host (hosts/serve/static-files.ts) carries the API over a WebSocket to its own
 *   origin, and `connect-src 'self'` allows exactly that: under CSP Level 3, which Chromium
 *   implements, `'self'` on an `http://host:port` page matches `ws://host:port` too, and no other
 *   host or port (tests/e2e/browser-journey.test.ts checks both in Chromium);
 * - the Electron window (window.ts) talks to main over IPC only, so it may connect to nothing:
 *   `connect-src 'none'`.
 *
 * index.html carries the browser host's policy in a meta tag, less the directives a meta tag
 * cannot carry (tests/main/hosts/electron-hardening.test.ts asserts they match). Both a header
 * and a meta policy are enforced, so in Electron (file://, the header from window.ts) the page
 * still may connect to nothing.
 */

/** The policy with `connect-src` set to `connectSrc`; every other directive is the same for both hosts. */
const policy = (connectSrc: string): string =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src ${connectSrc}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;

/** The browser host's policy: the page connects only to its own origin (its `/api` WebSocket). */
export const SERVE_CSP = policy("'self'");

/** The Electron window's policy: IPC only, no connections at all. */
export const ELECTRON_CSP = policy("'none'");

/** Directives valid only in a header: browsers ignore them in a `<meta http-equiv>` policy. */
export const HEADER_ONLY_CSP_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];
