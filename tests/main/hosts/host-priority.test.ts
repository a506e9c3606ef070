/**
 * The headless hosts lower their own priority: the main thread to nice +10, inherited by the
 * worker threads it starts later, and, where Linux autogroups are on and the host leads its own
 * session, that session's autogroup; `normal` leaves both. Each check runs in a child process (a
 * process cannot raise its priority back); only a detached child (a session of its own) may touch
 * an autogroup, never the test runner's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autogroupNiceOf, lowerHostAutogroup, sessionOf, type ProcFiles } from '../../../src/main/hosts/host-priority';

const MODULE = path.resolve(__dirname, '../../../src/main/hosts/host-priority.ts');

interface ChildAnswer {
  nice: number | null;
  worker: number;
  /** /proc/self/autogroup's nice value after the call (null: no autogroups). */
  autogroup: number | null;
}

/** Runs lowerHostPriority in a fresh Node process; its answer, the nice value of a worker started after it, and its autogroup. */
function inChild(env: NodeJS.ProcessEnv, detached = false): ChildAnswer {
  const script = `
    const fs = require('node:fs');
    const { Worker } = require('node:worker_threads');
    const m = require(${JSON.stringify(MODULE)});
    const nice = m.lowerHostPriority();
    let autogroup = null;
    try { autogroup = m.autogroupNiceOf(fs.readFileSync('/proc/self/autogroup', 'utf8')); } catch {}
    const w = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority(0))", { eval: true });
    w.once('message', (worker) => { process.stdout.write(JSON.stringify({ nice, worker, autogroup })); w.terminate(); });
  `;
  // `detached` (a session of its own, setsid) works for spawnSync too, though its type leaves it out.
  const options = { env: { ...process.env, ...env }, encoding: 'utf8' as const, timeout: 30_000, detached };
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], options);
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as ChildAnswer;
}

const readOr = (file: string): string | null => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};
const autogroupsOn = readOr('/proc/sys/kernel/sched_autogroup_enabled')?.trim() === '1' && readOr('/proc/self/autogroup') !== null;
const runnerAutogroup = (): number | null => autogroupNiceOf(readOr('/proc/self/autogroup') ?? '');

describe.runIf(process.platform === 'linux')('host priority (serve, cli)', () => {
  it('runs the host at nice +10 by default, and the threads it starts after that too', () => {
    const answer = inChild({ MLESTAR_TRAIN_PRIORITY: '' });
    expect({ nice: answer.nice, worker: answer.worker }).toEqual({ nice: 10, worker: 10 });
  });

  it('leaves it alone with MLESTAR_TRAIN_PRIORITY=normal', () => {
    const answer = inChild({ MLESTAR_TRAIN_PRIORITY: 'normal' });
    expect({ nice: answer.nice, worker: answer.worker }).toEqual({ nice: 0, worker: 0 });
  });

  it.runIf(autogroupsOn)("never lowers the autogroup of a session it does not lead (the test runner's)", () => {
    const before = runnerAutogroup();
    const answer = inChild({ MLESTAR_TRAIN_PRIORITY: '' });
    expect(answer.autogroup).toBe(before);
    expect(runnerAutogroup()).toBe(before);
  });

  it.runIf(autogroupsOn)("lowers its own session's autogroup to nice +10 when it leads it (started detached), not with normal", () => {
    expect(inChild({ MLESTAR_TRAIN_PRIORITY: '' }, true).autogroup).toBe(10);
    expect(inChild({ MLESTAR_TRAIN_PRIORITY: 'normal' }, true).autogroup).toBe(0);
  });
});

describe('host autogroup (Linux /proc, stand-in files)', () => {
  /** A /proc for process 4242 whose session is `session`, with autogroups on or off. */
  function proc(session: number, { enabled = '1', nice = 0, platform = 'linux' as NodeJS.Platform } = {}) {
    const writes: string[] = [];
    let groupNice = nice;
    const files: ProcFiles = {
      platform,
      pid: 4242,
      read(file) {
        if (file === '/proc/sys/kernel/sched_autogroup_enabled') return `${enabled}\n`;
        if (file === '/proc/self/stat') return `4242 (node (serve) x) S 4000 4242 ${session} 0 -1 4194560 100 0 0 0\n`;
        if (file === '/proc/self/autogroup') return `/autogroup-77 nice ${groupNice}\n`;
        throw new Error(`ENOENT ${file}`);
      },
      write(file, text) {
        writes.push(`${file}=${text}`);
        groupNice = Number(text);
      },
    };
    return { files, writes };
  }

  it('reads the session id past a command name holding spaces and parentheses, and the autogroup nice value', () => {
    expect(sessionOf('4242 (node (serve) x) S 4000 4242 4100 0 -1')).toBe(4100);
    expect(autogroupNiceOf('/autogroup-319 nice -3\n')).toBe(-3);
    expect(autogroupNiceOf('garbage')).toBeNull();
  });

  it('writes +10 for the session leader in low mode, and never raises a lower one', () => {
    const leader = proc(4242);
    expect(lowerHostAutogroup({}, leader.files)).toBe(10);
    expect(leader.writes).toEqual(['/proc/self/autogroup=10']);
    const lower = proc(4242, { nice: 15 });
    expect(lowerHostAutogroup({}, lower.files)).toBe(15);
    expect(lower.writes).toEqual([]);
  });

  it('does nothing in a session it does not lead, with normal priority, with autogroups off, or off Linux', () => {
    for (const [env, p] of [
      [{}, proc(4000)],
      [{ MLESTAR_TRAIN_PRIORITY: 'normal' }, proc(4242)],
      [{}, proc(4242, { enabled: '0' })],
      [{}, proc(4242, { platform: 'darwin' })],
    ] as const) {
      expect(lowerHostAutogroup(env, p.files)).toBeNull();
      expect(p.writes).toEqual([]);
    }
  });
});
