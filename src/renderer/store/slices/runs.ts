import type { StateCreator } from 'zustand';
import type { RunDetail, RunProgressEvent, RunSummary } from '../../../shared/domain';
import { foldAll, foldProgress, foldSummary } from '../../lib/foldProgress';
import type { StudioState } from '../index';

/** How many recent runs the window keeps for the sidebar (`runs:list`, newest created first). */
export const RECENT_RUNS = 8;
/** How many of a dataset's runs its screen lists (newest first), beside how many it has. */
export const DATASET_RUNS = 20;

/** A dataset's newest runs and how many it has in all. */
export interface DatasetRuns {
  runs: RunSummary[];
  total: number;
}

export interface RunsSlice {
  /** The newest runs (at most RECENT_RUNS), never every run. */
  runList: RunSummary[] | null;
  /** By dataset id: the dataset screen's runs. */
  datasetRuns: Record<string, DatasetRuns>;
  runDetails: Record<string, RunDetail>;
  setRunList(list: RunSummary[]): void;
  setDatasetRuns(datasetId: string, runs: DatasetRuns): void;
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

const newestFirst = (a: RunSummary, b: RunSummary) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

/** The recent list with a run's new summary: replaced in place, or put in if it is among the newest. */
function withRecent(list: RunSummary[], summary: RunSummary): RunSummary[] {
  if (list.some((r) => r.id === summary.id)) return list.map((r) => (r.id === summary.id ? summary : r));
  // An older run opened from the table stays out of the recent list.
  if (list.length >= RECENT_RUNS && summary.createdAt <= list[list.length - 1].createdAt) return list;
  return [summary, ...list].sort(newestFirst).slice(0, RECENT_RUNS);
}

/** Applies `fold` to every kept dataset list; the same object when nothing changed. */
function foldDatasetRuns(all: Record<string, DatasetRuns>, fold: (r: RunSummary) => RunSummary): Record<string, DatasetRuns> {
  let changed = false;
  const next: Record<string, DatasetRuns> = {};
  for (const [id, entry] of Object.entries(all)) {
    const runs = entry.runs.map(fold);
    const same = runs.every((r, i) => r === entry.runs[i]);
    next[id] = same ? entry : { ...entry, runs };
    changed ||= !same;
  }
  return changed ? next : all;
}

export const createRunsSlice: StateCreator<StudioState, [], [], RunsSlice> = (set) => ({
  runList: null,
  datasetRuns: {},
  runDetails: {},
  setRunList: (runList) => set({ runList }),
  setDatasetRuns: (datasetId, runs) => set((s) => ({ datasetRuns: { ...s.datasetRuns, [datasetId]: runs } })),
  putRun: (snapshot, buffered = []) =>
    set((s) => {
      const detail = foldAll(snapshot, buffered);
      const list = s.runList;
      const summary = summaryOf(detail);
      return {
        runDetails: { ...s.runDetails, [detail.id]: detail },
        runList: list ? withRecent(list, summary) : list,
        datasetRuns: foldDatasetRuns(s.datasetRuns, (r) => (r.id === summary.id ? summary : r)),
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
      const datasetRuns = foldDatasetRuns(s.datasetRuns, (r) => foldSummary(r, event));
      if (datasetRuns !== s.datasetRuns) patch.datasetRuns = datasetRuns;
      return patch;
    }),
});
