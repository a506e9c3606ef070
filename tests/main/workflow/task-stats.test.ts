import { describe, expect, it } from 'vitest';
import { taskStats } from '../../../src/main/workflow/task-stats';
import type { TaskInfo } from '../../../src/shared/domain';

const task = (id: number, phase: TaskInfo['phase'], status: TaskInfo['status'], seconds: number | null, attempt = 1): TaskInfo => ({
  id,
  phase,
  name: `t${id}`,
  status,
  attempt,
  startedAt: seconds === null ? null : '2026-01-01T00:00:00.000Z',
  finishedAt: seconds === null ? null : new Date(Date.parse('2026-01-01T00:00:00.000Z') + seconds * 1000).toISOString(),
  error: null,
  summary: null,
});

describe('taskStats', () => {
  it('counts tasks by outcome, retries, mean time and per-phase time', () => {
    const stats = taskStats([task(1, 'search', 'succeeded', 1), task(2, 'foundation', 'succeeded', 3, 2), task(3, 'foundation', 'failed', 2), task(4, 'validation', 'queued', null)]);
    expect(stats).toMatchObject({ executed: 4, succeeded: 2, failed: 1, retried: 1, successRate: 0.5, meanSeconds: 2 });
    expect(stats.perPhase.foundation).toEqual({ tasks: 2, seconds: 5 });
    expect(stats.perPhase.refinement).toEqual({ tasks: 0, seconds: 0 });
  });

  it('reports a full success rate and no time when nothing ran', () => {
    expect(taskStats([])).toMatchObject({ executed: 0, successRate: 1, meanSeconds: 0 });
  });
});
