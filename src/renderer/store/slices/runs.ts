import type { StateCreator } from 'zustand';
import type { RunDetail, RunProgressEvent, RunSummary } from '../../../shared/domain';
import { foldAll, foldProgress, foldSummary } from '../../lib/foldProgress';
import type { StudioState } from '../index';

export interface RunsSlice {
  runList: RunSummary[] | null;
  runDetails: Record<string, RunDetail>;
  setRunList(list: RunSummary[]): void;
  /** Replace a run's snapshot, then fold the events that arrived while it was loading. */
  putRun(detail: RunDetail, buffered?: RunProgressEvent[]): void;
  applyProgress(event: RunProgressEvent): void;
}

const summaryOf = (d: RunDetail): RunSummary => ({
  id: d.id,
  datasetId: d.datasetId,
  datasetName: d.datasetName,
  target: d.target,
  task: d.task,
  metric: d.metric,
  greaterIsBetter: d.greaterIsBetter,
  status: d.status,
  bestScore: d.bestScore,
  error: d.error,
  createdAt: d.createdAt,
  startedAt: d.startedAt,
  finishedAt: d.finishedAt,
});

export const createRunsSlice: StateCreator<StudioState, [], [], RunsSlice> = (set) => ({
  runList: null,
  runDetails: {},
  setRunList: (runList) => set({ runList }),
  putRun: (snapshot, buffered = []) =>
    set((s) => {
      const detail = foldAll(snapshot, buffered);
      const list = s.runList;
      const summary = summaryOf(detail);
      return {
        runDetails: { ...s.runDetails, [detail.id]: detail },
        runList: list
          ? list.some((r) => r.id === detail.id)
            ? list.map((r) => (r.id === detail.id ? summary : r))
            : [summary, ...list]
          : list,
      };
    }),
  applyProgress: (event) =>
    set((s) => {
      const current = s.runDetails[event.runId];
      const folded = current ? foldProgress(current, event) : undefined;
      const list = s.runList?.map((r) => foldSummary(r, event)) ?? null;
      const listChanged = list !== null && s.runList !== null && list.some((r, i) => r !== s.runList?.[i]);
      const patch: Partial<StudioState> = {};
      if (current && folded !== current && folded) patch.runDetails = { ...s.runDetails, [event.runId]: folded };
      if (listChanged) patch.runList = list;
      return patch;
    }),
});
