/**
 * Picks how the window talks to the main side, once, at start:
 * - Electron: the preload exposes `window.api` (named methods over IPC).
 * - Browser (serve host): no `window.api`; build the same StudioApi over a WebSocket to
 *   `ws(s)://<host>/api`.
 * Either way the API is wrapped so that a call that throws or rejects (a bug, a dropped IPC
 * channel) still answers with a Result: the window never has to catch.
 */
import { REQUEST_CHANNELS, methodNameOf } from '../../shared/contract';
import type { StudioApi } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { WS_PATH } from '../../shared/ws-protocol';
import { createWsApi, type ConnectionState, type WsClient } from './wsApi';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a plain browser. */
    api?: StudioApi;
  }
}

export interface Bridge {
  kind: 'electron' | 'websocket';
  api: StudioApi;
  /** Connection state and changes; for Electron IPC the connection is always 'open'. */
  connection: Pick<WsClient, 'state' | 'onState'>;
}

type AnyMethod = (payload: unknown) => Promise<Result<unknown>>;

/** Wraps every method of an API so that throws and rejections become `{ ok: false }` results. */
export function guardApi(raw: StudioApi): StudioApi {
  const source = raw as unknown as Record<string, AnyMethod>;
  const guarded: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    const name = methodNameOf(channel);
    guarded[name] = async (payload: unknown): Promise<Result<unknown>> => {
      const method = source[name];
      if (typeof method !== 'function') {
        return { ok: false, error: { code: 'NOT_SUPPORTED', message: `This host does not offer ${channel}.` } };
      }
      try {
        const result = await method(payload ?? {});
        if (result && typeof result === 'object' && 'ok' in result) return result;
        return { ok: false, error: { code: 'INTERNAL', message: `${channel} answered with something that is not a result.` } };
      } catch (err) {
        return { ok: false, error: { code: 'INTERNAL', message: `${channel} failed: ${err instanceof Error ? err.message : String(err)}` } };
      }
    };
  }
  guarded.on = raw.on.bind(raw);
  return guarded as unknown as StudioApi;
}

const alwaysOpen: Bridge['connection'] = {
  state: (): ConnectionState => 'open',
  onState: () => () => undefined,
};

/** The WebSocket URL of the serve host that served this page. */
export const wsUrlFor = (loc: Pick<Location, 'protocol' | 'host'>): string =>
  `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${WS_PATH}`;

export function pickBridge(win: Window = window): Bridge {
  if (win.api) return { kind: 'electron', api: guardApi(win.api), connection: alwaysOpen };
  const client = createWsApi({ url: wsUrlFor(win.location) });
  return { kind: 'websocket', api: guardApi(client.api), connection: client };
}
