/**
 * The headless hosts (serve, cli) train at a lower CPU priority than the window that watches them
 * (see ml/priority.ts for why). Their window is another process (a browser), so the whole Node
 * process may yield: its main thread (which fits in-process on machines with fewer than 4 cores)
 * is lowered to nice +10 at start, before it starts any worker, and the threads it starts later
 * inherit that. On macOS and Windows the same call lowers the whole process.
 *
 * Not done: Linux's autogroup scheduling (on in many kernels, and on the test machines) shares the
 * CPU between sessions first and applies nice values only inside a session, so a browser started
 * in its own session gains little from the host's nice value. Raising the session's autogroup nice
 * (/proc/self/autogroup, allowed without privileges) was tried: on a loaded 2-core machine it did
 * not make the browser measurably smoother (long tasks 4 and 10 per run against 9–10 without) and
 * starved the runs (4 trials in a 25 s budget instead of 10), and it lowers every other program of
 * the user's terminal session too.
 *
 * Never used by the Electron host: its main thread answers the window's IPC.
 */
import os from 'node:os';
import { LOW_PRIORITY_NICE, trainingPriority } from '../ml/priority';

/**
 * Lowers this headless host's CPU priority when the training priority setting
 * (`MLESTAR_TRAIN_PRIORITY`) is `low`, the default; never raises it. Call once, at start.
 * Returns the main thread's nice value afterwards (null: unknown or refused).
 */
export function lowerHostPriority(env: NodeJS.ProcessEnv = process.env): number | null {
  try {
    if (trainingPriority(env) === 'low' && os.getPriority(0) < LOW_PRIORITY_NICE) os.setPriority(0, LOW_PRIORITY_NICE);
    return os.getPriority(0);
  } catch {
    return null;
  }
}
