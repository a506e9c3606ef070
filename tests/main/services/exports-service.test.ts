/**
 * Export of a real run's profiles through the request dispatcher (what the window calls): the zip
 * holds exactly the chosen profiles' three files; the folder export writes only inside the folder
 * the dialog returned; bad names, unknown runs and foreign folders are refused with clear errors.
 * The same run checks that validation recorded the Results view's chart data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { createRequestHandler, type RequestHandler } from '../../../src/main/ipc/request-handler';
import type { ProfileFolderExport, ProfileZip, RunReport } from '../../../src/shared/domain';
import type { Result } from '../../../src/shared/result';
import { datasetPath, tempDir } from '../../support/datasets';

describe('exporting a run’s profiles', () => {
  let dir: string;
  let studio: StudioServices;
  let handle: RequestHandler;
  let runId: string;
  let report: RunReport;
  let picked: string | null;
  const opened: string[] = [];

  beforeAll(async () => {
    dir = tempDir();
    picked = path.join(dir, 'picked');
    fs.mkdirSync(picked);
    studio = createStudio({
      dataDir: path.join(dir, 'data'),
      host: 'cli',
      exportHooks: { pickExportFolder: async () => picked, openFolder: async (d) => (opened.push(d), '') },
    });
    handle = createRequestHandler(studio);
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    ({ runId } = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 8, seed: 3 }));
    expect(await studio.runs.waitFor(runId)).toBe('succeeded');
    const got = studio.runs.get(runId).report;
    if (!got) throw new Error('no report');
    report = got;
  }, 120_000);
  afterAll(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = async <T>(channel: string, payload: unknown): Promise<Result<T>> => (await handle(channel, payload)) as Result<T>;

  it('validation recorded the chart data, importance and members of the final model', () => {
    const charts = report.holdoutCharts;
    expect(charts?.kind).toBe('classification');
    if (charts?.kind !== 'classification') return;
    expect(charts.confusion.labels).toHaveLength(2);
    expect(charts.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(report.rows.holdout);
    expect(charts.curves).toHaveLength(1);
    // The binary metric is ROC AUC: the curve's area is the holdout score.
    expect(charts.curves[0].auc).toBeCloseTo(report.best.holdoutScore, 9);
    expect(charts.curves[0].roc.length).toBeLessThanOrEqual(200);
    expect(report.featureImportance?.features.length).toBeGreaterThan(3);
    expect(report.members?.length).toBe(report.best.members);
  });

  it('zips exactly the chosen profiles’ model.onnx, profile.json and model-card.md', async () => {
    expect(report.profiles.length).toBeGreaterThanOrEqual(2);
    const chosen = [report.profiles[0].name, report.profiles[1].name];
    const result = await call<ProfileZip>('profiles:zip', { runId, profiles: chosen });
    if (!result.ok) throw new Error(result.error.message);
    const zip = result.data;
    expect(zip.fileName).toBe(`mlestar-${runId}-profiles.zip`);
    const methods: Record<string, number> = {};
    const entries = unzipSync(Buffer.from(zip.base64, 'base64'), { filter: (f) => ((methods[f.name] = f.compression), true) });
    // The ONNX graphs barely compress: stored (method 0); the text files deflated (method 8).
    for (const p of chosen) expect([methods[`${p}/model.onnx`], methods[`${p}/profile.json`], methods[`${p}/model-card.md`]]).toEqual([0, 8, 8]);
    const expected = chosen.flatMap((p) => [`${p}/model.onnx`, `${p}/profile.json`, `${p}/model-card.md`]);
    expect(Object.keys(entries).sort()).toEqual([...expected].sort());
    expect(zip.files.map((f) => f.path).sort()).toEqual([...expected].sort());
    for (const p of chosen) {
      const onDisk = path.join(studio.dataDir, 'runs', runId, 'profiles', p);
      expect(Buffer.from(entries[`${p}/model.onnx`]).equals(fs.readFileSync(path.join(onDisk, 'model.onnx')))).toBe(true);
      expect(JSON.parse(Buffer.from(entries[`${p}/profile.json`]).toString('utf8'))).toMatchObject({ name: p, runId });
      expect(Buffer.from(entries[`${p}/model-card.md`]).toString('utf8')).toMatch(/^# /);
    }
    for (const f of zip.files) expect(f.bytes).toBe(entries[f.path].length);
    expect(zip.bytes).toBe(Buffer.from(zip.base64, 'base64').length);
  });

  it('serves a profile’s model card as markdown', async () => {
    const result = await call<{ markdown: string }>('profiles:modelCard', { runId, profile: report.profiles[0].name });
    expect(result.ok && result.data.markdown).toMatch(/^# .*\n/);
  });

  it.each([
    ['a path', { profiles: ['../../etc'] }, 'INVALID_REQUEST', /profile names are lowercase letters/],
    ['a name the run does not have', { profiles: ['best-of-all'] }, 'BAD_INPUT', /has no profile "best-of-all"; its profiles are/],
    ['no profile', { profiles: [] }, 'INVALID_REQUEST', /choose at least one profile/],
    ['an unknown run', { runId: 'nope', profiles: ['balanced'] }, 'NOT_FOUND', /Run "nope" does not exist/],
  ])('refuses %s with a clear error', async (_what, payload, code, message) => {
    const result = await call('profiles:zip', { runId, ...payload });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  });

  it('copies into the folder the dialog returned, opens only that folder, and writes nothing when cancelled', async () => {
    const chosen = [report.profiles[0].name];
    const result = await call<ProfileFolderExport>('profiles:exportFolder', { runId, profiles: chosen });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.dir).toBe(path.join(dir, 'picked', `mlestar-${runId}`));
    expect(fs.readdirSync(path.join(dir, 'picked'))).toEqual([`mlestar-${runId}`]);
    expect(fs.readdirSync(path.join(result.data.dir ?? '', chosen[0])).sort()).toEqual(['model-card.md', 'model.onnx', 'profile.json']);
    expect(result.data.files.map((f) => f.path)).toEqual([`${chosen[0]}/model.onnx`, `${chosen[0]}/profile.json`, `${chosen[0]}/model-card.md`]);
    // Written through a temporary folder and a rename: nothing else is left beside the profile.
    expect(fs.readdirSync(result.data.dir ?? '')).toEqual([chosen[0]]);

    expect((await call('profiles:openFolder', { dir: result.data.dir })).ok).toBe(true);
    expect(opened).toEqual([result.data.dir]);
    const foreign = await call('profiles:openFolder', { dir: dir });
    expect(!foreign.ok && foreign.error.message).toMatch(/Only a folder an export wrote can be opened/);
    expect(opened).toHaveLength(1);

    picked = null;
    const cancelled = await call<ProfileFolderExport>('profiles:exportFolder', { runId, profiles: chosen });
    expect(cancelled).toEqual({ ok: true, data: { dir: null, files: [] } });
  });

  it('the browser host has no folder dialog: a clear error points to the zip', async () => {
    const serveLike = createStudio({ dataDir: path.join(dir, 'data2'), host: 'serve' });
    try {
      const result = await createRequestHandler(serveLike)('profiles:exportFolder', { runId, profiles: ['balanced'] });
      expect(!result.ok && result.error).toMatchObject({ code: 'NOT_SUPPORTED', message: expect.stringMatching(/zip/) });
    } finally {
      await serveLike.close();
    }
  });
});
