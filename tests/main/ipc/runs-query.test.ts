/**
 * `runs:query` through the real request handler: the contract's limits turn bad requests into
 * clear INVALID_REQUEST errors, and a good one is answered from SQLite with its defaults.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { createRequestHandler, type RequestHandler } from '../../../src/main/ipc/request-handler';
import { tempDir } from '../../support/datasets';

describe('runs:query', () => {
  let dir: string;
  let studio: StudioServices;
  let handle: RequestHandler;

  beforeEach(() => {
    dir = tempDir();
    studio = createStudio({ dataDir: dir, host: 'serve' });
    handle = createRequestHandler(studio);
  });
  afterEach(async () => {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers an empty page with its defaults and no facets when there are no runs', async () => {
    expect(await handle('runs:query', {})).toEqual({
      ok: true,
      data: { rows: [], total: 0, offset: 0, limit: 50, facets: { datasets: [], metrics: [], tasks: [] } },
    });
  });

  it.each([
    ['a page over 200 rows', { limit: 201 }, /limit/],
    ['a negative offset', { offset: -1 }, /offset/],
    ['an unknown sort key', { sort: 'settings_json' }, /sort/],
    ['SQL as a direction', { direction: 'asc; DROP TABLE runs' }, /direction/],
    ['a search over 200 characters', { search: 'x'.repeat(201) }, /search/],
    ['an unknown status', { status: ['exploded'] }, /status/],
    ['a dataset id with a path in it', { datasetId: '../x' }, /datasetId/],
    ['an unknown field', { orderBy: 'id' }, /orderBy|unrecognized/i],
  ])('refuses %s', async (_label, payload, where) => {
    const result = await handle('runs:query', payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_REQUEST');
      expect(result.error.message).toMatch(where);
    }
  });
});
