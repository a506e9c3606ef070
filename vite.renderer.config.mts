import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server's React Refresh preamble is an inline script, which the page's strict CSP
 * (script-src 'self') forbids. Relax script-src for the dev server only; built pages keep the
 * strict policy from index.html.
 */
const devCsp = (): Plugin => ({
  name: 'studio-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
});

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react(), devCsp()],
  build: {
    // Relative to root: <repo>/out/renderer.
    outDir: '../../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
