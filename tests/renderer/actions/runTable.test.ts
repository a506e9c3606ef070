/** The Home runs table's actions against a fake API: query shape, latest answer wins, live rows. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunPage, RunRow } from '../../../src/shared/domain';
import type { Result } from '../../../src/shared/result';
import { setApi } from '../../../src/renderer/actions/client';
import { handleRunTableProgress, loadRunPage, setRunSearch, sortRunsBy, updateRunQuery, SEARCH_DEBOUNCE_MS } from '../../../src/renderer/actions/runTable';
import { resetStudio, useStudio } from '../../../src/renderer/store';
import { deferred, fakeApi, flush, okResult, progress, run, type FakeApi } from '../fixtures';

let fake: FakeApi;
const state = () => useStudio.getState();
const facets = { datasets: [], metrics: [], tasks: [] };
const row = (id: string, over: Partial<RunRow> = {}): RunRow => {
  const { settings: _s, phases: _p, tasks: _t, metrics: _m, logs: _l, report: _r, lastSeq: _q, ...summary } = run(id);
  return { ...summary, profileScores: {}, ...over };
};
const page = (rows: RunRow[], over: Partial<RunPage> = {}): RunPage => ({ rows, total: rows.length, offset: 0, limit: 25, facets, ...over });

beforeEach(() => {
  resetStudio();
  fake = fakeApi();
  setApi(fake.api);
});
afterEach(() => setApi(null));

describe('runs table actions', () => {
  it('asks for the query on screen and keeps the page', async () => {
    fake.handle('runsQuery', () => okResult(page([row('a'), row('b')], { total: 40 })));
    await loadRunPage();
    expect(fake.calls).toEqual([['runsQuery', { offset: 0, limit: 25, sort: 'startedAt', direction: 'desc' }]]);
    expect(state().runPage?.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(state().runPageLoading).toBe(false);
  });

  it('sorts text columns A→Z first, flips on a second click, and goes back to the first page on any change but paging', async () => {
    fake.handle('runsQuery', () => okResult(page([])));
    updateRunQuery({ offset: 50 });
    expect(state().runQuery.offset).toBe(50);
    sortRunsBy('dataset');
    expect(state().runQuery).toMatchObject({ sort: 'dataset', direction: 'asc', offset: 0 });
    sortRunsBy('dataset');
    expect(state().runQuery.direction).toBe('desc');
    sortRunsBy('bestScore');
    expect(state().runQuery).toMatchObject({ sort: 'bestScore', direction: 'desc' });
    await flush();
  });

  it('keeps only the latest answer when requests overlap', async () => {
    const slow = deferred<Result<RunPage>>();
    let call = 0;
    fake.handle('runsQuery', () => (++call === 1 ? slow.promise : okResult(page([row('new')]))));
    const first = loadRunPage();
    updateRunQuery({ status: ['failed'] });
    await flush();
    slow.resolve(okResult(page([row('old')])));
    await first;
    await flush();
    expect(state().runPage?.rows.map((r) => r.id)).toEqual(['new']);
    expect(fake.calls[1]).toEqual(['runsQuery', expect.objectContaining({ status: ['failed'], offset: 0 })]);
  });

  it('sends a search once typing pauses, trimmed', async () => {
    fake.handle('runsQuery', () => okResult(page([])));
    setRunSearch('te');
    setRunSearch(' telco ');
    expect(state().runQuery.search).toBe(' telco ');
    expect(fake.calls).toEqual([]);
    await new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 50));
    expect(fake.calls).toEqual([['runsQuery', expect.objectContaining({ search: 'telco' })]]);
  });

  it('goes back to the last page that has rows when the page runs past the end', async () => {
    fake.handle('runsQuery', (q: { offset: number }) => okResult(q.offset >= 50 ? page([], { total: 30, offset: q.offset }) : page([row('x')], { total: 30, offset: q.offset })));
    updateRunQuery({ offset: 75 });
    await flush();
    await flush();
    expect(state().runQuery.offset).toBe(25);
    expect(state().runPage?.rows.map((r) => r.id)).toEqual(['x']);
  });

  it('folds progress into the rows on screen', async () => {
    fake.handle('runsQuery', () => okResult(page([row('run1', { status: 'running' })])));
    await loadRunPage();
    handleRunTableProgress(progress(3, { runId: 'run1', status: 'running', bestScore: 0.77 }));
    expect(state().runPage?.rows[0]).toMatchObject({ status: 'running', bestScore: 0.77 });
  });

  it('refetches for a run off the page only when it appears or changes status, not on each progress event', async () => {
    vi.useFakeTimers();
    try {
      fake.handle('runsQuery', () => okResult(page([row('onpage', { status: 'running' })])));
      await loadRunPage();
      const queries = () => fake.calls.filter(([name]) => name === 'runsQuery').length;
      expect(queries()).toBe(1);
      const tick = async (event: Parameters<typeof handleRunTableProgress>[0]) => {
        handleRunTableProgress(event);
        await vi.advanceTimersByTimeAsync(1100);
      };
      // First sight of a run off the page: one refetch.
      await tick(progress(1, { runId: 'offpage', status: 'running' }));
      expect(queries()).toBe(2);
      // Its ordinary progress, a minute of it: no refetch.
      for (let seq = 2; seq < 62; seq++) await tick(progress(seq, { runId: 'offpage', status: 'running', bestScore: seq / 100 }));
      expect(queries()).toBe(2);
      // Rows on the page keep updating from events without a refetch.
      await tick(progress(5, { runId: 'onpage', status: 'running', bestScore: 0.5 }));
      expect(state().runPage?.rows[0]).toMatchObject({ bestScore: 0.5 });
      expect(queries()).toBe(2);
      // It reaches a final status: one refetch; later echoes of that status: none.
      await tick(progress(62, { runId: 'offpage', status: 'succeeded' }));
      expect(queries()).toBe(3);
      await tick(progress(63, { runId: 'offpage', status: 'succeeded' }));
      expect(queries()).toBe(3);
      // A run on the page that finishes still refetches.
      await tick(progress(6, { runId: 'onpage', status: 'failed' }));
      expect(queries()).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
