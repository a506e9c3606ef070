import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/result';
import { pageSizeFor, RowPager, type Cell } from '../../../src/renderer/lib/rowPager';
import { deferred, flush } from '../fixtures';

/** A fetch that answers when told, recording what was asked. */
function fakeFetch() {
  const asked: [number, number][] = [];
  const waiting = new Map<number, (r: Result<Cell[][]>) => void>();
  const fetch = (offset: number, limit: number) => {
    asked.push([offset, limit]);
    const d = deferred<Result<Cell[][]>>();
    waiting.set(offset, d.resolve);
    return d.promise;
  };
  const answer = (offset: number, ok = true) => {
    const r = waiting.get(offset);
    waiting.delete(offset);
    const [, limit] = asked.find(([o]) => o === offset)!;
    r?.(ok ? { ok: true, data: Array.from({ length: limit }, (_, i) => [String(offset + i)]) } : { ok: false, error: { code: 'INTERNAL', message: 'disk gone' } });
  };
  return { fetch, asked, answer, waiting };
}

describe('RowPager', () => {
  it('asks for the visible page first, then one page either side, two at a time', async () => {
    const f = fakeFetch();
    let changes = 0;
    const pager = new RowPager({ total: 1000, pageSize: 100, fetch: f.fetch, onChange: () => changes++ });
    pager.setView(420, 440);
    expect(f.asked).toEqual([
      [400, 100],
      [300, 100],
    ]);
    f.answer(400);
    await flush();
    expect(changes).toBe(1);
    expect(pager.row(420)).toEqual(['420']);
    expect(pager.row(310)).toBeUndefined();
    expect(f.asked.map(([o]) => o)).toEqual([400, 300, 500]);
  });

  it('asks for nothing it has, and a short last page', async () => {
    const f = fakeFetch();
    const pager = new RowPager({ total: 250, pageSize: 100, fetch: f.fetch, onChange: () => {}, overscanPages: 0 });
    pager.setView(240, 249);
    expect(f.asked).toEqual([[200, 50]]);
    f.answer(200);
    await flush();
    pager.setView(241, 249);
    expect(f.asked).toHaveLength(1);
    expect(pager.row(249)).toEqual(['249']);
  });

  it('skips pages the view has left before their turn', async () => {
    const f = fakeFetch();
    const pager = new RowPager({ total: 100_000, pageSize: 100, fetch: f.fetch, onChange: () => {}, overscanPages: 0, maxConcurrent: 1 });
    pager.setView(0, 10);
    pager.setView(50_000, 50_010); // dragged the scrollbar: page 0 still in flight
    pager.setView(99_990, 99_999);
    f.answer(0);
    await flush();
    expect(f.asked.map(([o]) => o)).toEqual([0, 99_900]);
  });

  it('keeps a bounded number of pages, dropping the farthest', async () => {
    const f = fakeFetch();
    const pager = new RowPager({ total: 10_000, pageSize: 100, fetch: f.fetch, onChange: () => {}, overscanPages: 0, maxPages: 3 });
    for (const page of [0, 10, 20, 30, 40]) {
      pager.setView(page * 100, page * 100 + 5);
      f.answer(page * 100);
      await flush();
    }
    expect(pager.cachedPages()).toEqual([20, 30, 40]);
  });

  it('remembers a failed page until retry, and says why', async () => {
    const f = fakeFetch();
    const pager = new RowPager({ total: 500, pageSize: 100, fetch: f.fetch, onChange: () => {}, overscanPages: 0 });
    pager.setView(0, 10);
    f.answer(0, false);
    await flush();
    expect(pager.firstError()).toEqual({ page: 0, message: 'disk gone' });
    pager.setView(0, 12);
    expect(f.asked).toHaveLength(1);
    pager.retry();
    expect(f.asked).toHaveLength(2);
    f.answer(0);
    await flush();
    expect(pager.firstError()).toBeNull();
    expect(pager.row(5)).toEqual(['5']);
  });

  it('pages wide tables in fewer rows', () => {
    expect(pageSizeFor(20)).toBe(200);
    expect(pageSizeFor(1000)).toBe(50);
    expect(pageSizeFor(5000)).toBe(20);
  });
});
