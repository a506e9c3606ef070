import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src/shared/result';
import type { RunDetail } from '../../../src/shared/domain';
import { setApi } from '../../../src/renderer/actions/client';
import { importFile, importFiles, importSample, loadDataset, pickAndImport } from '../../../src/renderer/actions/datasets';
import { navigate } from '../../../src/renderer/actions/navigation';
import { cancelRun, handleProgress, loadDatasetRuns, loadRun, loadRuns, startRun } from '../../../src/renderer/actions/runs';
import { DATASET_RUNS, RECENT_RUNS } from '../../../src/renderer/store/slices/runs';
import { resetStudio, useStudio } from '../../../src/renderer/store';
import { at, dataset, deferred, fakeApi, flush, metric, okResult, progress, run, task, type FakeApi } from '../fixtures';

let fake: FakeApi;
const state = () => useStudio.getState();
const textFile = (name: string, text: string) => ({ name, size: text.length, text: async () => text });

beforeEach(() => {
  resetStudio();
  fake = fakeApi();
  fake.handle('runsList', () => okResult([]));
  fake.handle('datasetsList', () => okResult([]));
  setApi(fake.api);
});
afterEach(() => setApi(null));

describe('importing datasets', () => {
  it('uploads a dropped file as text, stores the dataset and opens it', async () => {
    fake.handle('datasetsUpload', () => okResult(dataset('ds7')));
    await importFile(textFile('telco.csv', 'a,b\n1,2\n'));
    expect(fake.calls).toContainEqual(['datasetsUpload', { fileName: 'telco.csv', text: 'a,b\n1,2\n', importId: expect.stringMatching(/^ui-/) }]);
    expect(state().datasetDetails.ds7.name).toBe('telco.csv');
    expect(state().datasetList?.map((d) => d.id)).toEqual(['ds7']);
    expect(state().route).toEqual({ name: 'dataset', id: 'ds7' });
    expect(state().busy).toEqual({});
  });

  it('shows the server error as a notice and stays put', async () => {
    fake.handle('datasetsUpload', () => ({ ok: false, error: { code: 'BAD_INPUT', message: 'telco.csv line 12 has 3 fields, expected 5' } }));
    await importFile(textFile('telco.csv', 'x'));
    expect(state().notices.map((n) => n.message)).toEqual(['telco.csv line 12 has 3 fields, expected 5']);
    expect(state().route).toEqual({ name: 'home' });
    state().dismissNotice(state().notices[0].id);
    expect(state().notices).toEqual([]);
  });

  it('offers a random sample of the rows that fit when the file is over the memory budget, and keeps it when rows are then skipped', async () => {
    const tooLarge = { ok: false as const, error: { code: 'BAD_INPUT' as const, message: 'big.csv would take about 3 MB, more than the memory budget of 2 MB.', reason: 'TOO_LARGE', fitRows: 13000 } };
    const ragged = { ok: false as const, error: { code: 'BAD_INPUT' as const, message: 'big.csv line 9 has 3 fields.', reason: 'RAGGED_ROWS' } };
    const answers: Result<ReturnType<typeof dataset>>[] = [tooLarge, ragged, okResult(dataset('big'))];
    fake.handle('datasetsUpload', () => answers.shift()!);
    await importFile(textFile('big.csv', 'a,b\n1,2\n'));
    expect(state().notices[0].action?.label).toBe('Import a random sample of 13,000 rows');
    const uploads = () => fake.calls.filter(([m]) => m === 'datasetsUpload').map(([, payload]) => payload);
    // As the banner's button does: dismiss the notice, then take its way out.
    const takeOffer = (): void => {
      const notice = state().notices[0];
      state().dismissNotice(notice.id);
      notice.action!.run();
    };
    takeOffer();
    await vi.waitFor(() => expect(state().notices[0]?.action?.label).toBe('Skip those rows and import'));
    expect(uploads()[1]).toMatchObject({ fileName: 'big.csv', rowSample: { rows: 13000 } });
    takeOffer();
    await vi.waitFor(() => expect(state().route).toEqual({ name: 'dataset', id: 'big' }));
    expect(uploads()[2]).toMatchObject({ rowSample: { rows: 13000 }, skipBadRows: true });
  });

  it('refuses binary formats it cannot read and empty files without calling the server', async () => {
    await importFile(textFile('data.xlsx', 'PK'));
    await importFile(textFile('empty.csv', ''));
    expect(fake.calls.filter(([m]) => m === 'datasetsUpload')).toEqual([]);
    expect(state().notices).toHaveLength(2);
  });

  it('imports only the first of several dropped files, and says so', async () => {
    fake.handle('datasetsUpload', () => okResult(dataset('a')));
    await importFiles([textFile('a.csv', 'a\n1'), textFile('b.csv', 'b\n2')]);
    expect(fake.calls.filter(([m]) => m === 'datasetsUpload')).toHaveLength(1);
    expect(state().notices[0].message).toMatch(/only the first, a.csv/);
  });

  it('imports the sample', async () => {
    fake.handle('datasetsImportSample', () => okResult(dataset('sample')));
    await importSample();
    expect(state().route).toEqual({ name: 'dataset', id: 'sample' });
  });

  it('picks a path with the native dialog, or does nothing when the dialog is cancelled', async () => {
    fake.handle('dialogOpenDataset', () => okResult({ path: null }));
    await pickAndImport();
    expect(fake.calls.map(([m]) => m)).toEqual(['dialogOpenDataset']);
    fake.handle('dialogOpenDataset', () => okResult({ path: '/data/credit.csv' }));
    fake.handle('datasetsImportPath', () => okResult(dataset('cr')));
    await pickAndImport();
    expect(fake.calls).toContainEqual(['datasetsImportPath', { path: '/data/credit.csv', importId: expect.stringMatching(/^ui-/) }]);
    expect(state().route).toEqual({ name: 'dataset', id: 'cr' });
  });

  it('remembers a failed load so the view can explain it', async () => {
    fake.handle('datasetsGet', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No dataset nope.' } }));
    await loadDataset('nope');
    expect(state().failedLoads['dataset:nope']).toBe('No dataset nope.');
  });
});

describe('runs', () => {
  it('starts a run with the form settings and opens it', async () => {
    fake.handle('runsStart', () => okResult({ runId: 'r1' }));
    fake.handle('runsGet', () => okResult(run('r1')));
    await startRun({ datasetId: 'ds1', target: 'churn', budgetSeconds: 60, seed: 42 });
    expect(fake.calls).toContainEqual(['runsStart', { datasetId: 'ds1', target: 'churn', budgetSeconds: 60, seed: 42 }]);
    expect(state().route).toEqual({ name: 'run', id: 'r1' });
    await flush();
    expect(state().runDetails.r1).toBeDefined();
  });

  it('folds events that arrive while the snapshot loads, without counting any twice', async () => {
    const answer = deferred<Result<RunDetail>>();
    fake.handle('runsGet', () => answer.promise);
    const loading = loadRun('run1');
    handleProgress(progress(2, { metrics: [metric(2, 0.2)] }));
    handleProgress(progress(3, { metrics: [metric(3, 0.3)], tasks: [task(1)] }));
    answer.resolve(okResult(run('run1', { lastSeq: 2, metrics: [metric(1, 0.1), metric(2, 0.2)] })));
    await loading;
    const detail = state().runDetails.run1;
    expect(detail.metrics.map((m) => m.step)).toEqual([1, 2, 3]);
    expect(detail.tasks).toHaveLength(1);
    expect(detail.lastSeq).toBe(3);
    handleProgress(progress(3, { metrics: [metric(3, 0.3)] }));
    expect(state().runDetails.run1.metrics).toHaveLength(3);
  });

  it('fetches the snapshot again when an event finishes the run (for the report)', async () => {
    let gets = 0;
    fake.handle('runsGet', () => {
      gets += 1;
      return okResult(gets === 1 ? run('run1') : run('run1', { status: 'succeeded', lastSeq: 5, report: { best: { model: 'gbdt' } } as unknown as RunDetail['report'] }));
    });
    await loadRun('run1');
    handleProgress(progress(5, { status: 'succeeded', bestScore: 0.9 }));
    await flush();
    await flush();
    expect(gets).toBe(2);
    expect(state().runDetails.run1.report).not.toBeNull();
  });

  it('updates the run list from events', async () => {
    useStudio.getState().setRunList([run('run1')]);
    handleProgress(progress(1, { bestScore: 0.77 }));
    expect(state().runList?.[0].bestScore).toBe(0.77);
  });

  it('asks only for the newest runs, and reloads them once for a run not in the list', async () => {
    fake.handle('runsList', () => okResult([run('fresh', { createdAt: at(50) })]));
    await loadRuns();
    expect(fake.calls).toEqual([['runsList', { limit: RECENT_RUNS }]]);
    handleProgress(progress(1, { runId: 'unlisted-a' }));
    handleProgress(progress(2, { runId: 'unlisted-a' }));
    handleProgress(progress(3, { runId: 'unlisted-a' }));
    await flush();
    // One reload for the run's first event, not one per event (an older run, resumed, is never listed).
    expect(fake.calls.filter(([m]) => m === 'runsList')).toHaveLength(2);
  });

  it('keeps the recent list to the newest runs: an older run opened from the table stays out', () => {
    const recent = Array.from({ length: RECENT_RUNS }, (_, i) => run(`r${i}`, { createdAt: at(100 - i) }));
    state().setRunList(recent);
    state().putRun(run('old', { createdAt: at(1) }));
    expect(state().runList?.map((r) => r.id)).toEqual(recent.map((r) => r.id));
    state().putRun(run('newest', { createdAt: at(200) }));
    expect(state().runList?.map((r) => r.id)).toEqual(['newest', ...recent.slice(0, RECENT_RUNS - 1).map((r) => r.id)]);
  });

  it("loads a dataset's latest runs with their count, and folds events into them", async () => {
    fake.handle('runsQuery', () => okResult({ rows: [{ ...run('dr1', { datasetId: 'ds1' }), profileScores: {} }], total: 31, offset: 0, limit: DATASET_RUNS, facets: { datasets: [], metrics: [], tasks: [] } }));
    await loadDatasetRuns('ds1');
    expect(fake.calls).toEqual([['runsQuery', { datasetId: 'ds1', limit: DATASET_RUNS, sort: 'startedAt', direction: 'desc' }]]);
    expect(state().datasetRuns.ds1).toMatchObject({ total: 31, runs: [{ id: 'dr1' }] });
    handleProgress(progress(1, { runId: 'dr1', bestScore: 0.66 }));
    expect(state().datasetRuns.ds1.runs[0].bestScore).toBe(0.66);
  });

  it('cancels and reloads the run', async () => {
    fake.handle('runsCancel', () => okResult({ cancelled: true }));
    fake.handle('runsGet', () => okResult(run('run1', { status: 'cancelled' })));
    await cancelRun('run1');
    expect(state().runDetails.run1.status).toBe('cancelled');
    expect(state().notices).toEqual([]);
  });

  it('navigating to a run loads it once', async () => {
    fake.handle('runsGet', () => okResult(run('run1')));
    navigate({ name: 'run', id: 'run1' });
    navigate({ name: 'run', id: 'run1' });
    await flush();
    expect(fake.calls.filter(([m]) => m === 'runsGet')).toHaveLength(1);
  });
});

describe('notices', () => {
  it('counts repeats of the same message instead of stacking them', () => {
    state().pushNotice('INTERNAL', 'same');
    state().pushNotice('INTERNAL', 'same');
    expect(state().notices).toHaveLength(1);
    expect(state().notices[0].count).toBe(2);
  });
});
