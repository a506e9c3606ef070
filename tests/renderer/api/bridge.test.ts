import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../../../src/shared/contract';
import { guardApi, pickBridge, wsUrlFor } from '../../../src/renderer/api/bridge';
import { fakeApi, okResult } from '../fixtures';

describe('bridge', () => {
  it('builds the WebSocket URL from the page location', () => {
    expect(wsUrlFor({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api');
    expect(wsUrlFor({ protocol: 'https:', host: 'box.example' })).toBe('wss://box.example/api');
  });

  it('uses window.api when the preload provides it', async () => {
    const fake = fakeApi();
    fake.handle('appInfo', () => okResult({ version: '1' }));
    const bridge = pickBridge({ api: fake.api } as unknown as Window);
    expect(bridge.kind).toBe('electron');
    expect(bridge.connection.state()).toBe('open');
    expect(await bridge.api.appInfo({})).toEqual({ ok: true, data: { version: '1' } });
  });

  it('turns throws, rejections and missing methods into error results', async () => {
    const raw = {
      appInfo: () => {
        throw new Error('boom');
      },
      runsList: () => Promise.reject(new Error('channel closed')),
      datasetsList: () => Promise.resolve(undefined),
      on: () => () => undefined,
    } as unknown as StudioApi;
    const api = guardApi(raw);
    expect(await api.appInfo({})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'app:info failed: boom' } });
    expect(await api.runsList({})).toMatchObject({ ok: false, error: { message: 'runs:list failed: channel closed' } });
    expect(await api.datasetsList({})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await api.runsCancel({ id: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
  });
});
