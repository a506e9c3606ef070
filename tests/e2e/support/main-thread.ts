/**
 * The page's main-thread tasks over a stretch of time, from a Chromium trace (CDP Tracing, the
 * 'toplevel' category: one event per task, with its wall time and its thread CPU time).
 *
 * Wall time is what the user waits; CPU time is the page's own work in it. On a busy machine the
 * difference is the time the OS ran something else: a task of 25 ms CPU measured 80 ms of wall
 * time on the shared 2-core test machine while other programs kept both cores busy (a busy loop
 * there got a third of a core). So a test can bound both: the page's own work per task, which the
 * app controls, and the wall time, which the machine stretches.
 *
 * Tasks the browser's garbage collector posted (V8's and Blink's heaps: posted from v8/src/heap)
 * are counted apart: when they run is the collector's choice, and the page's own allocation shows
 * up in its script tasks, which the collector's allocation-triggered steps run inside of. What the
 * page leaves for the collector still shows in its tasks: dropped chart canvases were freed in
 * the atomic pause of the next full collection (their pre-finalizers: up to 108 ms of CPU inside
 * the Live run view's stream, for the dataset screen's canvases) until charts emptied them on
 * unmount.
 *
 * Stretches are marked in the page with `performance.mark(name)`: one trace can be summed up over
 * several, each between two marks (by default MARK.start and MARK.stop). Tasks between a
 * `MARK.pause` and the next `MARK.resume` (the test's own work, such as a screenshot) are left
 * out of every stretch.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const MARK = { start: 'probe:start', stop: 'probe:stop', pause: 'probe:pause', resume: 'probe:resume' } as const;

export interface MainThreadTasks {
  /** Wall time of each task over 50 ms (a "long task"), ms, in order. */
  longWallMs: number[];
  /** CPU time of each of those same tasks, ms. */
  longCpuMs: number[];
  /** The largest CPU time of a task other than the garbage collector's, ms, that task's wall time, and where it was posted from. */
  maxCpuMs: number;
  maxCpuTaskWallMs: number;
  maxCpuTaskSource: string;
  /** The garbage collector's tasks over 50 ms (wall), as "wall/cpu" ms. */
  longGc: string[];
  /** The garbage collector's longest task, wall and CPU time, ms. */
  maxGcWallMs: number;
  maxGcCpuMs: number;
  /** How many tasks ran, and their CPU time in all, ms. */
  tasks: number;
  cpuMs: number;
  /** Time from the start mark to the stop mark, ms (0 when a mark is missing). */
  windowMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { src_file?: string; src_func?: string };
}

/** Whether a task was posted by the garbage collector (V8's heap or Blink's, cppgc, both under v8/src/heap). */
const isGcTask = (e: TraceEvent): boolean => (e.args?.src_file ?? '').startsWith('v8/src/heap/');

const BASE_CATEGORIES = 'toplevel,blink.user_timing,__metadata';
/**
 * With E2E_TRACE_DIR set, the whole trace is also written there (trace-<time>.json, for DevTools'
 * Performance panel) with what a task did inside: script, style, layout, paint, and each garbage
 * collection with the heap's size before and after. Those categories add to the page's work, so the
 * figures of a run with them are not the ones a test compares.
 */
const DETAIL_CATEGORIES = 'devtools.timeline,v8,v8.gc,disabled-by-default-devtools.timeline,disabled-by-default-v8.gc';

/** A finished trace: its tasks summed up between any two marks the page set. */
export interface MainThreadTrace {
  between(from: string, to: string): MainThreadTasks;
}

/** Starts tracing the page's tasks; the returned function stops and sums them up between MARK.start and MARK.stop. */
export async function traceMainThread(page: Page): Promise<() => Promise<MainThreadTasks>> {
  const stop = await startMainThreadTrace(page);
  return async () => (await stop()).between(MARK.start, MARK.stop);
}

/** Starts tracing the page's tasks; the returned function stops the trace. */
export async function startMainThreadTrace(page: Page): Promise<() => Promise<MainThreadTrace>> {
  const cdp = await page.context().newCDPSession(page);
  const dumpDir = process.env.E2E_TRACE_DIR;
  const categories = dumpDir ? `${BASE_CATEGORIES},${DETAIL_CATEGORIES}` : BASE_CATEGORIES;
  await cdp.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' });
  return async () => {
    const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    if (!stream) throw new Error('the trace came back without a stream');
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    await cdp.detach();
    if (dumpDir) {
      fs.mkdirSync(dumpDir, { recursive: true });
      fs.writeFileSync(path.join(dumpDir, `trace-${Date.now()}.json`), text);
    }
    const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    return { between: (from, to) => summarize(events, from, to) };
  };
}

/**
 * The tasks of the thread that set the marks (the page's main thread), between the first `from`
 * mark and the first `to` mark after it.
 */
export function summarize(events: readonly TraceEvent[], from: string = MARK.start, to: string = MARK.stop): MainThreadTasks {
  const names = new Set([from, to, MARK.pause, MARK.resume]);
  const marks = events.filter((e) => names.has(e.name)).sort((a, b) => a.ts - b.ts);
  const start = marks.find((m) => m.name === from);
  const stop = start && marks.find((m) => m.name === to && m.ts >= start.ts);
  const out: MainThreadTasks = { longWallMs: [], longCpuMs: [], maxCpuMs: 0, maxCpuTaskWallMs: 0, maxCpuTaskSource: '', longGc: [], maxGcWallMs: 0, maxGcCpuMs: 0, tasks: 0, cpuMs: 0, windowMs: 0 };
  if (!start || !stop) return out;
  out.windowMs = Math.round((stop.ts - start.ts) / 1000);
  const paused: [number, number][] = [];
  for (const m of marks) {
    if (m.name === MARK.pause) paused.push([m.ts, Number.POSITIVE_INFINITY]);
    if (m.name === MARK.resume && paused.length > 0) paused[paused.length - 1][1] = m.ts;
  }
  const tasks = events
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.pid === start.pid && e.tid === start.tid && e.dur !== undefined)
    .filter((e) => e.ts >= start.ts && e.ts + (e.dur ?? 0) <= stop.ts)
    .filter((e) => !paused.some(([from, to]) => e.ts + (e.dur ?? 0) > from && e.ts < to))
    .sort((a, b) => a.ts - b.ts);
  for (const t of tasks) {
    const wall = (t.dur ?? 0) / 1000;
    const cpu = (t.tdur ?? t.dur ?? 0) / 1000;
    out.tasks++;
    out.cpuMs += cpu;
    if (wall > 50) {
      out.longWallMs.push(Math.round(wall));
      out.longCpuMs.push(Math.round(cpu));
      if (isGcTask(t)) out.longGc.push(`${Math.round(wall)}/${Math.round(cpu)}`);
    }
    if (isGcTask(t)) {
      out.maxGcWallMs = Math.max(out.maxGcWallMs, Math.round(wall));
      out.maxGcCpuMs = Math.max(out.maxGcCpuMs, Math.round(cpu));
    }
    if (cpu > out.maxCpuMs && !isGcTask(t)) {
      out.maxCpuMs = cpu;
      out.maxCpuTaskWallMs = wall;
      out.maxCpuTaskSource = `${t.args?.src_func ?? '?'} (${t.args?.src_file ?? '?'})`;
    }
  }
  out.cpuMs = Math.round(out.cpuMs);
  out.maxCpuMs = Math.round(out.maxCpuMs);
  out.maxCpuTaskWallMs = Math.round(out.maxCpuTaskWallMs);
  return out;
}
