import type { StateCreator } from 'zustand';
import type { RunPage, RunProgressEvent, RunQuery, RunRow } from '../../../shared/domain';
import { foldSummary } from '../../lib/foldProgress';
import type { StudioState } from '../index';

/** The Home runs table: the query on screen, its page, and the runs ticked for comparing. */
export interface RunTableSlice {
  runQuery: RunQuery;
  runPage: RunPage | null;
  /** A page is being fetched (the previous one stays on screen meanwhile). */
  runPageLoading: boolean;
  /** Run ids ticked for "Compare", in the order they were ticked (kept across pages). */
  compareSelection: string[];
  setRunQuery(query: RunQuery): void;
  setRunPage(page: RunPage): void;
  setRunPageLoading(loading: boolean): void;
  toggleCompare(id: string): void;
  clearCompare(): void;
  /** Folds a progress event into the row on screen (status, best score); true when the page has the run. */
  foldRunRow(event: RunProgressEvent): boolean;
}

export const DEFAULT_TABLE_QUERY: RunQuery = { offset: 0, limit: 25, sort: 'startedAt', direction: 'desc' };

export const createRunTableSlice: StateCreator<StudioState, [], [], RunTableSlice> = (set, get) => ({
  runQuery: DEFAULT_TABLE_QUERY,
  runPage: null,
  runPageLoading: false,
  compareSelection: [],
  setRunQuery: (runQuery) => set({ runQuery }),
  setRunPage: (runPage) => set({ runPage }),
  setRunPageLoading: (runPageLoading) => set({ runPageLoading }),
  toggleCompare: (id) =>
    set((s) => ({ compareSelection: s.compareSelection.includes(id) ? s.compareSelection.filter((x) => x !== id) : [...s.compareSelection, id] })),
  clearCompare: () => set({ compareSelection: [] }),
  foldRunRow: (event) => {
    const page = get().runPage;
    if (!page?.rows.some((r) => r.id === event.runId)) return false;
    const rows = page.rows.map((r) => foldSummary(r, event) as RunRow);
    if (rows.some((r, i) => r !== page.rows[i])) set({ runPage: { ...page, rows } });
    return true;
  },
});
