import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { openStore } from '../../../src/main/db/store';
import { datasetPath, tempDir } from '../../support/datasets';

describe('run lifecycle', () => {
  let dir: string;
  let studio: StudioServices;

  beforeEach(() => {
    dir = tempDir();
    studio = createStudio({ dataDir: dir, host: 'cli' });
  });
  afterEach(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cancels a running run and leaves every phase and task in a final state', async () => {
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    const { runId } = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 60, seed: 1 });
    await new Promise<void>((resolve) => {
      const off = studio.runs.onProgress((e) => {
        if (e.runId === runId && e.tasks.some((t) => t.status === 'running' && t.phase === 'foundation')) {
          off();
          resolve();
        }
      });
    });
    expect(studio.runs.cancel(runId)).toEqual({ cancelled: true });
    expect(await studio.runs.waitFor(runId)).toBe('cancelled');
    const run = studio.runs.get(runId);
    expect(run.status).toBe('cancelled');
    expect(run.finishedAt).not.toBeNull();
    expect(run.phases.find((p) => p.name === 'search')?.status).toBe('succeeded');
    expect(run.phases.find((p) => p.name === 'foundation')?.status).toBe('cancelled');
    expect(run.phases.filter((p) => p.status === 'running' || p.status === 'pending')).toEqual([]);
    expect(run.tasks.filter((t) => t.status === 'running' || t.status === 'queued')).toEqual([]);
    expect(studio.runs.cancel(runId)).toEqual({ cancelled: false });
  });

  it('resumes a cancelled run from its last finished task without redoing finished phases', async () => {
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    const { runId } = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 30, seed: 5 });
    await new Promise<void>((resolve) => {
      const off = studio.runs.onProgress((e) => {
        if (e.runId === runId && e.tasks.some((t) => t.phase === 'refinement' && t.status === 'succeeded')) {
          off();
          resolve();
        }
      });
    });
    studio.runs.cancel(runId);
    expect(await studio.runs.waitFor(runId)).toBe('cancelled');
    const before = studio.runs.get(runId);
    const trialsBefore = studio.store.trials.list(runId);
    expect(before.phases.find((p) => p.name === 'foundation')?.status).toBe('succeeded');
    expect(() => studio.runs.resume('no-such-run')).toThrow(/does not exist/);

    expect(studio.runs.resume(runId)).toEqual({ runId });
    expect(() => studio.runs.resume(runId)).toThrow(/already running/);
    expect(await studio.runs.waitFor(runId)).toBe('succeeded');
    const after = studio.runs.get(runId);
    expect(after.phases.every((p) => p.status === 'succeeded')).toBe(true);
    const tasksOf = (run: typeof before, phase: string): number => run.tasks.filter((t) => t.phase === phase).length;
    expect(tasksOf(after, 'search')).toBe(tasksOf(before, 'search'));
    expect(tasksOf(after, 'foundation')).toBe(tasksOf(before, 'foundation'));
    const trialsAfter = studio.store.trials.list(runId);
    expect(trialsAfter.slice(0, trialsBefore.length)).toEqual(trialsBefore);
    // Every completed trial is a leaderboard entry; the refinement's pruned trials are not.
    expect(after.report?.leaderboard.length).toBe(trialsAfter.filter((t) => t.status === 'complete').length);
    expect(after.logs.some((l) => l.message.startsWith('Resumed with'))).toBe(true);
    expect(() => studio.runs.resume(runId)).toThrow(/only an interrupted or cancelled run/);
  });

  it('runs two runs at once to the end, each with its own results', async () => {
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    const a = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 8, seed: 1 });
    const b = studio.runs.start({ datasetId: dataset.id, target: 'churn', budgetSeconds: 8, seed: 2 });
    expect(await Promise.all([studio.runs.waitFor(a.runId), studio.runs.waitFor(b.runId)])).toEqual(['succeeded', 'succeeded']);
    const [ra, rb] = [studio.runs.get(a.runId), studio.runs.get(b.runId)];
    expect(ra.report?.profiles[0].dir).not.toBe(rb.report?.profiles[0].dir);
    expect(new Set(ra.tasks.map((t) => t.id)).size + new Set(rb.tasks.map((t) => t.id)).size).toBe(ra.tasks.length + rb.tasks.length);
    expect(ra.tasks.every((t) => t.status === 'succeeded') && rb.tasks.every((t) => t.status === 'succeeded')).toBe(true);
  });

  it('marks a run left running by a crash as interrupted at the next start', async () => {
    const dataset = await studio.datasets.importPath(datasetPath('telco_churn.csv'));
    await studio.close();
    // Simulate a crash: a run row written as running by a process that died.
    const store = openStore(dir);
    store.runs.create({ id: 'crashed-run', settings: { datasetId: dataset.id, target: 'churn', budgetSeconds: 30, seed: 1 }, createdAt: new Date().toISOString() });
    store.phases.createAll('crashed-run', ['search', 'foundation', 'refinement', 'ensemble', 'validation']);
    store.runs.update('crashed-run', { status: 'running', startedAt: new Date().toISOString() });
    store.phases.update('crashed-run', 'search', { status: 'running' });
    const task = store.tasks.create('crashed-run', 'search', 'read and prepare the data');
    store.tasks.update(task, { status: 'running' });
    store.close();

    studio = createStudio({ dataDir: dir, host: 'cli' });
    expect(studio.interruptedAtStart).toEqual(['crashed-run']);
    const run = studio.runs.get('crashed-run');
    expect(run.status).toBe('interrupted');
    expect(run.phases.find((p) => p.name === 'search')?.status).toBe('interrupted');
    expect(run.tasks[0].status).toBe('interrupted');
  });

  it('refuses an unknown target or a single-valued one before creating anything', async () => {
    const file = path.join(dir, 'one-value.csv');
    fs.writeFileSync(file, 'x,y,const\n1,a,k\n2,b,k\n3,a,k\n4,b,k\n');
    const dataset = await studio.datasets.importPath(file);
    expect(() => studio.runs.start({ datasetId: dataset.id, target: 'nope', budgetSeconds: 10, seed: 1 })).toThrow(/"nope" is not in one-value\.csv.*"x", "y", "const"/);
    expect(() => studio.runs.start({ datasetId: dataset.id, target: 'const', budgetSeconds: 10, seed: 1 })).toThrow(/single value \(k\)/);
    expect(studio.runs.list()).toEqual([]);
  });
});
