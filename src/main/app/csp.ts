/**
 * The Content-Security-Policy both hosts send: the Electron window (a response header added in
 * window.ts) and the browser host (hosts/serve/static-files.ts). index.html carries the same
 * policy in a meta tag, less the directives a meta tag cannot carry (tests/main/hosts/
 * electron-hardening.test.ts asserts the two match): in Electron the page loads from file://,
 * where the meta tag is what applies.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Directives valid only in a header: browsers ignore them in a `<meta http-equiv>` policy. */
export const HEADER_ONLY_CSP_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];
