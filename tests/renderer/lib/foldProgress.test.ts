import { describe, expect, it } from 'vitest';
import { foldAll, foldProgress, foldSummary, mergePhases } from '../../../src/renderer/lib/foldProgress';
import { metric, phase, progress, run, task } from '../fixtures';

describe('foldProgress', () => {
  it('merges phases by name and tasks by id, appends metrics and logs, advances lastSeq', () => {
    const start = run('run1', { phases: [phase('search', 'running')], tasks: [task(1)], metrics: [metric(1, 0.7)], lastSeq: 3 });
    const next = foldProgress(
      start,
      progress(4, {
        bestScore: 0.8,
        phases: [phase('search', 'succeeded'), phase('foundation', 'running')],
        tasks: [task(1, 'succeeded', { summary: 'done' }), task(2)],
        metrics: [metric(2, 0.8)],
        logs: [{ at: 'x', level: 'info', message: 'hello' }],
      }),
    );
    expect(next.lastSeq).toBe(4);
    expect(next.bestScore).toBe(0.8);
    expect(next.phases.map((p) => [p.name, p.status])).toEqual([
      ['search', 'succeeded'],
      ['foundation', 'running'],
    ]);
    expect(next.tasks.map((t) => [t.id, t.status, t.summary])).toEqual([
      [1, 'succeeded', 'done'],
      [2, 'running', null],
    ]);
    expect(next.metrics.map((m) => m.value)).toEqual([0.7, 0.8]);
    expect(next.logs).toHaveLength(1);
    expect(start.tasks[0].status).toBe('running'); // the input is not changed
  });

  it('ignores events with seq <= lastSeq and events of other runs', () => {
    const start = run('run1', { lastSeq: 5 });
    expect(foldProgress(start, progress(5, { metrics: [metric(1, 1)] }))).toBe(start);
    expect(foldProgress(start, progress(4))).toBe(start);
    expect(foldProgress(start, progress(9, { runId: 'other' }))).toBe(start);
  });

  it('folds out-of-order events in seq order, skipping the stale ones', () => {
    const start = run('run1', { lastSeq: 1 });
    const folded = foldAll(start, [progress(3, { metrics: [metric(3, 0.3)] }), progress(1, { metrics: [metric(1, 0.1)] }), progress(2, { metrics: [metric(2, 0.2)] })]);
    expect(folded.metrics.map((m) => m.step)).toEqual([2, 3]);
    expect(folded.lastSeq).toBe(3);
  });

  it('keeps phases in workflow order', () => {
    const merged = mergePhases([phase('validation')], [phase('search'), phase('ensemble')]);
    expect(merged.map((p) => p.name)).toEqual(['search', 'ensemble', 'validation']);
  });

  it('updates a list row but never un-finishes a finished run', () => {
    const row = run('run1', { status: 'running' });
    expect(foldSummary(row, progress(2, { status: 'succeeded', bestScore: 0.9 }))).toMatchObject({ status: 'succeeded', bestScore: 0.9 });
    const done = run('run1', { status: 'succeeded' });
    expect(foldSummary(done, progress(2, { status: 'running' }))).toBe(done);
  });
});
