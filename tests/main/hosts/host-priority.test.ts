/**
 * The headless hosts lower their own priority: the main thread to nice +10 and, where Linux
 * autogroups are on, their session's autogroup. Each check runs in a child process started in a
 * session of its own (detached), so nothing here lowers the test runner's session.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostPriority } from '../../../src/main/hosts/host-priority';

const MODULE = path.resolve(__dirname, '../../../src/main/hosts/host-priority.ts');

/** Runs lowerHostPriority in a fresh detached Node process; its answer and the autogroup it saw first. */
function inChild(env: NodeJS.ProcessEnv): { result: HostPriority; autogroupBefore: number | null } {
  const script = `
    const m = require(${JSON.stringify(MODULE)});
    const autogroupBefore = m.readAutogroupNice();
    const result = m.lowerHostPriority();
    process.stdout.write(JSON.stringify({ result, autogroupBefore }));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8', detached: true, timeout: 30_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { result: HostPriority; autogroupBefore: number | null };
}

describe.runIf(process.platform === 'linux')('host priority (serve, cli)', () => {
  it('runs the host at nice +10 by default, its session autogroup too where autogroups are on', () => {
    const { result, autogroupBefore } = inChild({ MLESTAR_TRAIN_PRIORITY: '' });
    expect(result.nice).toBe(10);
    if (autogroupBefore !== null) expect(result.autogroupNice).toBe(Math.max(10, autogroupBefore));
    else expect(result.autogroupNice).toBeNull();
  });

  it('leaves both alone with MLESTAR_TRAIN_PRIORITY=normal', () => {
    const { result, autogroupBefore } = inChild({ MLESTAR_TRAIN_PRIORITY: 'normal' });
    expect(result.nice).toBe(0);
    expect(result.autogroupNice).toBe(autogroupBefore);
  });
});
