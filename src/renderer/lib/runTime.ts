import type { RunSummary } from '../../shared/domain';
import { isFinalRunStatus } from '../../shared/domain';
import { elapsedMs } from './format';

/**
 * How long something took: start to end, or start to now while it is still going (`live`);
 * null when it never started or ended without an end time.
 */
export function spanMs(startedAt: string | null, finishedAt: string | null, live: boolean, now: number): number | null {
  if (!startedAt) return null;
  if (finishedAt) return elapsedMs(startedAt, finishedAt, now);
  return live ? elapsedMs(startedAt, null, now) : null;
}

/** How long a run has taken: to its end, or to now while it runs. */
export const runDurationMs = (run: Pick<RunSummary, 'status' | 'startedAt' | 'finishedAt'>, now: number): number | null =>
  spanMs(run.startedAt, run.finishedAt, !isFinalRunStatus(run.status), now);
