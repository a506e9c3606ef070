/**
 * The headless hosts lower their own priority: the main thread to nice +10, inherited by the
 * worker threads it starts later; `normal` leaves it. Each check runs in a child process (a
 * process cannot raise its priority back).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULE = path.resolve(__dirname, '../../../src/main/hosts/host-priority.ts');

/** Runs lowerHostPriority in a fresh Node process; its answer and the nice value of a worker started after it. */
function inChild(env: NodeJS.ProcessEnv): { nice: number | null; worker: number } {
  const script = `
    const os = require('node:os');
    const { Worker } = require('node:worker_threads');
    const nice = require(${JSON.stringify(MODULE)}).lowerHostPriority();
    const w = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority(0))", { eval: true });
    w.once('message', (worker) => { process.stdout.write(JSON.stringify({ nice, worker })); w.terminate(); });
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { nice: number | null; worker: number };
}

describe.runIf(process.platform === 'linux')('host priority (serve, cli)', () => {
  it('runs the host at nice +10 by default, and the threads it starts after that too', () => {
    expect(inChild({ MLESTAR_TRAIN_PRIORITY: '' })).toEqual({ nice: 10, worker: 10 });
  });

  it('leaves it alone with MLESTAR_TRAIN_PRIORITY=normal', () => {
    expect(inChild({ MLESTAR_TRAIN_PRIORITY: 'normal' })).toEqual({ nice: 0, worker: 0 });
  });
});
