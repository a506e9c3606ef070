/**
 * Training at a lower CPU priority than the window, so a run never makes the window stutter.
 *
 * A desktop app stays smooth while it trains by giving its training threads less of the CPU
 * than the threads that draw: the scheduler then runs layout and paint first and the training
 * takes what is left (on a busy 2-core machine the window measured long tasks of 50–200 ms while
 * a run streamed beside it at the same priority).
 *
 * On Linux a nice value belongs to a thread, not to the process: `os.setPriority(0, n)` called
 * from a worker thread changes that thread alone (checked: /proc/self/task/<tid>/stat field 19
 * read 10 for the worker and 0 for the main thread and the others), and threads started later
 * from it inherit it. So each thread that trains lowers itself: fit-pool workers
 * (workers/fit-worker.ts) and histogram helpers (trees/hist-worker.ts) at start; the headless
 * hosts (serve, cli) lower their main thread, which fits in-process on small machines
 * (hosts/host-priority.ts). Electron's main thread is never lowered: it answers the window's IPC.
 * On macOS and Windows the same call sets the whole process's priority (Electron's main thread
 * included) from any thread, so threads lower themselves on Linux only; a refusal (EACCES, a
 * sandbox) is ignored: priority is a nicety, never a reason for a fit to fail.
 *
 * Raising a priority back needs privileges, so nothing here ever raises one; a thread that
 * trained at a lower priority dies at that priority (workers live for a run, helpers for a fit).
 */
import os from 'node:os';

/** `low`: training threads run at nice +10 (below normal); `normal`: at the priority they were started with. */
export type TrainingPriority = 'low' | 'normal';

/** The default: training yields the CPU to the window and to the rest of the desktop. */
export const DEFAULT_TRAINING_PRIORITY: TrainingPriority = 'low';

/** The nice value `low` asks for (os.constants.priority.PRIORITY_BELOW_NORMAL: 10). */
export const LOW_PRIORITY_NICE = os.constants.priority.PRIORITY_BELOW_NORMAL;

/**
 * The training priority set by `MLESTAR_TRAIN_PRIORITY` (`low` or `normal`; anything else, or
 * unset, gives the default). Worker threads inherit the environment, so one setting covers them.
 */
export function trainingPriority(env: NodeJS.ProcessEnv = process.env): TrainingPriority {
  const value = env.MLESTAR_TRAIN_PRIORITY?.trim().toLowerCase();
  return value === 'normal' || value === 'low' ? value : DEFAULT_TRAINING_PRIORITY;
}

/**
 * Lowers the calling thread's CPU priority to nice +10 when the setting is `low` and the thread
 * runs above that (never raises it). Linux only (elsewhere the call would lower the whole
 * process). Returns the thread's nice value afterwards, or null where it was not tried, was
 * refused, or cannot be read.
 */
export function lowerTrainingThreadPriority(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): number | null {
  if (platform !== 'linux') return null;
  try {
    const now = os.getPriority(0);
    if (trainingPriority(env) === 'low' && now < LOW_PRIORITY_NICE) os.setPriority(0, LOW_PRIORITY_NICE);
    return os.getPriority(0);
  } catch {
    return null;
  }
}
