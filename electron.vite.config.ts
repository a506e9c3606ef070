import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';

/** The SQL migrations are read at run time; put them beside the main bundle. */
const copyMigrations = {
  name: 'copy-migrations',
  closeBundle() {
    fs.cpSync(path.resolve('src/main/db/migrations'), path.resolve('out/main/migrations'), { recursive: true });
  },
};

/** The search agent's knowledge base is read at run time too (workflow/knowledge/load.ts looks beside the bundle first). */
const copyKnowledge = {
  name: 'copy-knowledge',
  closeBundle() {
    fs.cpSync(path.resolve('resources/knowledge'), path.resolve('out/main/knowledge'), { recursive: true });
  },
};

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin(), copyMigrations, copyKnowledge],
    // Workers are their own entries: services/import-runner.ts starts out/main/import-worker.js,
    // workers/fit-pool.ts out/main/fit-worker.js, ml/trees/hist-threads.ts out/main/hist-worker.js.
    build: {
      rollupOptions: {
        input: {
          index: path.resolve('src/main/index.ts'),
          'import-worker': path.resolve('src/main/ml/io/import-worker.ts'),
          'fit-worker': path.resolve('src/main/workers/fit-worker.ts'),
          'hist-worker': path.resolve('src/main/ml/trees/hist-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: ['zod'] })],
    build: { rollupOptions: { input: { index: path.resolve('src/preload/index.ts') } } },
  },
  renderer: {
    root: path.resolve('src/renderer'),
    plugins: [react()],
    build: { rollupOptions: { input: path.resolve('src/renderer/index.html') } },
  },
});
