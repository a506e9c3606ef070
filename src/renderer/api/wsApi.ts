/**
 * The StudioApi over a WebSocket (browser host). Framing is src/shared/ws-protocol.ts: requests
 * carry a numeric id that pairs them with their reply; pushed events carry a channel name.
 *
 * - Methods are generated from REQUEST_CHANNELS + methodNameOf, so a channel added to the
 *   contract appears here without touching this file.
 * - Calls made while disconnected wait in an outbox (up to `queueTimeoutMs`) and go out on the
 *   next open. Calls already sent when the socket drops answer with an error rather than being
 *   re-sent: the server may have acted on them (runs:start must not run twice).
 * - The socket reconnects with exponential backoff and jitter; listeners of `onState` hear about
 *   it so the app can reload its snapshots (events sent while disconnected are lost).
 * - Every method resolves to a Result; nothing here rejects.
 */
import { EVENT_CHANNELS, REQUEST_CHANNELS, methodNameOf } from '../../shared/contract';
import type { EventChannel, EventMap, RequestChannel, StudioApi } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { WsRequest } from '../../shared/ws-protocol';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of the DOM WebSocket this client uses (a fake one stands in for it in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WsApiOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles per failed attempt up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** How long a call may wait for a connection before it fails. */
  queueTimeoutMs?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
}

export interface WsClient {
  api: StudioApi;
  state(): ConnectionState;
  /** `reconnected` is true when the socket opened again after having been open before. */
  onState(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
  /** Close for good: no more reconnects; waiting calls fail. */
  close(): void;
}

const OPEN = 1;

interface Pending {
  channel: RequestChannel;
  frame: WsRequest;
  sent: boolean;
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

const failure = (message: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const isResult = (v: unknown): v is Result<unknown> =>
  isRecord(v) &&
  ((v.ok === true && 'data' in v) || (v.ok === false && isRecord(v.error) && typeof v.error.message === 'string'));

/** Reconnect delay for the n-th failed attempt (0-based): exponential, capped, with ±25 % jitter. */
export const backoffDelay = (attempt: number, initialMs: number, maxMs: number, random: () => number): number => {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.75 + 0.5 * random()));
};

export function createWsApi(options: WsApiOptions): WsClient {
  const {
    url,
    createSocket = (u: string) => new WebSocket(u) as unknown as SocketLike,
    initialDelayMs = 250,
    maxDelayMs = 5000,
    queueTimeoutMs = 15_000,
    random = Math.random,
  } = options;

  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let everOpened = false;
  let attempts = 0;
  let closedForGood = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const stateListeners = new Set<(state: ConnectionState, reconnected: boolean) => void>();
  const eventListeners = new Map<EventChannel, Set<(event: never) => void>>();

  const setState = (next: ConnectionState, reconnected = false) => {
    state = next;
    for (const l of [...stateListeners]) {
      try {
        l(next, reconnected);
      } catch (err) {
        console.error('connection listener failed', err);
      }
    }
  };

  const settle = (id: number, result: Result<unknown>) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (p.timer) clearTimeout(p.timer);
    p.resolve(result);
  };

  const trySend = (p: Pending): boolean => {
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(p.frame));
    } catch (err) {
      settle(p.frame.id, failure(`Could not send ${p.channel}: ${err instanceof Error ? err.message : String(err)}`));
      return true;
    }
    p.sent = true;
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    return true;
  };

  const onMessage = (raw: unknown) => {
    if (typeof raw !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      console.warn('ignoring a message that is not JSON');
      return;
    }
    if (!isRecord(msg)) return;
    if (typeof msg.id === 'number') {
      const p = pending.get(msg.id);
      if (!p) return;
      settle(msg.id, isResult(msg.result) ? msg.result : failure(`The server sent a malformed reply to ${p.channel}.`));
      return;
    }
    if (typeof msg.event === 'string' && (EVENT_CHANNELS as readonly string[]).includes(msg.event)) {
      const listeners = eventListeners.get(msg.event as EventChannel);
      for (const l of listeners ? [...listeners] : []) {
        try {
          l(msg.data as never);
        } catch (err) {
          console.error(`listener for ${msg.event} failed`, err);
        }
      }
    }
  };

  const scheduleReconnect = () => {
    if (closedForGood || reconnectTimer) return;
    const delay = backoffDelay(attempts, initialDelayMs, maxDelayMs, random);
    attempts += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const connect = () => {
    if (closedForGood) return;
    let s: SocketLike;
    try {
      s = createSocket(url);
    } catch (err) {
      console.error('could not open the WebSocket', err);
      setState('reconnecting');
      scheduleReconnect();
      return;
    }
    socket = s;
    s.onopen = () => {
      if (socket !== s) return;
      attempts = 0;
      const reconnected = everOpened;
      everOpened = true;
      for (const p of [...pending.values()]) if (!p.sent) trySend(p);
      setState('open', reconnected);
    };
    s.onmessage = (ev) => {
      if (socket === s) onMessage(ev.data);
    };
    s.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      for (const p of [...pending.values()]) {
        if (p.sent) {
          settle(
            p.frame.id,
            failure(`Lost the connection to the Studio server before it answered ${p.channel}. Check that it is still running, then try again.`),
          );
        }
      }
      if (closedForGood) {
        setState('closed');
        return;
      }
      setState('reconnecting');
      scheduleReconnect();
    };
  };

  const call = (channel: RequestChannel, payload: unknown): Promise<Result<unknown>> => {
    if (closedForGood) return Promise.resolve(failure('The connection to the Studio server is closed.'));
    return new Promise((resolve) => {
      const id = nextId++;
      const p: Pending = { channel, frame: { id, channel, payload }, sent: false, resolve, timer: null };
      pending.set(id, p);
      if (!trySend(p)) {
        p.timer = setTimeout(() => {
          settle(
            id,
            failure(`Can't reach the Studio server (${channel} waited ${Math.round(queueTimeoutMs / 1000)} s for a connection). Check that it is running, then try again.`),
          );
        }, queueTimeoutMs);
      }
    });
  };

  const methods: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    methods[methodNameOf(channel)] = (payload: unknown) => call(channel, payload ?? {});
  }
  methods.on = <E extends EventChannel>(channel: E, listener: (event: EventMap[E]) => void) => {
    let set = eventListeners.get(channel);
    if (!set) {
      set = new Set();
      eventListeners.set(channel, set);
    }
    const l = listener as (event: never) => void;
    set.add(l);
    return () => {
      set.delete(l);
    };
  };

  connect();

  return {
    api: methods as unknown as StudioApi,
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    close() {
      closedForGood = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      for (const id of [...pending.keys()]) settle(id, failure('The connection to the Studio server is closed.'));
      const s = socket;
      if (s) s.close();
      else setState('closed');
    },
  };
}
