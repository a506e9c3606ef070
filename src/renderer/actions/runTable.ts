/**
 * The Home runs table's actions: fetch a page with `runs:query` (only the latest request's answer
 * is kept, so fast typing or clicking never shows an older page), change the sort, filters,
 * search and page, and keep the page current while runs progress.
 */
import type { RunProgressEvent, RunQuery, RunSortKey, RunStatus } from '../../shared/domain';
import { isFinalRunStatus } from '../../shared/domain';
import { useStudio } from '../store';
import { api, unwrap } from './client';

let latest = 0;
let searchTimer: ReturnType<typeof setTimeout> | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
/** The last status seen per run id, so runs off the page refetch only when they appear or change status. */
const seenStatus = new Map<string, RunStatus>();

/** How long typing pauses before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 200;
/** Least time between refreshes caused by runs starting or finishing. */
const REFRESH_MS = 1000;

/** Fetches the page of the current query. */
export async function loadRunPage(): Promise<void> {
  const ticket = ++latest;
  const { runQuery, setRunPageLoading } = useStudio.getState();
  setRunPageLoading(true);
  const { search, ...rest } = runQuery;
  const page = await unwrap(api().runsQuery({ ...rest, ...(search?.trim() ? { search: search.trim() } : {}) }));
  if (ticket !== latest) return;
  const store = useStudio.getState();
  store.setRunPageLoading(false);
  if (!page) return;
  // Past the end (runs deleted, a narrower filter): show the last page that has rows.
  if (page.rows.length === 0 && page.total > 0 && runQuery.offset > 0) {
    store.setRunQuery({ ...runQuery, offset: Math.max(0, Math.floor((page.total - 1) / runQuery.limit) * runQuery.limit) });
    return loadRunPage();
  }
  store.setRunPage(page);
}

/** Changes the query (back to the first page unless the change is the page) and fetches. */
export function updateRunQuery(patch: Partial<RunQuery>): void {
  const { runQuery, setRunQuery } = useStudio.getState();
  const offset = patch.offset ?? (Object.keys(patch).some((k) => k !== 'offset') ? 0 : runQuery.offset);
  setRunQuery({ ...runQuery, ...patch, offset });
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = null;
  void loadRunPage();
}

/** The search box: shown at once, sent when typing pauses. */
export function setRunSearch(search: string): void {
  const { runQuery, setRunQuery } = useStudio.getState();
  setRunQuery({ ...runQuery, search, offset: 0 });
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    searchTimer = null;
    void loadRunPage();
  }, SEARCH_DEBOUNCE_MS);
}

/** A header click: sort by that column, or flip the direction when it is already the sort. */
export function sortRunsBy(key: RunSortKey): void {
  const { sort, direction } = useStudio.getState().runQuery;
  // Text columns start A→Z; numbers and times start with the largest/newest.
  const firstDirection = key === 'dataset' || key === 'target' || key === 'metric' || key === 'status' ? 'asc' : 'desc';
  updateRunQuery({ sort: key, direction: sort === key ? (direction === 'asc' ? 'desc' : 'asc') : firstDirection });
}

/**
 * Pushed progress: update the row on screen; refetch (throttled) when a run appears, changes status
 * off the page, or finishes. A run's ordinary progress (about once a second) off the page refetches
 * nothing: the page query, count and facets would not change.
 */
export function handleRunTableProgress(event: RunProgressEvent): void {
  const state = useStudio.getState();
  if (state.route.name !== 'home' || state.runPage === null) return;
  const before = state.runPage.rows.find((r) => r.id === event.runId);
  const lastStatus = before?.status ?? seenStatus.get(event.runId);
  seenStatus.set(event.runId, event.status);
  const onPage = state.foldRunRow(event);
  const finished = lastStatus !== undefined && !isFinalRunStatus(lastStatus) && isFinalRunStatus(event.status);
  const appearedOrChanged = lastStatus === undefined || lastStatus !== event.status;
  if (((!onPage && appearedOrChanged) || finished) && refreshTimer === null) {
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      if (useStudio.getState().route.name === 'home') void loadRunPage();
    }, REFRESH_MS);
  }
}
