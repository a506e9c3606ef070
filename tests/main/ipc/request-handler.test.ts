import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type StudioServices } from '../../../src/main/app/composition';
import { createRequestHandler, type RequestHandler } from '../../../src/main/ipc/request-handler';
import { tempDir } from '../../support/datasets';

describe('request handler', () => {
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

  it('answers valid requests with data', async () => {
    expect(await handle('datasets:list', {})).toEqual({ ok: true, data: [] });
    const info = await handle('app:info', {});
    expect(info.ok && info.data).toMatchObject({ host: 'serve', canPickPaths: false, sample: { target: 'churn' } });
  });

  it.each([
    ['unknown channel', 'datasets:explode', {}, 'INVALID_REQUEST'],
    ['wrong type', 'runs:get', { id: 42 }, 'INVALID_REQUEST'],
    ['extra field', 'runs:list', { sneaky: true }, 'INVALID_REQUEST'],
    ['path-like id', 'datasets:get', { id: '../../etc/passwd' }, 'INVALID_REQUEST'],
    ['unknown id', 'runs:get', { id: 'no-such-run' }, 'NOT_FOUND'],
    ['budget too small', 'runs:start', { datasetId: 'x', target: 'y', budgetSeconds: 1, seed: 1 }, 'INVALID_REQUEST'],
    ['path import on a host without dialogs', 'datasets:importPath', { path: '/etc/passwd' }, 'NOT_SUPPORTED'],
  ])('refuses %s with an error as data', async (_label, channel, payload, code) => {
    const result = await handle(channel, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  });

  it('turns bad files into BAD_INPUT and writes nothing', async () => {
    for (const [fileName, text] of [
      ['empty.csv', ''],
      ['binary.csv', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000'],
      ['ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n'],
    ]) {
      const result = await handle('datasets:upload', { fileName, text });
      expect(result.ok, fileName).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('BAD_INPUT');
        expect(result.error.message).toContain(fileName);
      }
    }
    expect(await handle('datasets:list', {})).toEqual({ ok: true, data: [] });
    const datasetsDir = path.join(dir, 'datasets');
    expect(fs.existsSync(datasetsDir) ? fs.readdirSync(datasetsDir) : []).toEqual([]);
  });

  it('imports the same content once', async () => {
    const text = 'x,y\n1,a\n2,b\n3,a\n4,b\n';
    const first = await handle('datasets:upload', { fileName: 'small.csv', text });
    const second = await handle('datasets:upload', { fileName: 'small-again.csv', text });
    expect(first.ok && second.ok && first.data).toEqual(second.ok && second.data);
  });
});
