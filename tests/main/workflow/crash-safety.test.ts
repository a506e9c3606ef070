/**
 * Kills a real CLI run with SIGKILL at several points (start-up, import, training, export) and
 * checks what the next start finds: a database passing integrity_check, the run marked
 * interrupted, its finished trials intact, and no half-written profile folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/app/composition';
import { DATABASE_FILE_NAME } from '../../../src/main/db/store';
import { REPO_ROOT, datasetPath, tempDir } from '../../support/datasets';

const KILL_AFTER_MS = [900, 1600, 2300, 3000, 3800, 4800, 6000];

function runAndKill(dataDir: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli/main.ts', 'run', datasetPath('telco_churn.csv'), '--target', 'churn', '--budget', '6', '--data-dir', dataDir, '--out', path.join(dataDir, 'out')], { cwd: REPO_ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('crash safety', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir('mlestar-crash-')));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`survives SIGKILL at ${KILL_AFTER_MS.length} points of a run`, async () => {
    const dataDir = path.join(dir, 'data');
    for (const afterMs of KILL_AFTER_MS) await runAndKill(dataDir, afterMs);

    const db = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const trialsBefore = db.prepare('SELECT COUNT(*) AS n FROM trials').get() as { n: number };
    db.close();

    let studio = createStudio({ dataDir, host: 'cli' });
    try {
      const runs = studio.runs.list();
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) {
        expect(['interrupted', 'succeeded']).toContain(run.status);
        const detail = studio.runs.get(run.id);
        expect(detail.tasks.filter((t) => t.status === 'running' || t.status === 'queued')).toEqual([]);
        expect(detail.phases.filter((p) => p.status === 'running')).toEqual([]);
        const profilesDir = path.join(dataDir, 'runs', run.id, 'profiles');
        for (const entry of fs.existsSync(profilesDir) ? fs.readdirSync(profilesDir) : []) {
          expect(entry.startsWith('.'), `temporary folder ${entry} left behind`).toBe(false);
          for (const file of ['model.onnx', 'profile.json', 'model-card.md']) expect(fs.existsSync(path.join(profilesDir, entry, file)), `${entry}/${file}`).toBe(true);
        }
      }
      const trialsAfter = runs.reduce((n, r) => n + studio.store.trials.list(r.id).length, 0);
      expect(trialsAfter).toBe(trialsBefore.n);
      const interrupted = runs.find((r) => r.status === 'interrupted');
      expect(interrupted, 'at least one kill must land mid-run').toBeDefined();
      if (interrupted) {
        await studio.close();
        const resumed = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli/main.ts', 'resume', interrupted.id, '--data-dir', dataDir, '--out', path.join(dir, 'resumed')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
        expect(resumed.stderr + resumed.stdout).toMatch(/succeeded/);
        expect(resumed.status).toBe(0);
        expect(fs.existsSync(path.join(dir, 'resumed', 'high-performance', 'model.onnx'))).toBe(true);
        studio = createStudio({ dataDir, host: 'cli' });
        expect(studio.runs.get(interrupted.id).status).toBe('succeeded');
      }
      console.log(`crash safety: ${KILL_AFTER_MS.length} kill points, ${runs.length} runs (${runs.filter((r) => r.status === 'interrupted').length} interrupted), ${trialsAfter} trials kept`);
    } finally {
      await studio.close();
    }
  });
});
