import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/result';
import type { DatasetDetail, TargetAnalysis } from '../../../src/shared/domain';
import { setApi } from '../../../src/renderer/actions/client';
import { analyzeTarget, fetchRows, importFile, updateColumn } from '../../../src/renderer/actions/datasets';
import { resetStudio, useStudio } from '../../../src/renderer/store';
import { column, dataset, deferred, fakeApi, flush, okResult, targetAnalysis, type FakeApi } from '../fixtures';

let fake: FakeApi;
const state = () => useStudio.getState();
const col = (i: number) => state().datasetDetails.ds1.profile[i];

beforeEach(() => {
  resetStudio();
  fake = fakeApi();
  setApi(fake.api);
  state().putDataset(dataset('ds1'));
});
afterEach(() => setApi(null));

/** The dataset as the server would answer after saving `tenure` (index 0) with these settings. */
const saved = (type: 'integer' | 'categorical', excluded: boolean, reason?: string): DatasetDetail => {
  const d = dataset('ds1');
  d.profile[0] = column(0, 'tenure', { type, excluded, ...(reason ? { excludedReason: reason } : {}) });
  return d;
};

describe('column settings', () => {
  it('shows an override at once, sends it, and takes the server answer', async () => {
    const answer = deferred<Result<DatasetDetail>>();
    fake.handle('datasetsUpdateColumns', () => answer.promise);
    const done = updateColumn('ds1', 0, { type: 'categorical' });
    expect(col(0).type).toBe('categorical');
    expect(state().columnSaves['ds1:0']).toBe('saving');
    expect(fake.calls).toContainEqual(['datasetsUpdateColumns', { id: 'ds1', columns: [{ index: 0, type: 'categorical', excluded: false }] }]);
    answer.resolve(okResult(saved('categorical', false)));
    await done;
    expect(col(0).type).toBe('categorical');
    expect(state().columnSaves['ds1:0']).toBe('saved');
  });

  it('keeps the override when excluding, and "auto" sends null', async () => {
    state().patchColumn('ds1', 0, { type: 'categorical' });
    fake.handle('datasetsUpdateColumns', () => okResult(saved('categorical', true, 'left out by you')));
    await updateColumn('ds1', 0, { excluded: true });
    expect(fake.calls.at(-1)).toEqual(['datasetsUpdateColumns', { id: 'ds1', columns: [{ index: 0, type: 'categorical', excluded: true }] }]);
    expect(col(0)).toMatchObject({ excluded: true, excludedReason: 'left out by you' });
    fake.handle('datasetsUpdateColumns', () => okResult(saved('integer', true, 'left out by you')));
    await updateColumn('ds1', 0, { type: null });
    expect(fake.calls.at(-1)).toEqual(['datasetsUpdateColumns', { id: 'ds1', columns: [{ index: 0, type: null, excluded: true }] }]);
    expect(col(0).type).toBe('integer');
  });

  it('rolls back and says why when the save fails', async () => {
    fake.handle('datasetsUpdateColumns', () => ({ ok: false, error: { code: 'BAD_INPUT', message: 'tenure has text values' } }));
    await updateColumn('ds1', 0, { type: 'datetime', excluded: true });
    expect(col(0)).toMatchObject({ type: 'integer', excluded: false });
    expect(state().columnSaves['ds1:0']).toBe('error');
    expect(state().notices[0].message).toMatch(/Could not save tenure: tenure has text values/);
  });

  it('lets the newest edit of a column win over older answers', async () => {
    const first = deferred<Result<DatasetDetail>>();
    const second = deferred<Result<DatasetDetail>>();
    const answers = [first.promise, second.promise];
    fake.handle('datasetsUpdateColumns', () => answers.shift()!);
    const a = updateColumn('ds1', 0, { excluded: true });
    const b = updateColumn('ds1', 0, { excluded: false });
    second.resolve(okResult(saved('integer', false)));
    await b;
    first.resolve(okResult(saved('integer', true, 'left out by you')));
    await a;
    expect(col(0).excluded).toBe(false);
  });

  it("keeps another column's pending edit visible when an earlier answer lands", async () => {
    const first = deferred<Result<DatasetDetail>>();
    const second = deferred<Result<DatasetDetail>>();
    const answers = [first.promise, second.promise];
    fake.handle('datasetsUpdateColumns', () => answers.shift()!);
    const a = updateColumn('ds1', 0, { excluded: true });
    const b = updateColumn('ds1', 1, { excluded: true });
    first.resolve(okResult(saved('integer', true, 'left out by you')));
    await a;
    expect(col(1).excluded).toBe(true);
    const both = saved('integer', true, 'left out by you');
    both.profile[1] = { ...both.profile[1], excluded: true };
    second.resolve(okResult(both));
    await b;
    expect([col(0).excluded, col(1).excluded]).toEqual([true, true]);
  });
});

