/**
 * Folds a run's progress events into its snapshot (DESIGN.md §3: a snapshot from runs:get plus
 * numbered events). Pure: returns the same object when the event changes nothing.
 */
import type { PhaseInfo, RunDetail, RunProgressEvent, RunSummary, TaskInfo } from '../../shared/domain';
import { PHASES, isFinalRunStatus } from '../../shared/domain';

const phaseOrder = (name: string): number => {
  const i = PHASES.indexOf(name as PhaseInfo['name']);
  return i < 0 ? PHASES.length : i;
};

export function mergePhases(current: PhaseInfo[], changed: PhaseInfo[]): PhaseInfo[] {
  if (changed.length === 0) return current;
  const byName = new Map(current.map((p) => [p.name, p]));
  for (const p of changed) byName.set(p.name, p);
  return [...byName.values()].sort((a, b) => phaseOrder(a.name) - phaseOrder(b.name));
}

export function mergeTasks(current: TaskInfo[], changed: TaskInfo[]): TaskInfo[] {
  if (changed.length === 0) return current;
  const index = new Map(current.map((t, i) => [t.id, i]));
  const next = current.slice();
  for (const t of changed) {
    const i = index.get(t.id);
    if (i === undefined) {
      index.set(t.id, next.length);
      next.push(t);
    } else {
      next[i] = t;
    }
  }
  return next;
}

export function foldProgress(run: RunDetail, event: RunProgressEvent): RunDetail {
  if (event.runId !== run.id || event.seq <= run.lastSeq) return run;
  return {
    ...run,
    status: event.status,
    bestScore: event.bestScore,
    error: event.error,
    phases: mergePhases(run.phases, event.phases),
    tasks: mergeTasks(run.tasks, event.tasks),
    metrics: event.metrics.length ? [...run.metrics, ...event.metrics] : run.metrics,
    logs: event.logs.length ? [...run.logs, ...event.logs] : run.logs,
    ...(event.refinement ? { refinement: event.refinement } : {}),
    lastSeq: event.seq,
  };
}

/** Folds several events (any order; stale ones skipped). */
export const foldAll = (run: RunDetail, events: RunProgressEvent[]): RunDetail =>
  [...events].sort((a, b) => a.seq - b.seq).reduce(foldProgress, run);

/** The list row of a run, updated by an event (lists carry no seq, so the newer event wins). */
export function foldSummary(summary: RunSummary, event: RunProgressEvent): RunSummary {
  if (summary.id !== event.runId) return summary;
  // A finished run does not start again: an event saying otherwise is older than the list.
  if (isFinalRunStatus(summary.status) && !isFinalRunStatus(event.status)) return summary;
  if (summary.status === event.status && summary.bestScore === event.bestScore && summary.error === event.error) {
    return summary;
  }
  return { ...summary, status: event.status, bestScore: event.bestScore, error: event.error };
}
