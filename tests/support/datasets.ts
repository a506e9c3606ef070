/**
 * Paths to the shared benchmark datasets (../shared/datasets beside the repository), with the
 * bundled sample as a fallback for telco_churn.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED_DATASETS = path.resolve(REPO_ROOT, '../shared/datasets');

export function datasetPath(name: string): string {
  const shared = path.join(SHARED_DATASETS, name);
  if (fs.existsSync(shared)) return shared;
  const bundled = path.join(REPO_ROOT, 'resources/sample', name);
  if (fs.existsSync(bundled)) return bundled;
  throw new Error(`Dataset ${name} not found in ${SHARED_DATASETS}`);
}

export function testRows(name: string): Set<number> {
  const file = path.join(SHARED_DATASETS, 'splits', `${name.replace(/\.csv$/, '')}.test-rows.txt`);
  return new Set(fs.readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number));
}

/** Writes the train and test parts of a shared dataset (by its fixed split) as two CSV files. */
export function splitDatasetFiles(name: string, dir: string): { train: string; test: string } {
  const lines = fs.readFileSync(datasetPath(name), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const [header, ...rows] = lines;
  const test = testRows(name);
  const trainFile = path.join(dir, `train-${name}`);
  const testFile = path.join(dir, `test-${name}`);
  fs.writeFileSync(trainFile, [header, ...rows.filter((_, i) => !test.has(i))].join('\n') + '\n');
  fs.writeFileSync(testFile, [header, ...rows.filter((_, i) => test.has(i))].join('\n') + '\n');
  return { train: trainFile, test: testFile };
}

export function tempDir(prefix = 'mlestar-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