describe('target analysis', () => {
  it("uses the suggested target's analysis without asking", async () => {
    await analyzeTarget('ds1', 'churn');
    expect(fake.calls.filter(([m]) => m === 'datasetsAnalyzeTarget')).toEqual([]);
    expect(state().targetAnalyses.ds1).toMatchObject({ target: 'churn', loading: false, analysis: { task: 'binary' } });
  });

  it('asks for another target and keeps only the answer to the latest pick', async () => {
    const slow = deferred<Result<TargetAnalysis>>();
    const fast = deferred<Result<TargetAnalysis>>();
    fake.handle('datasetsAnalyzeTarget', ({ target }: { target: string }) => (target === 'tenure' ? slow.promise : fast.promise));
    const a = analyzeTarget('ds1', 'tenure');
    expect(state().targetAnalyses.ds1).toMatchObject({ target: 'tenure', loading: true });
    const b = analyzeTarget('ds1', 'plan');
    fast.resolve(okResult(targetAnalysis('plan', { task: 'multiclass', classBalance: [{ label: 'a', count: 2 }, { label: 'b', count: 1 }, { label: 'c', count: 1 }] })));
    await b;
    slow.resolve(okResult(targetAnalysis('tenure', { task: 'regression', classBalance: [] })));
    await a;
    expect(state().targetAnalyses.ds1).toMatchObject({ target: 'plan', loading: false, analysis: { task: 'multiclass' } });
  });

  it('asks again after a column change, or takes the suggested target\'s fresh analysis', async () => {
    fake.handle('datasetsAnalyzeTarget', ({ target }: { target: string }) => okResult(targetAnalysis(target, { task: 'regression', classBalance: [] })));
    await analyzeTarget('ds1', 'tenure');
    const fresh = saved('categorical', false);
    fresh.targetAnalysis = targetAnalysis('churn', { taskReason: 'fresh' });
    fake.handle('datasetsUpdateColumns', () => okResult(fresh));
    await updateColumn('ds1', 0, { type: 'categorical' });
    await flush();
    expect(fake.calls.filter(([m]) => m === 'datasetsAnalyzeTarget')).toHaveLength(2);
    await analyzeTarget('ds1', 'churn');
    await updateColumn('ds1', 0, { type: 'categorical' });
    await flush();
    expect(fake.calls.filter(([m]) => m === 'datasetsAnalyzeTarget')).toHaveLength(2);
    expect(state().targetAnalyses.ds1.analysis?.taskReason).toBe('fresh');
  });

  it('records a failure for the view', async () => {
    fake.handle('datasetsAnalyzeTarget', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no such column' } }));
    await analyzeTarget('ds1', 'tenure');
    expect(state().targetAnalyses.ds1).toMatchObject({ target: 'tenure', analysis: null, error: 'no such column' });
  });
});

describe('uploads and rows', () => {
  const binaryFile = (name: string, bytes: Uint8Array) => ({
    name,
    size: bytes.length,
    text: async () => {
      throw new Error('binary files are not read as text');
    },
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  });

  it.each(['data.parquet', 'data.csv.gz'])('uploads %s as base64 bytes', async (name) => {
    const bytes = Uint8Array.from([0x50, 0x41, 0x52, 0x31, 0, 255, 128, 7]);
    fake.handle('datasetsUpload', () => okResult(dataset('bin')));
    await importFile(binaryFile(name, bytes));
    expect(fake.calls).toContainEqual(['datasetsUpload', { fileName: name, base64: Buffer.from(bytes).toString('base64'), importId: expect.stringMatching(/^ui-/) }]);
    expect(state().route).toEqual({ name: 'dataset', id: 'bin' });
    expect(state().localImport).toBeNull();
  });

  it('answers a page of rows as cells, and a failure as a Result without a banner', async () => {
    fake.handle('datasetsRows', ({ offset }: { offset: number }) => okResult({ offset, total: 3, columns: ['tenure', 'churn'], rows: [['1', 'yes']] }));
    expect(await fetchRows('ds1', 0, 1)).toEqual({ ok: true, data: [['1', 'yes']] });
    fake.handle('datasetsRows', () => ({ ok: false, error: { code: 'INTERNAL', message: 'gone' } }));
    expect((await fetchRows('ds1', 0, 1)).ok).toBe(false);
    await flush();
    expect(state().notices).toEqual([]);
  });
});
