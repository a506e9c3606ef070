/**
 * The Home runs table's query at scale: 10,000 runs seeded through the repositories into a real
 * SQLite file, then pages sorted, filtered and searched, each checked against the same rows
 * worked out here in plain code, and timed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/main/ports/repositories';
import type { RunQuery } from '../../../src/shared/domain';
import { PROFILE_NAMES } from '../../../src/shared/domain';
import { expectedPage, SEED_DATASETS, SEED_NOW as NOW, SEED_RUNS as RUNS, seedRuns, type Seeded } from '../../support/seed-runs';
import { DEFAULT_RUN_QUERY, likePattern } from '../../../src/main/db/repositories/run-query';
import { openStore } from '../../../src/main/db/store';
import { datasetRecord } from './helpers';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

describe('runs table query over 10,000 runs', () => {
  let store: Store;
  let seeded: Seeded[];
  let dir: string;
  let seedMs: number;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-runquery-'));
    store = openStore(dir);
    const t = timed(() => seedRuns(store, datasetRecord));
    seeded = t.value;
    seedMs = t.ms;
  }, 120_000);

  afterAll(() => {
    store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, Partial<RunQuery>][] = [
    ['the first page, newest first (defaults)', {}],
    ['a later page', { offset: 4_950, limit: 50 }],
    ['the last, partial page', { offset: 9_990, limit: 50 }],
    ['best score, ascending (no score last)', { sort: 'bestScore', direction: 'asc', limit: 200 }],
    ['best score, descending', { sort: 'bestScore', direction: 'desc', offset: 100 }],
    ['best score, best first across metrics of both directions', { sort: 'bestScore', direction: 'desc', status: ['succeeded'], datasetId: 'd0', limit: 500 }],
    ['dataset name', { sort: 'dataset', direction: 'asc', offset: 2_000 }],
    ['target, descending', { sort: 'target', direction: 'desc' }],
    ['metric', { sort: 'metric', direction: 'asc', offset: 3_333 }],
    ['status', { sort: 'status', direction: 'asc', offset: 7_000 }],
    ['duration (running runs up to now)', { sort: 'duration', direction: 'desc', limit: 100 }],
    ['a profile score', { sort: 'profile:fast-inference', direction: 'desc' }],
    ['another profile, ascending', { sort: 'profile:balanced', direction: 'asc', offset: 50 }],
    ['succeeded only', { status: ['succeeded'] }],
    ['failed or cancelled, by best score', { status: ['failed', 'cancelled'], sort: 'bestScore', direction: 'desc' }],
    ['one task', { task: 'binary', sort: 'startedAt', direction: 'asc' }],
    ['one metric', { metric: 'rmse', sort: 'bestScore', direction: 'asc' }],
    ['one dataset', { datasetId: 'd2', sort: 'duration', direction: 'asc' }],
    ['search a dataset name', { search: 'iris' }],
    ['search a target, filtered', { search: 'SPECIES', status: ['succeeded'], sort: 'bestScore' }],
    ['search part of a run id', { search: 'run-0420' }],
    ['search with LIKE wildcards taken literally', { search: '100%_s' }],
    ['search that matches nothing', { search: 'no such thing' }],
    ['everything at once', { search: 'e', status: ['succeeded', 'running'], task: 'multiclass', metric: 'accuracy', datasetId: 'd1', sort: 'profile:high-performance', direction: 'desc' }],
  ];

  it('seeds 10,000 runs through the repositories in a few seconds', () => {
    expect(store.runs.query({ limit: 1 }).total).toBe(RUNS);
    expect(seedMs).toBeLessThan(60_000);
  });

  it.each(cases)('answers %s with the right rows and total', (_name, partial) => {
    const q: RunQuery = { ...DEFAULT_RUN_QUERY, ...partial };
    const page = store.runs.query(q, NOW);
    const want = expectedPage(seeded, q);
    expect(page.total).toBe(want.total);
    expect(page.rows.map((r) => r.id)).toEqual(want.ids);
    expect(page.offset).toBe(q.offset);
    expect(page.limit).toBe(q.limit);
  });

  it('answers every page in well under 100 ms', () => {
    const times: number[] = [];
    for (const [, partial] of cases) {
      store.runs.query(partial, NOW); // prepare the statement
      const runs = [0, 1, 2].map(() => timed(() => store.runs.query(partial, NOW)).ms);
      times.push(Math.min(...runs));
      if (process.env.RUN_QUERY_TIMES) console.log(JSON.stringify(partial), Math.min(...runs).toFixed(1));
    }
    const worst = Math.max(...times);
    console.log(`runs:query over ${RUNS} runs: median ${[...times].sort((a, b) => a - b)[times.length >> 1].toFixed(1)} ms, worst ${worst.toFixed(1)} ms`);
    // Measured at a few ms on a 2-core machine; 100 ms leaves room for a busy one.
    expect(worst).toBeLessThan(100);
  });

  it('returns summaries with the profile scores copied from the report, and the facets of all runs', () => {
    const page = store.runs.query({ search: 'run-00000-' }, NOW);
    expect(page.rows).toHaveLength(1);
    const [row] = page.rows;
    const run = seeded[0];
    expect(row).toMatchObject({ id: run.id, datasetName: 'Telco churn', target: 'churn', status: 'succeeded', task: 'regression', metric: 'rmse', greaterIsBetter: false });
    expect(row.profileScores).toEqual(run.profileScores);
    expect(Object.keys(row.profileScores).sort()).toEqual([...PROFILE_NAMES].sort());
    expect(store.runs.query({ search: seeded[5].id }).rows[0].profileScores).toEqual({});
    expect(page.facets.datasets).toEqual(
      SEED_DATASETS.map((name, i) => ({ id: `d${i}`, name, runs: RUNS / SEED_DATASETS.length })).sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase())),
    );
    expect(page.facets.metrics).toEqual(['accuracy', 'rmse', 'roc_auc']);
    expect(page.facets.tasks).toEqual(['binary', 'multiclass', 'regression']);
  });
});

describe('likePattern', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(likePattern('a%b_c\\d')).toBe('%a\\%b\\_c\\\\d%');
  });
});

describe('best score sort across metric directions', () => {
  it('puts the best run first whichever way its metric goes (RMSE lower is better, AUC higher)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-runquery-dir-'));
    const store = openStore(dir);
    try {
      store.datasets.insert(datasetRecord('d0', { name: 'mixed' }));
      const runs = [
        { id: 'rmse-good', metric: 'rmse', greaterIsBetter: false, bestScore: 0.1 },
        { id: 'rmse-bad', metric: 'rmse', greaterIsBetter: false, bestScore: 0.9 },
        { id: 'auc-good', metric: 'roc_auc', greaterIsBetter: true, bestScore: 0.95 },
        { id: 'auc-bad', metric: 'roc_auc', greaterIsBetter: true, bestScore: 0.55 },
      ];
      runs.forEach((r, i) => {
        store.runs.create({ id: r.id, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), settings: { datasetId: 'd0', target: 't', budgetSeconds: 60, seed: 1 } });
        store.runs.update(r.id, { metric: r.metric, greaterIsBetter: r.greaterIsBetter, status: 'succeeded', bestScore: r.bestScore });
      });
      const ids = (direction: 'asc' | 'desc') => store.runs.query({ sort: 'bestScore', direction }).rows.map((r) => r.id);
      // Best first: -0.1 > -0.9 for RMSE; AUC as it is.
      expect(ids('desc')).toEqual(['auc-good', 'auc-bad', 'rmse-good', 'rmse-bad']);
      expect(ids('asc')).toEqual(['rmse-bad', 'rmse-good', 'auc-bad', 'auc-good']);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
