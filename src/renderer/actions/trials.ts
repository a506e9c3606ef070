/**
 * A run's trials for the Live view and the Trials explorer: loaded once with `runs:trials`, then
 * kept current from the `trials` carried by `run:progress` events. Trials are immutable and keyed
 * by id, so a load and the events racing it merge without gaps or doubles.
 */
import type { RunProgressEvent } from '../../shared/domain';
import { useStudio } from '../store';
import { api, unwrapLoad } from './client';

const loading = new Set<string>();

/** Fetches a run's trials (once at a time per run) and merges them into the store. */
export async function loadTrials(runId: string): Promise<void> {
  if (loading.has(runId)) return;
  loading.add(runId);
  try {
    const trials = await unwrapLoad(`trials:${runId}`, api().runsTrials({ id: runId }));
    if (trials) useStudio.getState().putTrials(runId, trials);
  } finally {
    loading.delete(runId);
  }
}

/** Where `run:progress` events' trials land (only for runs whose trials are being watched). */
export function handleTrialsProgress(event: RunProgressEvent): void {
  if (!event.trials?.length) return;
  const state = useStudio.getState();
  if (state.runTrials[event.runId] || loading.has(event.runId)) state.putTrials(event.runId, event.trials);
}
