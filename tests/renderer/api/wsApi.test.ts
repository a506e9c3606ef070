import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_CHANNELS, methodNameOf } from '../../../src/shared/contract';
import type { RunProgressEvent } from '../../../src/shared/domain';
import { backoffDelay, createWsApi, type SocketLike } from '../../../src/renderer/api/wsApi';
import { progress } from '../fixtures';

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: { id: number; channel: string; payload: unknown }[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  reply(id: number, result: unknown) {
    this.onmessage?.({ data: JSON.stringify({ id, result }) });
  }
  push(event: string, data: unknown) {
    this.onmessage?.({ data: JSON.stringify({ event, data }) });
  }
  static last(): FakeSocket {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }
}

const make = (over = {}) =>
  createWsApi({ url: 'ws://host/api', createSocket: (u) => new FakeSocket(u), random: () => 0.5, initialDelayMs: 100, maxDelayMs: 1000, queueTimeoutMs: 5000, ...over });

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createWsApi', () => {
  it('has one method per request channel, named by methodNameOf, plus on', () => {
    const { api } = make();
    for (const c of REQUEST_CHANNELS) expect(typeof (api as unknown as Record<string, unknown>)[methodNameOf(c)]).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(typeof api.datasetsUpload).toBe('function');
  });

  it('pairs replies with calls by id, whatever order they come back in', async () => {
    const { api } = make();
    const s = FakeSocket.last();
    s.open();
    const a = api.datasetsGet({ id: 'a' });
    const b = api.runsList({});
    expect(s.sent.map((f) => f.channel)).toEqual(['datasets:get', 'runs:list']);
    expect(s.sent[0].payload).toEqual({ id: 'a' });
    s.reply(s.sent[1].id, { ok: true, data: [] });
    s.reply(s.sent[0].id, { ok: false, error: { code: 'NOT_FOUND', message: 'no dataset a' } });
    expect(await b).toEqual({ ok: true, data: [] });
    expect(await a).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no dataset a' } });
  });

  it('queues calls until the socket opens', async () => {
    const { api } = make();
    const s = FakeSocket.last();
    const p = api.appInfo({});
    expect(s.sent).toHaveLength(0);
    s.open();
    expect(s.sent).toHaveLength(1);
    s.reply(s.sent[0].id, { ok: true, data: { version: '1' } });
    expect(await p).toMatchObject({ ok: true });
  });

  it('fails a queued call that waits too long for a connection', async () => {
    const { api } = make();
    const p = api.appInfo({});
    vi.advanceTimersByTime(5000);
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Can't reach the Studio server/);
  });

  it('answers in-flight calls with an error when the connection drops, and does not resend them', async () => {
    const { api } = make();
    const s = FakeSocket.last();
    s.open();
    const p = api.runsStart({ datasetId: 'd', target: 't', budgetSeconds: 60, seed: 42 });
    s.drop();
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Lost the connection.*runs:start/);
    vi.advanceTimersByTime(100);
    const s2 = FakeSocket.last();
    expect(s2).not.toBe(s);
    s2.open();
    expect(s2.sent).toHaveLength(0);
  });

  it('reconnects with growing delays and reports the reconnect', () => {
    const client = make();
    const states: [string, boolean][] = [];
    client.onState((st, re) => states.push([st, re]));
    FakeSocket.last().open();
    FakeSocket.last().drop();
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().drop(); // failed attempt: next delay doubles
    vi.advanceTimersByTime(199);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.last().open();
    expect(states).toEqual([
      ['open', false],
      ['reconnecting', false],
      ['reconnecting', false],
      ['open', true],
    ]);
    expect(client.state()).toBe('open');
  });

  it('delivers pushed events to listeners until they unsubscribe', () => {
    const { api } = make();
    const s = FakeSocket.last();
    s.open();
    const seen: RunProgressEvent[] = [];
    const off = api.on('run:progress', (e) => seen.push(e));
    s.push('run:progress', progress(1));
    s.push('unknown:event', {});
    off();
    s.push('run:progress', progress(2));
    expect(seen.map((e) => e.seq)).toEqual([1]);
  });

  it('survives garbage: non-JSON, unknown ids, malformed results', async () => {
    const { api } = make();
    const s = FakeSocket.last();
    s.open();
    const p = api.appInfo({});
    s.onmessage?.({ data: 'not json' });
    s.reply(999, { ok: true, data: 1 });
    s.reply(s.sent[0].id, { nonsense: true });
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/malformed/);
  });

  it('close() stops reconnecting and fails what is waiting', async () => {
    const client = make();
    const p = client.api.appInfo({});
    client.close();
    expect((await p).ok).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(client.state()).toBe('closed');
    expect((await client.api.runsList({})).ok).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap, with jitter within ±25 %', () => {
    expect(backoffDelay(0, 250, 5000, () => 0.5)).toBe(250);
    expect(backoffDelay(3, 250, 5000, () => 0.5)).toBe(2000);
    expect(backoffDelay(10, 250, 5000, () => 0.5)).toBe(5000);
    expect(backoffDelay(0, 1000, 5000, () => 0)).toBe(750);
    expect(backoffDelay(0, 1000, 5000, () => 0.999)).toBeLessThanOrEqual(1250);
  });
});
