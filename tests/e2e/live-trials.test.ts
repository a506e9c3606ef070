/**
 * End to end in a real Chromium against the real serve host: the new-run form's settings (metric,
 * device, advanced settings of each phase), the Live run view while a run streams (trials
 * scatter, remaining budget ticking at least twice a second, no task of the page's own over
 * 50 ms), the finished run's report drawn a part per frame, then the Trials explorer filtered by
 * a model family. Screenshots: new-run-settings.png,
 * run-live.png, trials-explorer.png.
 *
 * Smoothness while the run streams, and while the finished run's report is first drawn, is
 * measured from one trace of the page's main thread (support/main-thread.ts): each task's wall
 * time and its CPU time. The host trains in a session of its own at the default low priority, so
 * on Linux its autogroup yields to the browser's (src/main/hosts/host-priority.ts).
 * - The issue's goal, no frame over 50 ms, is asserted on the page's own work: no task takes 50 ms
 *   of CPU while the run streams, the garbage collector's included. Measured on the shared 2-core
 *   machine: the longest 23–30 ms (a frame drawing one chart's new option), against frames of
 *   60–150 ms before the view stopped re-running style, layout and paint every frame (a width
 *   transition) and drew all its charts in the same frame; the collector's longest 3–8 ms of CPU
 *   (10–15 ms wall), against 40–108 ms (72–136 ms wall) before charts emptied their canvases on
 *   unmount (components/EChart.tsx): the first full collection after the dataset screen was left,
 *   inside the stream, ran the pre-finalizers of its 21 dropped chart canvases (32 ms of them).
 * - Wall time is what the user sees, and the machine stretches it: other sessions' load (other
 *   test runs, benchmarks; load average 1–4 while this was measured) gives the page a third to
 *   half of a core when it wants one, so a task of 20 ms of CPU can take 60 ms. Measured after
 *   these fixes, 8 runs: 0 tasks over 50 ms on the quiet machine, 0–4 (52–122 ms wall, 2–30 ms
 *   of CPU) under load; before them 6–11 tasks of 50–242 ms per 25 s. So the 50 ms goal is
 *   measured and printed for wall time, and the bound asserted is WALL_BOUND_MS, room for a
 *   loaded or slower machine that still fails a view that blocks for a noticeable time.
 * - The report's first draw (from the end of the stream until the report and every chart are
 *   drawn): the report shows its parts one per frame (components/useStagedReveal.ts), taking
 *   turns with its charts, also one per frame. Measured after, 7 runs: the longest task 36–39 ms
 *   of CPU on the quiet machine (42–57 ms wall: a frame drawing a chart for the first time, with
 *   its canvas's commit) and 35–55 ms under load (63–109 ms wall), 0–3 tasks over 50 ms wall;
 *   before, the whole report rendered in one task of 43–67 ms of CPU (46 ms wall on the quiet
 *   machine, 106–161 ms under load) and laid out in one frame of 35 ms, 1–7 tasks over 50 ms
 *   wall under load. As CPU figures grow by up to half under load, the bound asserted,
 *   REPORT_CPU_BOUND_MS, guards against drawing the report all at once, and the 50 ms figures
 *   are printed.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from './support/browser';
import { MARK, startMainThreadTrace, type MainThreadTasks } from './support/main-thread';
import type { RunningHost } from './support/serve-host';
import { useE2eSession } from './support/session';

/** What the page saw while the run streamed: frame gaps (requestAnimationFrame) and budget countdown updates. */
interface Smoothness {
  frames: number;
  maxFrameGap: number;
  /** Frame gaps over 50 ms. */
  slowFrames: number;
  /** How many times the budget countdown (`budget-left`'s data-left-ms) changed. */
  updates: number;
}

type Probe = { gaps: number[]; updates: number; stop: boolean; pausedUntil: number };

/**
 * Starts watching the page: marks the start for the main-thread trace (support/main-thread.ts),
 * records requestAnimationFrame gaps and countdown updates, and marks the stop the moment the run
 * leaves 'running' (the final snapshot and the report render after the stream).
 */
