import type { RunDetail, RunProgressEvent, RunSettings } from '../../shared/domain';
import { isFinalRunStatus } from '../../shared/domain';
import { useStudio } from '../store';
import { DATASET_RUNS, RECENT_RUNS } from '../store/slices/runs';
import { api, notify, unwrap, unwrapLoad, whileBusy } from './client';
import { navigate } from './navigation';
import { advancedSettingsOf } from '../lib/runSettings';

/** Runs whose snapshot is being fetched, with the events that arrived meanwhile. */
const loading = new Map<string, RunProgressEvent[]>();
/** How many times a succeeded run without a report is fetched again before giving up. */
const REPORT_RETRIES = 3;
const REPORT_RETRY_MS = 1000;

let listLoading: Promise<void> | null = null;
/** A load asked for while one was in flight that may have been answered before the run existed. */
let listQueued: Promise<void> | null = null;
/** Runs whose first event reloaded the recent list (an older run, resumed, is not in it: once is enough). */
const reloadedFor = new Set<string>();
/** The latest request for each dataset's runs: only its answer is kept. */
const datasetRunsRequest = new Map<string, number>();
let datasetRunsSeq = 0;

/**
 * Loads the newest runs, for the sidebar (one request at a time; callers during a load share it,
 * or with `fresh` wait for the next one). Never every run.
 */
export function loadRuns({ fresh = false } = {}): Promise<void> {
  if (fresh && listLoading) {
    listQueued ??= listLoading.then(() => {
      listQueued = null;
      return loadRuns();
    });
    return listQueued;
  }
  listLoading ??= (async () => {
    try {
      const list = await unwrap(api().runsList({ limit: RECENT_RUNS }));
      if (list) useStudio.getState().setRunList(list);
    } finally {
      listLoading = null;
    }
  })();
  return listLoading;
}

/** Loads a dataset's newest runs and how many it has (one `runs:query` page), for its screen. */
export async function loadDatasetRuns(datasetId: string): Promise<void> {
  const seq = ++datasetRunsSeq;
  datasetRunsRequest.set(datasetId, seq);
  const page = await unwrap(api().runsQuery({ datasetId, limit: DATASET_RUNS, sort: 'startedAt', direction: 'desc' }));
  if (datasetRunsRequest.get(datasetId) !== seq) return;
  datasetRunsRequest.delete(datasetId);
  if (page) useStudio.getState().setDatasetRuns(datasetId, { runs: page.rows, total: page.total });
}

/**
 * Fetches a run's snapshot. Events for the run that arrive while it loads are kept and folded
 * into the snapshot (those with seq ≤ snapshot.lastSeq are skipped), so nothing is lost or
 * counted twice.
 */
export async function loadRun(id: string, { ifMissing = false, reportRetries = REPORT_RETRIES } = {}): Promise<RunDetail | null> {
  if (loading.has(id)) return null;
  if (ifMissing && useStudio.getState().runDetails[id]) return useStudio.getState().runDetails[id];
  const buffered: RunProgressEvent[] = [];
  loading.set(id, buffered);
  let detail: RunDetail | null;
  try {
    detail = await unwrapLoad(`run:${id}`, api().runsGet({ id }));
  } finally {
    loading.delete(id);
  }
  if (!detail) return null;
  useStudio.getState().putRun(detail, buffered);
  const stored = useStudio.getState().runDetails[id];
  // The final event can race the report being written: look again shortly.
  if (stored.status === 'succeeded' && stored.report === null && reportRetries > 0) {
    setTimeout(() => void loadRun(id, { reportRetries: reportRetries - 1 }), REPORT_RETRY_MS);
  }
  return stored;
}

/** Where `run:progress` events land. */
export function handleProgress(event: RunProgressEvent): void {
  const state = useStudio.getState();
  const before = state.runDetails[event.runId];
  loading.get(event.runId)?.push(event);
  state.applyProgress(event);
  // A run not in the recent list has just started (or is an older one, resumed): look once.
  if (!state.runList?.some((r) => r.id === event.runId) && !reloadedFor.has(event.runId)) {
    reloadedFor.add(event.runId);
    void loadRuns({ fresh: true });
    if (state.route.name === 'dataset') void loadDatasetRuns(state.route.id);
  }
  const after = useStudio.getState().runDetails[event.runId];
  // Reports and end times come with the snapshot, not the events.
  if (before && after && !isFinalRunStatus(before.status) && isFinalRunStatus(after.status)) {
    void loadRun(event.runId);
  }
}

export async function startRun(settings: RunSettings): Promise<void> {
  const started = await whileBusy('start', 'Starting run…', () =>
    unwrap(
      api().runsStart({
        datasetId: settings.datasetId,
        target: settings.target,
        ...(settings.task ? { task: settings.task } : {}),
        budgetSeconds: settings.budgetSeconds,
        seed: settings.seed,
        ...(settings.goals ? { goals: settings.goals } : {}),
        ...advancedSettingsOf(settings),
      }),
    ),
  );
  if (!started) return;
  void loadRuns();
  navigate({ name: 'run', id: started.runId });
}

export async function cancelRun(id: string): Promise<void> {
  const answer = await whileBusy(`cancel:${id}`, 'Cancelling…', () => unwrap(api().runsCancel({ id })));
  if (!answer) return;
  if (!answer.cancelled) notify('CONFLICT', 'The run had already finished, so there was nothing to cancel.');
  await loadRun(id);
}

/** Continues an interrupted or cancelled run from its last finished task. */
export async function resumeRun(id: string): Promise<void> {
  const answer = await whileBusy(`resume:${id}`, 'Resuming…', () => unwrap(api().runsResume({ id })));
  if (!answer) return;
  void loadRuns();
  await loadRun(id);
}
