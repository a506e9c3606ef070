/**
 * The scheduler's figures for a run report: how many tasks ran, how many succeeded, how many
 * needed a retry, their mean time, and per phase the tasks and seconds (issue 5: "the run report
 * shows tasks executed, success rate, mean task time, per-phase time").
 */
import type { PhaseName, TaskInfo, TaskStats } from '../../shared/domain';
import { PHASES } from '../../shared/domain';

/** Figures over `tasks` (finished ones count toward times; every one toward the counts). */
export function taskStats(tasks: readonly TaskInfo[]): TaskStats {
  const seconds = (t: TaskInfo): number | null => (t.startedAt && t.finishedAt ? Math.max(0, (Date.parse(t.finishedAt) - Date.parse(t.startedAt)) / 1000) : null);
  const timed = tasks.map(seconds).filter((s): s is number => s !== null);
  const succeeded = tasks.filter((t) => t.status === 'succeeded').length;
  const perPhase = Object.fromEntries(
    PHASES.map((phase) => {
      const mine = tasks.filter((t) => t.phase === phase);
      const total = mine.map(seconds).reduce<number>((sum, s) => sum + (s ?? 0), 0);
      return [phase, { tasks: mine.length, seconds: total }];
    }),
  ) as Record<PhaseName, { tasks: number; seconds: number }>;
  return {
    executed: tasks.length,
    succeeded,
    failed: tasks.filter((t) => t.status === 'failed').length,
    retried: tasks.filter((t) => t.attempt > 1).length,
    successRate: tasks.length === 0 ? 1 : succeeded / tasks.length,
    meanSeconds: timed.length === 0 ? 0 : timed.reduce((a, b) => a + b, 0) / timed.length,
    perPhase,
  };
}
