import type { StateCreator } from 'zustand';
import type { TrialInfo } from '../../../shared/domain';
import { mergeTrials } from '../../lib/trials';
import type { StudioState } from '../index';

/** Each viewed run's trials (from `runs:trials`, then the `trials` of its progress events). */
export interface TrialsSlice {
  runTrials: Record<string, TrialInfo[]>;
  /** Merges trials into a run's list by id (trials never change once recorded). */
  putTrials(runId: string, trials: readonly TrialInfo[]): void;
}

export const createTrialsSlice: StateCreator<StudioState, [], [], TrialsSlice> = (set) => ({
  runTrials: {},
  putTrials: (runId, trials) =>
    set((s) => {
      const current = s.runTrials[runId] ?? [];
      const merged = mergeTrials(current, trials);
      return merged === current && s.runTrials[runId] ? {} : { runTrials: { ...s.runTrials, [runId]: merged } };
    }),
});
