/**
 * A run follows the column choices in force when it starts: identifiers and excluded columns are
 * not learned from, a datetime column is learned from through its parts, and the exported
 * profile replays those parts on raw rows at prediction time.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { rocAuc } from '../../../src/main/ml/metrics';
import { createRng } from '../../../src/main/ml/rng';
import { predictFile } from '../../../src/main/services/predict-service';
import { readProfile } from '../../../src/main/workflow/profile-writer';
import { tempDir } from '../../support/datasets';

/** Rows whose label is decided by the month of `when` (summer = yes), with an id and a noise column. */
function writeRows(file: string, rows: number, seed: number, startId: number): void {
  const rng = createRng(seed);
  const lines = ['customer_id,when,noise,spend,label'];
  for (let i = 0; i < rows; i++) {
    const month = 1 + rng.int(12);
    const day = 1 + rng.int(28);
    const summer = month >= 6 && month <= 8;
    const label = rng.next() < 0.95 ? summer : !summer;
    lines.push(`${startId + i},${2020 + rng.int(4)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${rng.normal().toFixed(3)},${(rng.next() * 100).toFixed(2)},${label ? 'yes' : 'no'}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

describe('a run with column choices', () => {
  let dir: string;
  let studio: StudioServices;

  beforeAll(() => {
    dir = tempDir();
    studio = createStudio({ dataDir: path.join(dir, 'data'), host: 'cli' });
  });
  afterAll(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('learns from date parts, skips the id and an excluded column, and predicts from raw rows', async () => {
    const train = path.join(dir, 'train.csv');
    const test = path.join(dir, 'test.csv');
    writeRows(train, 1500, 1, 1);
    writeRows(test, 400, 2, 100_000);

    const imported = await studio.datasets.importPath(train);
    const byName = Object.fromEntries(imported.profile.map((c) => [c.name, c]));
    expect(byName.customer_id).toMatchObject({ inferredType: 'identifier', excluded: true });
    expect(byName.when).toMatchObject({ inferredType: 'datetime', excluded: false });

    const updated = studio.datasets.updateColumns(imported.id, [{ index: byName.noise.index, type: null, excluded: true }]);
    expect(updated.profile.find((c) => c.name === 'noise')).toMatchObject({ excluded: true, excludedReason: 'left out by you' });

    const { runId } = studio.runs.start({ datasetId: imported.id, target: 'label', budgetSeconds: 12, seed: 3 });
    // Changing the choices after the start does not change the run.
    studio.datasets.updateColumns(imported.id, [{ index: byName.noise.index, type: null, excluded: false }]);
    expect(await studio.runs.waitFor(runId)).toBe('succeeded');
    const run = studio.runs.get(runId);
    expect(run.settings.columns?.find((c) => c.name === 'noise')).toEqual({ name: 'noise', type: 'numeric', excluded: true });
    expect(run.logs.map((l) => l.message).join('\n')).toMatch(/Left out of training: "customer_id", "noise"/);

    const profileDir = run.report!.profiles[0].dir;
    const profile = readProfile(profileDir);
    const inputs = profile.inputs.map((i) => i.name);
    // The month carries the signal; the refinement's feature selection may leave out the rest
    // (spend and the year are noise here), but never takes anything outside the allowed columns.
    expect(inputs).toContain('when.month');
    expect(inputs.every((name) => name === 'spend' || name.startsWith('when.'))).toBe(true);
    expect(inputs).not.toContain('customer_id');
    expect(inputs).not.toContain('noise');
    expect(inputs).not.toContain('when');
    expect(profile.transforms).toEqual([expect.objectContaining({ kind: 'datetime', source: 'when' })]);
    expect(fs.readFileSync(path.join(profileDir, 'model-card.md'), 'utf8')).toContain('## Derived inputs');

    const output = path.join(dir, 'preds.csv');
    await predictFile(profileDir, test, output);
    const predicted = Papa.parse<Record<string, string>>(fs.readFileSync(output, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const truth = Papa.parse<Record<string, string>>(fs.readFileSync(test, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const auc = rocAuc(Float64Array.from(truth, (r) => (r.label === 'yes' ? 1 : 0)), Float64Array.from(predicted, (p) => Number(p['proba:yes'])));
    expect(auc).toBeGreaterThan(0.85);
  });
  it('reads a free-text column through its statistics, in the run and in the exported profile', async () => {
    const words = ['order', 'late', 'box', 'driver', 'refund', 'again', 'never', 'call', 'support', 'broken', 'item', 'wrong'];
    const write = (file: string, rows: number, seed: number): void => {
      const rng = createRng(seed);
      const lines = ['comment,spend,complained'];
      for (let i = 0; i < rows; i++) {
        const complained = rng.next() < 0.5;
        // Complaints run long: the word count carries the signal, the words themselves do not.
        const n = complained ? 12 + rng.int(10) : 2 + rng.int(6);
        const text = Array.from({ length: n }, () => words[rng.int(words.length)]).join(' ') + ` #${rng.int(100000)}`;
        lines.push(`"${text}",${(rng.next() * 100).toFixed(2)},${complained ? 'yes' : 'no'}`);
      }
      fs.writeFileSync(file, lines.join('\n') + '\n');
    };
    const train = path.join(dir, 'text-train.csv');
    const test = path.join(dir, 'text-test.csv');
    write(train, 1200, 5);
    write(test, 300, 6);
    const imported = await studio.datasets.importPath(train);
    expect(imported.profile.find((c) => c.name === 'comment')).toMatchObject({ inferredType: 'text', excluded: false });
    const { runId } = studio.runs.start({ datasetId: imported.id, target: 'complained', budgetSeconds: 10, seed: 2 });
    expect(await studio.runs.waitFor(runId)).toBe('succeeded');
    const profileDir = studio.runs.get(runId).report!.profiles[0].dir;
    const profile = readProfile(profileDir);
    expect(profile.transforms).toEqual([{ kind: 'text-stats', source: 'comment', stats: ['chars', 'words', 'digits'] }]);
    expect(profile.inputs.map((i) => i.name)).not.toContain('comment');
    expect(profile.inputs.some((i) => i.name.startsWith('comment.'))).toBe(true);
    expect(fs.readFileSync(path.join(profileDir, 'model-card.md'), 'utf8')).toMatch(/`comment` \(free text\) is fed as/);
    const output = path.join(dir, 'text-preds.csv');
    await predictFile(profileDir, test, output);
    const predicted = Papa.parse<Record<string, string>>(fs.readFileSync(output, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const truth = Papa.parse<Record<string, string>>(fs.readFileSync(test, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const auc = rocAuc(Float64Array.from(truth, (r) => (r.complained === 'yes' ? 1 : 0)), Float64Array.from(predicted, (p) => Number(p['proba:yes'])));
    expect(auc).toBeGreaterThan(0.9);
  });
});