const startSmoothnessProbe = (page: Page): Promise<void> =>
  page.evaluate((mark) => {
    const w = window as unknown as { __probe: Probe };
    const probe: Probe = { gaps: [], updates: 0, stop: false, pausedUntil: 0 };
    w.__probe = probe;
    const finish = (): void => {
      if (probe.stop) return;
      probe.stop = true;
      performance.mark(mark.stop);
    };
    (w as unknown as { __finishProbe: () => void }).__finishProbe = finish;
    const status = document.querySelector('[data-testid="run-status"]');
    const watcher = new MutationObserver(() => {
      if (!/running|queued/.test(status?.textContent ?? '')) {
        finish();
        watcher.disconnect();
      }
    });
    if (status) watcher.observe(status, { childList: true, characterData: true, subtree: true, attributes: true });
    const budget = document.querySelector('[data-testid="budget-left"]');
    if (budget) new MutationObserver(() => void (probe.stop || probe.updates++)).observe(budget, { attributes: true, attributeFilter: ['data-left-ms'] });
    performance.mark(mark.start);
    let last = performance.now();
    const tick = (t: number): void => {
      if (probe.stop) return;
      if (last >= probe.pausedUntil) probe.gaps.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, MARK);

/** Leaves the test's own work in the page (a screenshot) out of the figures, until resumed. */
const pauseProbe = (page: Page, paused: boolean): Promise<void> =>
  page.evaluate(
    ([paused, mark]) => {
      const probe = (window as unknown as { __probe: Probe }).__probe;
      probe.pausedUntil = paused ? Number.POSITIVE_INFINITY : performance.now();
      performance.mark(paused ? mark.pause : mark.resume);
    },
    [paused, MARK] as const,
  );

const stopSmoothnessProbe = (page: Page): Promise<Smoothness> =>
  page.evaluate(() => {
    (window as unknown as { __finishProbe: () => void }).__finishProbe();
    const p = (window as unknown as { __probe: Probe }).__probe;
    return { frames: p.gaps.length, maxFrameGap: Math.round(Math.max(0, ...p.gaps)), slowFrames: p.gaps.filter((g) => g > 50).length, updates: p.updates };
  });

/** Whether a chart's canvas inside `testId` has drawn pixels (not blank). */
const canvasDrawn = (page: Page, testId: string): Promise<boolean> =>
  page.evaluate((id) => {
    const canvas = document.querySelector(`[data-testid="${id}"] canvas`) as HTMLCanvasElement | null;
    if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
    const ctx = canvas.getContext('2d');
    if (!ctx) return false;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i] > 0) painted++;
    return painted > 200;
  }, testId);

/** The mark set once the finished run's report and every chart in the view have been drawn. */
const REPORT_DRAWN = 'probe:report-drawn';
/** Time left after the last chart has its canvas, for the queued drawings (one per frame) to run. */
const REPORT_SETTLE_MS = 1500;

/**
 * Waits for the finished run's report and for every chart of the run view to be created, lets the
 * charts' queued drawings run, then marks REPORT_DRAWN.
 */
async function reportDrawn(page: Page): Promise<void> {
  await page.getByTestId('report').waitFor({ timeout: 30_000 });
  const allShown = (): Promise<boolean> =>
    page.evaluate(() => {
      // The report shows its parts a frame at a time (data-shown of data-parts), then every chart has its canvas.
      const report = document.querySelector<HTMLElement>('[data-testid="report"]');
      if (!report || (report.dataset.parts !== undefined && report.dataset.shown !== report.dataset.parts)) return false;
      return [...document.querySelectorAll('[data-testid="run-view"] .echart')].every((el) => el.querySelector('canvas') !== null);
    });
  await expect.poll(allShown, { timeout: 30_000, interval: 100 }).toBe(true);
  await page.waitForTimeout(REPORT_SETTLE_MS);
  await page.evaluate((mark) => performance.mark(mark), REPORT_DRAWN);
}

/** One line about a stretch's tasks, wall and CPU time. */
const describeTasks = (t: MainThreadTasks): string =>
  `${t.tasks} main-thread tasks (${t.cpuMs} ms CPU) in ${t.windowMs} ms; the longest in CPU ${t.maxCpuMs} ms (${t.maxCpuTaskWallMs} ms wall, from ${t.maxCpuTaskSource}); ` +
  `${t.longWallMs.length} over 50 ms wall: [${t.longWallMs.join(', ')}] ms, their CPU [${t.longCpuMs.join(', ')}] ms, ` +
  `the garbage collector's among them (wall/CPU): [${t.longGc.join(', ')}]; the collector's longest ${t.maxGcWallMs} ms wall, ${t.maxGcCpuMs} ms CPU`;

