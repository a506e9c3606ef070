/**
 * The headless hosts (serve, cli) train at a lower CPU priority than the window that watches them
 * (see ml/priority.ts for why). Their window is another process (a browser), so the whole Node
 * process may yield: its main thread (which fits in-process on machines with fewer than 4 cores)
 * is lowered to nice +10 at start, before it starts any worker, and the threads it starts later
 * inherit that. On macOS and Windows the same call lowers the whole process.
 *
 * Linux autogroups (`/proc/sys/kernel/sched_autogroup_enabled`, on in many kernels and on the test
 * machines; man 7 sched) share the CPU between sessions first and apply nice values only inside a
 * session, so a browser started in its own session (a desktop browser, Playwright's Chromium)
 * still gets only half of a busy CPU against a host at nice +10. When the host leads a session of
 * its own (started detached or with `setsid`, by a service manager, or by the live-run e2e test), that
 * session holds only the host, and the host also sets its autogroup's nice to +10 (no privileges
 * needed): the scheduler then shares the CPU between the sessions the way nice +10 shares it inside
 * one, so the window runs first whenever it has work and the training takes everything the window
 * leaves idle. Measured on the shared 2-core test machine (other sessions' load 2–4) with the
 * Live run view streaming a 25 s run, 6 runs each way, after the view stopped drawing every
 * frame: 18 tasks of the page over 50 ms (up to 131 ms) at nice +10 in the test runner's session,
 * 7 (up to 75 ms) with the host's own autogroup at +10, and 0–1 with the same event stream
 * replayed without any training; the runs made as many trials (31–47 against 32–35) until the
 * other sessions' load rose, when the lowered host made fewer (10–14 against 17–30): training
 * yields to everything else, which is what `low` asks for. Never done in a session the host does
 * not lead (a terminal's): that would lower the shell and every other program of the session too
 * (an earlier version did that, and with it the test runner that drove the browser).
 *
 * Never used by the Electron host: its main thread answers the window's IPC.
 */
import fs from 'node:fs';
import os from 'node:os';
import { LOW_PRIORITY_NICE, trainingPriority } from '../ml/priority';

/**
 * Lowers this headless host's CPU priority when the training priority setting
 * (`MLESTAR_TRAIN_PRIORITY`) is `low`, the default; never raises it. Call once, at start.
 * Returns the main thread's nice value afterwards (null: unknown or refused). Also lowers the
 * host's autogroup where it leads its own session (lowerHostAutogroup).
 */
export function lowerHostPriority(env: NodeJS.ProcessEnv = process.env): number | null {
  lowerHostAutogroup(env);
  try {
    if (trainingPriority(env) === 'low' && os.getPriority(0) < LOW_PRIORITY_NICE) os.setPriority(0, LOW_PRIORITY_NICE);
    return os.getPriority(0);
  } catch {
    return null;
  }
}

/** What lowerHostAutogroup reads and writes: this process and its /proc (tests pass their own). */
export interface ProcFiles {
  platform: NodeJS.Platform;
  pid: number;
  read(file: string): string;
  write(file: string, text: string): void;
}

const realProc: ProcFiles = {
  platform: process.platform,
  pid: process.pid,
  read: (file) => fs.readFileSync(file, 'utf8'),
  write: (file, text) => fs.writeFileSync(file, text),
};

/** The session id in /proc/<pid>/stat (the 6th field; the 2nd, the command, may hold spaces and parentheses). */
export function sessionOf(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const session = Number(fields[3]);
  return Number.isInteger(session) ? session : null;
}

/** The nice value in /proc/<pid>/autogroup ("/autogroup-319 nice 0"), or null. */
export function autogroupNiceOf(text: string): number | null {
  const match = /nice\s+(-?\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * Sets the autogroup of this host's session to nice +10 when the setting is `low`, autogroups are
 * on, the host leads its own session, and the group runs above that (never raises it). Returns
 * the autogroup's nice value afterwards, or null where it was not tried (not Linux, autogroups off,
 * a session the host does not lead, `normal`), was refused, or cannot be read.
 */
export function lowerHostAutogroup(env: NodeJS.ProcessEnv = process.env, proc: ProcFiles = realProc): number | null {
  if (proc.platform !== 'linux' || trainingPriority(env) !== 'low') return null;
  try {
    if (proc.read('/proc/sys/kernel/sched_autogroup_enabled').trim() !== '1') return null;
    if (sessionOf(proc.read('/proc/self/stat')) !== proc.pid) return null;
    const nice = autogroupNiceOf(proc.read('/proc/self/autogroup'));
    if (nice === null) return null;
    if (nice < LOW_PRIORITY_NICE) proc.write('/proc/self/autogroup', String(LOW_PRIORITY_NICE));
    return autogroupNiceOf(proc.read('/proc/self/autogroup'));
  } catch {
    // Refused (a sandbox, a read-only /proc, no autogroup support): the nice value is all there is.
    return null;
  }
}
