/**
 * The corpus of broken and strange input files (tests/fixtures/corpus, with manifest.json): each
 * is imported through the real DatasetsService (real import worker, real SQLite in a temp data
 * folder) and must give exactly the outcome its manifest entry names — a DataError whose message
 * names the file (and the line and column where the entry gives them), or a dataset of the
 * expected shape. A failed import must leave no dataset behind. Big files (10,000 columns, a
 * 17 MB value) are written by this test rather than committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/db/store';
import { DataError } from '../../../src/main/ml/data-error';
import type { Store } from '../../../src/main/ports/repositories';
import { DatasetsService } from '../../../src/main/services/datasets-service';
import type { DatasetDetail } from '../../../src/shared/domain';
import { REPO_ROOT, tempDir } from '../../support/datasets';

const CORPUS = path.join(REPO_ROOT, 'tests/fixtures/corpus');

/** What an entry expects: an error (code, where, message pattern) or an imported shape. */
interface Expectation {
  error?: string;
  row?: number;
  column?: string;
  message?: string;
  rows?: number;
  columns?: string[];
  columnCount?: number;
  types?: Record<string, string>;
  note?: string;
  values?: Record<string, string[]>;
  numbers?: Record<string, number[]>;
  missing?: Record<string, number>;
  excluded?: string[];
}
interface Entry {
  file: string;
  what: string;
  expect: Expectation;
}
const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { files: Entry[]; generated: Entry[] };

/** Writers of the generated entries, by file name. */
const GENERATORS: Record<string, (file: string) => void> = {
  'wide-10000-columns.csv': (file) => {
    const n = 10_000;
    const lines = [Array.from({ length: n }, (_, i) => `c${i}`).join(',')];
    for (let r = 0; r < 20; r++) lines.push(Array.from({ length: n }, (_, i) => (r * 31 + i * 7) % 97).join(','));
    fs.writeFileSync(file, lines.join('\n') + '\n');
  },
  'long-field.csv': (file) => fs.writeFileSync(file, `id,text\n1,short\n2,${'x'.repeat(17 * 1024 * 1024)}\n3,end\n`),
  'long-but-allowed-field.csv': (file) => fs.writeFileSync(file, `id,text\n1,short\n2,"${'word '.repeat(400_000)}"\n3,end\n`),
};

function checkImported(entry: Entry, d: DatasetDetail): void {
  const e = entry.expect;
  const names = d.profile.map((c) => c.name);
  const column = (name: string): DatasetDetail['profile'][number] => {
    const c = d.profile.find((p) => p.name === name);
    expect(c, `${entry.file}: column ${name} (has ${names.slice(0, 8).join(', ')})`).toBeDefined();
    return c!;
  };
  if (e.rows !== undefined) expect(d.rows, `${entry.file}: rows`).toBe(e.rows);
  if (e.columns) expect(names, `${entry.file}: column names`).toEqual(e.columns);
  if (e.columnCount !== undefined) expect(d.columns, `${entry.file}: columns`).toBe(e.columnCount);
  for (const [name, type] of Object.entries(e.types ?? {})) expect(column(name).type, `${entry.file}: type of ${name}`).toBe(type);
  for (const [name, missing] of Object.entries(e.missing ?? {})) expect(column(name).missing, `${entry.file}: missing in ${name}`).toBe(missing);
  for (const name of e.excluded ?? []) expect(column(name).excluded, `${entry.file}: ${name} left out of training`).toBe(true);
  if (e.note) expect((d.notes ?? []).join(' '), `${entry.file}: notes`).toMatch(new RegExp(e.note, 's'));
  const previewColumn = (name: string): (string | null)[] => {
    const k = d.preview.columns.indexOf(name);
    expect(k, `${entry.file}: ${name} in the preview`).toBeGreaterThanOrEqual(0);
    return d.preview.rows.map((r) => r[k]);
  };
  for (const [name, values] of Object.entries(e.values ?? {})) expect(previewColumn(name), `${entry.file}: values of ${name}`).toEqual(values);
  for (const [name, values] of Object.entries(e.numbers ?? {})) expect(previewColumn(name).map(Number), `${entry.file}: numbers in ${name}`).toEqual(values);
}

function checkRefused(entry: Entry, error: unknown): void {
  const e = entry.expect;
  expect(error, `${entry.file}: ${String(error)}`).toBeInstanceOf(DataError);
  const d = error as DataError;
  expect(d.code, `${entry.file}: ${d.message}`).toBe(e.error);
  expect(d.message, `${entry.file}: the message names the file`).toContain(`"${path.basename(entry.file)}"`);
  if (e.message) expect(d.message).toMatch(new RegExp(e.message, 'i'));
  if (e.row !== undefined) expect(d.row, `${entry.file}: line`).toBe(e.row);
  if (e.column !== undefined) expect(d.column, `${entry.file}: column`).toBe(e.column);
  // A sentence for a person: says what to do, and is not a stack trace.
  expect(d.message.length).toBeLessThan(600);
  expect(d.message).not.toMatch(/\n\s+at /);
}

describe('import corpus: broken and strange files', () => {
  let dir: string;
  let store: Store;
  let service: DatasetsService;
  beforeAll(() => {
    dir = tempDir('mlestar-corpus-');
    store = openStore(path.join(dir, 'data'));
    service = new DatasetsService(store, path.join(dir, 'data'));
  });
  afterAll(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('describes every file of the corpus folder in its manifest, and nothing that is not there', () => {
    const onDisk = fs.readdirSync(CORPUS).filter((f) => f !== 'manifest.json').sort();
    expect(manifest.files.map((e) => e.file).sort()).toEqual(onDisk);
    expect(Object.keys(GENERATORS).sort()).toEqual(manifest.generated.map((e) => e.file).sort());
  });

  const entries = [...manifest.files.map((e) => ({ ...e, generated: false })), ...manifest.generated.map((e) => ({ ...e, generated: true }))];
  it(`imports each of the ${entries.length} files with the outcome its manifest names`, async () => {
    const outcomes: string[] = [];
    for (const entry of entries) {
      let file = path.join(CORPUS, entry.file);
      if (entry.generated) {
        file = path.join(dir, entry.file);
        GENERATORS[entry.file](file);
      }
      const before = store.datasets.list().length;
      const result = await service.importPath(file).then(
        (d) => ({ ok: true as const, d }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (entry.expect.error) {
        expect(result.ok, `${entry.file} (${entry.what}) should be refused with ${entry.expect.error}`).toBe(false);
        if (!result.ok) checkRefused(entry, result.error);
        expect(store.datasets.list(), `${entry.file}: a refused file leaves no dataset`).toHaveLength(before);
        outcomes.push(`${entry.file}: refused (${entry.expect.error})`);
      } else {
        if (!result.ok) throw new Error(`${entry.file} (${entry.what}) should import, but: ${String(result.error)}`);
        checkImported(entry, result.d);
        outcomes.push(`${entry.file}: ${result.d.rows} × ${result.d.columns}`);
      }
      if (entry.generated) fs.rmSync(file);
    }
    console.log(`import corpus: ${outcomes.length} files\n  ${outcomes.join('\n  ')}`);
  }, 120_000);
});
