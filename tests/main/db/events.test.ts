import { describe, expect, it } from 'vitest';
import { datasetRecord, newRun, tempStore } from './helpers';

function storeWithRuns() {
  const ctx = tempStore();
  ctx.store.datasets.insert(datasetRecord('d1'));
  ctx.store.runs.create(newRun('r1', 'd1'));
  ctx.store.runs.create(newRun('r2', 'd1'));
  return ctx;
}

describe('EventRepository', () => {
  it('numbers events per run from 1, without gaps', () => {
    const { store } = storeWithRuns();
    expect(store.events.lastSeq('r1')).toBe(0);
    expect(store.events.append('r1', 'status', { status: 'running' }, 't1')).toBe(1);
    expect(store.events.append('r1', 'phase', { name: 'search' }, 't2')).toBe(2);
    expect(store.events.append('r2', 'status', { status: 'running' }, 't3')).toBe(1);
    expect(store.events.append('r1', 'log', { level: 'info', message: 'hi' }, 't4')).toBe(3);
    expect(store.events.lastSeq('r1')).toBe(3);
    expect(store.events.lastSeq('r2')).toBe(1);
    expect(store.events.lastSeq('unknown')).toBe(0);
  });

  it('keeps numbering inside an outer transaction and after a rollback', () => {
    const { store } = storeWithRuns();
    store.transaction(() => {
      store.events.append('r1', 'a', null, 't');
      store.events.append('r1', 'b', undefined, 't');
    });
    expect(store.events.lastSeq('r1')).toBe(2);
    expect(() =>
      store.transaction(() => {
        store.events.append('r1', 'c', 1, 't');
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(store.events.append('r1', 'd', 2, 't')).toBe(3);
  });

  it('refuses events for a run that does not exist', () => {
    const { store } = storeWithRuns();
    expect(() => store.events.append('ghost', 'log', { level: 'info', message: 'x' }, 't')).toThrow(/FOREIGN KEY/);
  });

  it('returns the log events as log lines, oldest first', () => {
    const { store } = storeWithRuns();
    store.events.append('r1', 'log', { level: 'info', message: 'started' }, 't1');
    store.events.append('r1', 'progress', { message: 'not a log' }, 't2');
    store.events.append('r1', 'log', { level: 'warn', message: 'slow fold' }, 't3');
    store.events.append('r2', 'log', { level: 'info', message: 'other run' }, 't4');
    store.events.append('r1', 'log', { level: 'error', message: 'failed' }, 't5');
    store.events.append('r1', 'log', { level: 'loud', message: 42 }, 't6');

    expect(store.events.logs('r1')).toEqual([
      { at: 't1', level: 'info', message: 'started' },
      { at: 't3', level: 'warn', message: 'slow fold' },
      { at: 't5', level: 'error', message: 'failed' },
      { at: 't6', level: 'info', message: '{"level":"loud","message":42}' },
    ]);
    expect(store.events.logs('r2')).toEqual([{ at: 't4', level: 'info', message: 'other run' }]);
  });
});
