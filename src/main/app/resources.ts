/**
 * Finds the bundled `resources/` folder whether we run from source (tsx), from the electron-vite
 * bundle (out/main) or from a packaged app.
 */
import fs from 'node:fs';
import path from 'node:path';

export function resourcesDir(): string {
  const candidates = [
    process.env.MLESTAR_RESOURCES_DIR,
    path.resolve(__dirname, '../../../resources'),
    path.resolve(__dirname, '../../resources'),
    path.resolve(process.cwd(), 'resources'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'sample')));
  if (!found) throw new Error(`Cannot find the resources folder (looked in: ${candidates.join(', ')}).`);
  return found;
}

export const SAMPLE = { name: 'telco_churn.csv', target: 'churn' } as const;

export function samplePath(): string {
  return path.join(resourcesDir(), 'sample', SAMPLE.name);
}
