/**
 * What the window asks for when Home opens, at 10,000 runs: the window's own actions (app info,
 * datasets, the sidebar's recent runs, the runs table's first page) and the dataset screen's runs
 * are run against the real request handler over a SQLite store seeded with 10,000 runs. Every
 * answer must come quickly and carry a bounded number of runs: no request fetches every run.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { createRequestHandler, type RequestHandler } from '../../../src/main/ipc/request-handler';
import { methodNameOf, REQUEST_CHANNELS, RUN_LIST_LIMIT, type StudioApi } from '../../../src/shared/contract';
import type { RunPage, RunSummary } from '../../../src/shared/domain';
import { setApi } from '../../../src/renderer/actions/client';
import { loadDatasets } from '../../../src/renderer/actions/datasets';
import { loadAppInfo } from '../../../src/renderer/actions/startApp';
import { loadDatasetRuns, loadRuns } from '../../../src/renderer/actions/runs';
import { loadRunPage } from '../../../src/renderer/actions/runTable';
import { resetStudio, useStudio } from '../../../src/renderer/store';
import { DATASET_RUNS, RECENT_RUNS } from '../../../src/renderer/store/slices/runs';
import { tempDir } from '../../support/datasets';
import { SEED_DATASETS, SEED_RUNS, seedRuns, type Seeded } from '../../support/seed-runs';
import { datasetRecord } from '../db/helpers';

interface Sent {
  channel: string;
  payload: unknown;
  ms: number;
  bytes: number;
  /** Runs in the answer (a list's length, a page's rows), or null when it carries none. */
  runs: number | null;
}

/** How many runs an answer carries: a list's length, a page's rows; null for other channels. */
const runsIn = (channel: string, data: unknown): number | null =>
  channel === 'runs:list' ? (data as RunSummary[]).length : channel === 'runs:query' ? (data as RunPage).rows.length : null;

describe('the requests the window makes on opening Home, at 10,000 runs', () => {
  let dir: string;
  let studio: StudioServices;
  let handle: RequestHandler;
  let seeded: Seeded[];
  let sent: Sent[] = [];

  beforeAll(() => {
    dir = tempDir('mlestar-home-requests-');
    studio = createStudio({ dataDir: dir, host: 'serve' });
    handle = createRequestHandler(studio);
    seeded = seedRuns(studio.store, datasetRecord);
    // The window's API, answered by the real handler: each request timed and its answer measured.
    const api = Object.fromEntries(
      REQUEST_CHANNELS.map((channel) => [
        methodNameOf(channel),
        async (payload: unknown) => {
          const start = performance.now();
          const result = await handle(channel, payload);
          const ms = performance.now() - start;
          sent.push({ channel, payload, ms, bytes: JSON.stringify(result).length, runs: result.ok ? runsIn(channel, result.data) : null });
          return result;
        },
      ]),
    );
    setApi({ ...api, on: () => () => undefined } as unknown as StudioApi);
  }, 120_000);
  afterEach(() => {
    sent = [];
    resetStudio();
  });
  afterAll(async () => {
    setApi(null);
    await studio?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What startApp and Home load: app info, datasets, the recent runs, the table's first page. */
  const openHome = () => Promise.all([loadAppInfo(), loadDatasets(), loadRuns(), loadRunPage()]);

  it('answers each in well under 100 ms with at most the bounded number of runs', async () => {
    await openHome(); // prepares the statements
    sent = [];
    resetStudio();
    await openHome();
    const runRequests = sent.filter((s) => s.runs !== null);
    expect(sent.map((s) => s.channel).sort()).toEqual(['app:info', 'datasets:list', 'runs:list', 'runs:query']);
    expect(sent.find((s) => s.channel === 'runs:list')?.payload).toEqual({ limit: RECENT_RUNS });
    for (const s of runRequests) {
      expect(s.runs, s.channel).toBeLessThanOrEqual(RUN_LIST_LIMIT);
      // ~400 bytes a run: tens of KB at most (every run would be ~3 MB).
      expect(s.bytes, s.channel).toBeLessThan(64 * 1024);
    }
    const worst = Math.max(...sent.map((s) => s.ms));
    console.log(`opening Home at ${SEED_RUNS} runs: ${sent.map((s) => `${s.channel} ${s.ms.toFixed(1)} ms, ${s.runs ?? '-'} runs, ${s.bytes} B`).join('; ')}`);
    // A few ms each on a 2-core machine; 100 ms leaves room for a busy one.
    expect(worst).toBeLessThan(100);

    // The store has what the views show: the newest runs for the sidebar, the table's first page.
    const state = useStudio.getState();
    const newest = [...seeded].sort((a, b) => b.order - a.order);
    expect(state.runList?.map((r) => r.id)).toEqual(newest.slice(0, RECENT_RUNS).map((r) => r.id));
    expect(state.runPage?.total).toBe(SEED_RUNS);
    expect(state.runPage?.rows).toHaveLength(state.runQuery.limit);
  });

  it("loads a dataset screen's latest runs with their count, not every run", async () => {
    await loadDatasetRuns('d1');
    const [request] = sent;
    expect(sent).toHaveLength(1);
    expect(request).toMatchObject({ channel: 'runs:query', runs: DATASET_RUNS });
    expect(request.ms).toBeLessThan(100);
    const entry = useStudio.getState().datasetRuns.d1;
    expect(entry.total).toBe(SEED_RUNS / SEED_DATASETS.length);
    const want = seeded.filter((r) => r.datasetId === 'd1').sort((a, b) => b.order - a.order);
    expect(entry.runs.map((r: RunSummary) => r.id)).toEqual(want.slice(0, DATASET_RUNS).map((r) => r.id));
  });

  it('bounds runs:list however it is asked, and refuses a larger limit', async () => {
    const all = await handle('runs:list', {});
    expect(all.ok && (all.data as RunSummary[]).length).toBe(RUN_LIST_LIMIT);
    const few = await handle('runs:list', { limit: 3 });
    expect(few.ok && (few.data as RunSummary[]).map((r) => r.id)).toEqual([...seeded].sort((a, b) => b.order - a.order).slice(0, 3).map((r) => r.id));
    for (const limit of [0, RUN_LIST_LIMIT + 1, 10_000, 1.5]) {
      const refused = await handle('runs:list', { limit });
      expect(refused.ok ? null : refused.error.code, String(limit)).toBe('INVALID_REQUEST');
    }
    // The CLI's list (through the service) still has every run.
    expect(studio.runs.list()).toHaveLength(SEED_RUNS);
  });
});
