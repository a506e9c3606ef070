/**
 * The headless hosts (serve, cli) train at a lower CPU priority than the window that watches them
 * (see ml/priority.ts for why). Their window is another process (a browser), so the whole Node
 * process may yield: its main thread (which fits in-process on machines with fewer than 4 cores)
 * is lowered to nice +10 at start, before it starts any worker, and the threads it starts later
 * inherit that. On macOS and Windows the same call lowers the whole process.
 *
 * Linux's autogroup scheduling (on by default in many kernels, and on the test machines) shares
 * the CPU fairly between sessions first and applies nice values only inside a session, so a
 * browser started in its own session (Playwright's Chromium, a desktop browser) gains nothing from
 * the host's nice value alone. Where autogroups are on, the host also raises its session's
 * autogroup nice to +10 (allowed without privileges) and puts the previous value back when it
 * exits. That lowers the other programs of the host's session too (the terminal's shell, a test
 * runner) while the host runs, which is the trade a user asks for with the `low` setting.
 *
 * Never used by the Electron host: its main thread answers the window's IPC.
 */
import fs from 'node:fs';
import os from 'node:os';
import { LOW_PRIORITY_NICE, trainingPriority } from '../ml/priority';

const AUTOGROUP = '/proc/self/autogroup';
const AUTOGROUP_ENABLED = '/proc/sys/kernel/sched_autogroup_enabled';

export interface HostPriority {
  /** The main thread's nice value after the call (null: unknown or refused). */
  nice: number | null;
  /** The session autogroup's nice value now, where autogroups are on (else null). */
  autogroupNice: number | null;
}

/** The autogroup's nice value from /proc/self/autogroup ("/autogroup-319 nice 0"), or null. */
export function readAutogroupNice(): number | null {
  try {
    if (fs.readFileSync(AUTOGROUP_ENABLED, 'utf8').trim() !== '1') return null;
    const match = /nice\s+(-?\d+)/.exec(fs.readFileSync(AUTOGROUP, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Lowers this headless host's CPU priority when the training priority setting
 * (`MLESTAR_TRAIN_PRIORITY`) is `low`, the default; never raises it. Call once, at start.
 */
export function lowerHostPriority(env: NodeJS.ProcessEnv = process.env): HostPriority {
  const low = trainingPriority(env) === 'low';
  let nice: number | null = null;
  try {
    if (low && os.getPriority(0) < LOW_PRIORITY_NICE) os.setPriority(0, LOW_PRIORITY_NICE);
    nice = os.getPriority(0);
  } catch {
    nice = null;
  }
  let autogroupNice = readAutogroupNice();
  if (low && autogroupNice !== null && autogroupNice < LOW_PRIORITY_NICE) {
    const previous = autogroupNice;
    try {
      fs.writeFileSync(AUTOGROUP, String(LOW_PRIORITY_NICE));
      autogroupNice = readAutogroupNice();
      process.once('exit', () => {
        try {
          fs.writeFileSync(AUTOGROUP, String(previous));
        } catch {
          // The session keeps the lower priority; nothing else to do on the way out.
        }
      });
    } catch {
      // Refused (a sandbox, a read-only /proc): the thread's nice value is all there is.
    }
  }
  return { nice, autogroupNice };
}
