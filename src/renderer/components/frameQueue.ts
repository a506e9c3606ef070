/**
 * Drawing work spread over animation frames: at most one job per frame, so the window's charts
 * never update in the same frame. While a run streams, one progress event changes the trials
 * scatter, the score chart and the ablation bars at once; drawn together (each ECharts instance
 * updating in its own requestAnimationFrame callback of the same frame) they made frames of
 * 60–150 ms on a busy 2-core machine, where one chart's update alone stays near 10–20 ms.
 *
 * Jobs are keyed by their owner (a chart): a job queued again before it ran replaces the queued
 * one in its place in line (the newest option wins, and a chart that updates often cannot push
 * the others back).
 */

/** A function that runs `callback` before the next frame is drawn (window.requestAnimationFrame). */
export type RequestFrame = (callback: () => void) => unknown;

export interface FrameQueue {
  /** Queues `job` for `owner` (replacing a job of the same owner not yet run). */
  schedule(owner: object, job: () => void): void;
  /** Drops `owner`'s job if it has not run (a chart being disposed). */
  cancel(owner: object): void;
  /** How many jobs wait. */
  readonly size: number;
}

/** A queue that runs one job per frame, in the order owners first queued. */
export function createFrameQueue(requestFrame: RequestFrame): FrameQueue {
  const pending = new Map<object, () => void>();
  let waiting = false;
  const runOne = (): void => {
    waiting = false;
    const next = pending.entries().next();
    if (next.done) return;
    const [owner, job] = next.value;
    pending.delete(owner);
    // The next frame is asked for first, so a job that throws does not stall the others.
    if (pending.size > 0) request();
    job();
  };
  const request = (): void => {
    if (waiting) return;
    waiting = true;
    requestFrame(runOne);
  };
  return {
    schedule(owner, job) {
      pending.set(owner, job);
      request();
    },
    cancel(owner) {
      pending.delete(owner);
    },
    get size() {
      return pending.size;
    },
  };
}

let shared: FrameQueue | null = null;

/** The window's queue (one for every chart, so they take turns). */
export function frameQueue(): FrameQueue {
  shared ??= createFrameQueue((callback) => requestAnimationFrame(callback));
  return shared;
}
