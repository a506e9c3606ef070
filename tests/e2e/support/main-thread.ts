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
 * are counted apart: when they run is the collector's choice (the first full collection after the
 * dataset screen was left, sweeping its nodes and canvases, measured 110 ms of CPU once, inside the
 * stream), and the page's own allocation shows up in its script tasks, which the collector's
 * allocation-triggered steps run inside of.
 *
 * The stretch is marked in the page with `performance.mark(MARK.start / stop / pause / resume)`:
 * tasks outside [start, stop], or between a pause and the next resume (the test's own work, such
 * as a screenshot), are left out.
 */
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

/** Starts tracing the page's tasks; the returned function stops and sums them up. */
export async function traceMainThread(page: Page): Promise<() => Promise<MainThreadTasks>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing,__metadata', transferMode: 'ReturnAsStream' });
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
    const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
    return summarize(Array.isArray(parsed) ? parsed : parsed.traceEvents);
  };
}

/** The tasks of the thread that set the marks (the page's main thread), within the marked stretch. */
export function summarize(events: readonly TraceEvent[]): MainThreadTasks {
  const marks = events.filter((e) => e.name.startsWith('probe:')).sort((a, b) => a.ts - b.ts);
  const start = marks.find((m) => m.name === MARK.start);
  const stop = marks.find((m) => m.name === MARK.stop);
  const out: MainThreadTasks = { longWallMs: [], longCpuMs: [], maxCpuMs: 0, maxCpuTaskWallMs: 0, maxCpuTaskSource: '', longGc: [], tasks: 0, cpuMs: 0, windowMs: 0 };
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
