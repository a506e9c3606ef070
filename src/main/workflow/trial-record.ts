/**
 * The adapter between a study's trial snapshots (ml/search) and the run's trial records
 * (ports/repositories): what a {@link TrialSink} in a phase hands to `ctx.trial`. Running
 * snapshots are not records; they return null and only the final snapshot is persisted.
 */
import type { FrozenTrial } from '../ml/search/trial';
import type { TrialRecord } from '../ports/repositories';
import type { TrialInfo } from '../../shared/domain';

/** A stored trial as the window sees it (the record without its run id). */
export function trialInfoOf(record: TrialRecord): TrialInfo {
  const { runId: _runId, ...info } = record;
  return info;
}

/** The record of a finished trial, or null while it runs. */
export function trialRecordOf(trial: FrozenTrial, model: string, taskId: number | null = null): Omit<TrialRecord, 'id' | 'runId' | 'createdAt' | 'phase'> | null {
  if (trial.state === 'running') return null;
  return {
    taskId,
    model,
    params: { ...trial.params },
    score: trial.value !== null && Number.isFinite(trial.value) ? trial.value : null,
    status: trial.state,
    durationMs: Math.max(0, (trial.finishedAt ?? trial.startedAt) - trial.startedAt),
  };
}