/**
 * The longest task allowed in the report's first draw, CPU time: about twice the longest measured
 * on the quiet machine (39 ms; 55 ms once under load).
 */
const REPORT_CPU_BOUND_MS = 80;

/**
 * The longest task and frame gap allowed while the run streams, wall time: about three times the
 * longest measured (136 ms, a garbage collection) and 250 ms above the goal.
 */
const WALL_BOUND_MS = 400;

describe('browser host: live run view and trials explorer', () => {
  const session = useE2eSession('mlestar-e2e-live-', undefined, [], { ownSession: true });
  let host: RunningHost;
  let page: Page;
  beforeAll(() => {
    ({ host, page } = session);
  });
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  it('sets up a run with a metric and advanced settings; the GPU choice says why it is unavailable', async () => {
    await page.goto(host.url);
    await page.getByTestId('sample-button').click();
    await page.getByTestId('dataset-view').waitFor({ timeout: 60_000 });
    await page.getByTestId('target-select').selectOption('churn');
    await page.getByTestId('budget-input').fill('25');
    // Binary task: the metric choices are the binary ones.
    const metrics = await page.getByTestId('metric-select').locator('option').allTextContents();
    expect(metrics).toEqual(['default (roc_auc)', 'roc_auc', 'log_loss', 'accuracy']);
    await page.getByTestId('metric-select').selectOption('log_loss');
    // This install's ONNX Runtime has CPU binaries only.
    expect(await page.getByTestId('device-select').locator('option[value="gpu"]').isDisabled()).toBe(true);
    expect(await page.getByTestId('device-reason').textContent()).toMatch(/CUDA provider is not installed/);
    await page.getByTestId('advanced-settings').locator('summary').click();
    await page.getByTestId('setting-cvFolds').fill('1');
    await expect.poll(() => page.getByTestId('start-run').isDisabled()).toBe(true);
    await page.getByTestId('setting-cvFolds').fill('3');
    await page.getByTestId('setting-refinementAttempts').fill('5');
    await expect.poll(() => page.getByTestId('start-run').isDisabled()).toBe(false);
    await page.getByTestId('advanced-settings').scrollIntoViewIfNeeded();
    await shot('new-run-settings');
  });

  it('streams the run: trials scatter fills, the budget counts down at least twice a second, no task of the page takes 50 ms, and the report draws a part at a time', async () => {
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-view').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/running/);
    // The chosen metric reaches the run (log loss: smaller is better).
    await expect.poll(() => page.getByTestId('run-view').locator('header.view-header').textContent(), { timeout: 30_000 }).toMatch(/log_loss ↓/);
    const stopTrace = await startMainThreadTrace(page);
    await startSmoothnessProbe(page);

    const leftAt = async (): Promise<number> => Number(await page.getByTestId('budget-left').getAttribute('data-left-ms'));
    const before = await leftAt();
    await expect.poll(async () => Number(await page.getByTestId('trials-scatter').getAttribute('data-points')), { timeout: 30_000, interval: 250 }).toBeGreaterThan(1);
    await expect.poll(() => canvasDrawn(page, 'trials-scatter')).toBe(true);
    const later = await leftAt();
    expect(later).toBeLessThan(before);
    await expect.poll(() => page.getByTestId('live-leaderboard-row').count()).toBeGreaterThan(0);
    // A full-page screenshot is the test's own work in the page, not the app's: left out of the probe.
    await pauseProbe(page, true);
    await shot('run-live');
    await page.waitForTimeout(100);
    await pauseProbe(page, false);

    // Watch until the run stops streaming; the final snapshot and report render after that.
    const samples: number[] = [];
    while (/running|queued/.test((await page.getByTestId('run-status').textContent()) ?? '')) {
      samples.push(Number(await page.getByTestId('trials-scatter').getAttribute('data-points')));
      if (samples.length > 240) break;
      await page.waitForTimeout(250);
    }
    const smooth = await stopSmoothnessProbe(page);
    // The run has ended: its final snapshot, with the report, is fetched and drawn (traced too).
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 500 }).toBe('succeeded');
    await reportDrawn(page);
    const trace = await stopTrace();
    const tasks = trace.between(MARK.start, MARK.stop);
    const report = trace.between(MARK.stop, REPORT_DRAWN);
    const longTotal = tasks.longWallMs.reduce((a, b) => a + b, 0);
    const perSecond = smooth.updates / Math.max(1, tasks.windowMs / 1000);
    console.log(
      `live view while streaming: ${describeTasks(tasks)} ` +
        `(${((100 * longTotal) / Math.max(1, tasks.windowMs)).toFixed(1)} % of the time); ` +
        `${smooth.frames} frames, max frame gap ${smooth.maxFrameGap} ms, ${smooth.slowFrames} over 50 ms; ` +
        `countdown updates ${smooth.updates} (${perSecond.toFixed(1)}/s); trial points seen: ${samples[0]} → ${samples[samples.length - 1]}`,
    );
    console.log(`the report's first draw: ${describeTasks(report)}`);
    expect(samples[samples.length - 1]).toBeGreaterThanOrEqual(samples[0]);
    expect(smooth.frames).toBeGreaterThan(20);
    expect(tasks.tasks).toBeGreaterThan(100);
    // Updates arrive at least twice a second: the countdown and elapsed times tick 4 times a second.
    expect(perSecond).toBeGreaterThanOrEqual(2);
    // No task of the page's own work takes 50 ms (CPU time, which the machine's other load does not stretch),
    // nor does the garbage collector's.
    expect(tasks.maxCpuMs).toBeLessThan(50);
    expect(tasks.maxGcCpuMs).toBeLessThan(50);
    // Wall time (the notes at the top say what the machine adds), and a view that blocks often.
    expect(Math.max(0, ...tasks.longWallMs)).toBeLessThan(WALL_BOUND_MS);
    expect(smooth.maxFrameGap).toBeLessThan(WALL_BOUND_MS);
    expect(longTotal / Math.max(1, tasks.windowMs)).toBeLessThan(0.1);
    // The report's first draw: a part or a chart per frame, never all of it in one task.
    expect(report.tasks).toBeGreaterThan(20);
    expect(report.maxCpuMs).toBeLessThan(REPORT_CPU_BOUND_MS);
    expect(report.maxGcCpuMs).toBeLessThan(50);
    expect(Math.max(0, ...report.longWallMs)).toBeLessThan(WALL_BOUND_MS);
    expect(await page.getByTestId('budget-left').getAttribute('data-live')).toBe('false');
  });

  it('opens the Trials explorer, filters by a family, and draws the parallel coordinates and importance bars', async () => {
    await page.getByTestId('open-trials').click();
    await page.getByTestId('trials-view').and(page.locator('[data-run-id]')).waitFor({ timeout: 30_000 });
    await expect.poll(() => canvasDrawn(page, 'parallel-chart')).toBe(true);
    const options = await page.getByTestId('family-filter').locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options[0]).toBe('all');
    expect(options.length).toBeGreaterThan(1);
    const allLines = Number(await page.getByTestId('parallel-chart').getAttribute('data-lines'));
    // The family with the most trials (the refinement's), so the charts have something to show.
    const counts = await page.getByTestId('family-filter').locator('option').allTextContents();
    const best = options.slice(1).map((v, i) => ({ v, n: Number(/\((\d+)\)/.exec(counts[i + 1])?.[1] ?? 0) })).sort((a, b) => b.n - a.n)[0];
    await page.getByTestId('family-filter').selectOption(best.v);
    await expect.poll(() => page.getByTestId('trials-view').getAttribute('data-family')).toBe(best.v);
    const lines = Number(await page.getByTestId('parallel-chart').getAttribute('data-lines'));
    expect(lines).toBe(best.n);
    expect(lines).toBeLessThanOrEqual(allLines);
    expect(Number(await page.getByTestId('parallel-chart').getAttribute('data-axes'))).toBeGreaterThan(1);
    await expect.poll(() => canvasDrawn(page, 'parallel-chart')).toBe(true);
    expect(Number(await page.getByTestId('importance-chart').getAttribute('data-params'))).toBeGreaterThan(0);
    await expect.poll(() => canvasDrawn(page, 'importance-chart')).toBe(true);
    expect(await page.getByTestId('slices').locator('[data-testid^="slice-"]').count()).toBeGreaterThan(0);
    await shot('trials-explorer');
  });
});
