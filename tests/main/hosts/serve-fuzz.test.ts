/**
 * Hostile input over the browser host's real WebSocket: every request channel fed invalid
 * payloads (wrong types, huge strings, path traversal, unknown ids, prototype tricks) and
 * malformed frames. Each is refused with a clear error as data; the host stays up; other
 * origins cannot connect.
 */
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVE_CSP } from '../../../src/main/app/csp';
import { startServeHost, type ServeHost } from '../../../src/main/hosts/serve/server';
import { REQUEST_CHANNELS, requestSchemas } from '../../../src/shared/contract';
import type { WsResponse } from '../../../src/shared/ws-protocol';
import { tempDir } from '../../support/datasets';
import { fieldsOf } from '../../support/schema-fuzz';

const HOSTILE_VALUES: unknown[] = [
  null,
  42,
  -1,
  'text',
  true,
  [],
  [1, 2, 3],
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  'x'.repeat(2_000_000),
  '../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\system32',
  '\u0000',
  '<script>alert(1)</script>',
  1e308,
  { nested: { deeper: { deepest: 'x'.repeat(10_000) } } },
];

/** Every field name any request schema has (so channels added later are fuzzed field by field too). */
const FIELDS = [...new Set(REQUEST_CHANNELS.flatMap((c) => fieldsOf(requestSchemas[c])))];

/** Every hostile value as the whole payload and in every field name the contract uses. */
function hostilePayloads(): unknown[] {
  const out: unknown[] = [...HOSTILE_VALUES];
  // The 2 MB string goes in two fields only (1.4 GB over the socket in all of them); the in-process
  // fuzz (tests/main/ipc/request-fuzz.test.ts) puts huge strings in every field.
  const huge = (v: unknown): boolean => typeof v === 'string' && v.length > 100_000;
  for (const field of FIELDS) for (const value of HOSTILE_VALUES) if (!huge(value) || field === 'id' || field === 'path') out.push({ [field]: value });
  out.push({ id: 'no-such-thing' }, { datasetId: 'no-such-dataset', target: 'y', budgetSeconds: 10, seed: 1 });
  return out;
}

describe('serve host under hostile input', () => {
  let host: ServeHost;
  let dir: string;
  let socket: WebSocket;
  let nextId = 1;
  const pending = new Map<number, (r: WsResponse) => void>();

  const call = (channel: string, payload: unknown): Promise<WsResponse> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`no answer to ${channel}`)), 10_000);
      pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      socket.send(JSON.stringify({ id, channel, payload }));
    });

  beforeAll(async () => {
    dir = tempDir('mlestar-fuzz-');
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    host = await startServeHost({ dataDir: path.join(dir, 'data'), port: 0, rendererDir });
    socket = new WebSocket(`${host.url.replace('http', 'ws')}api`);
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as WsResponse;
      pending.get(message.id)?.(message);
    });
    await new Promise((resolve) => socket.once('open', resolve));
  });
  afterAll(async () => {
    socket?.close();
    await host?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses every hostile payload on every channel with an error as data, and stays up', async () => {
    let cases = 0;
    for (const channel of REQUEST_CHANNELS) {
      for (const payload of hostilePayloads()) {
        const response = await call(channel, payload);
        const sent = JSON.stringify(payload);
        const emptyPayload = sent === 'null' || sent === '{}';
        if (response.result.ok) {
          // Only a channel that takes no arguments may accept the empty payload (null counts as none);
          // otherwise only what the schema accepts as plain data (a search text, an import id to
          // cancel), never a path.
          if (emptyPayload && requestSchemas[channel].safeParse({}).success) continue;
          if (!emptyPayload && requestSchemas[channel].safeParse(payload).success && !/path|dir/i.test(sent)) continue;
          throw new Error(`${channel} accepted ${sent.slice(0, 80)}`);
        }
        cases++;
        expect(['INVALID_REQUEST', 'NOT_FOUND', 'NOT_SUPPORTED', 'BAD_INPUT']).toContain(response.result.error.code);
        expect(response.result.error.message.length).toBeGreaterThan(10);
        expect(response.result.error.message.length).toBeLessThan(2_000);
      }
    }
    for (const channel of ['', 'x'.repeat(100_000), '__proto__', 'constructor', 'runs:start:extra']) {
      const response = await call(channel, {});
      cases++;
      expect(response.result.ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(`fuzz: ${cases} hostile requests refused`);
    expect(cases).toBeGreaterThan(1500);
    const alive = await call('app:info', {});
    expect(alive.result.ok).toBe(true);
  });

  it('ignores malformed frames and keeps answering', async () => {
    for (const frame of ['not json', '{"id": "seven"}', '[]', 'null', '{"channel": "app:info"}', Buffer.from([0, 1, 2, 255])]) socket.send(frame);
    const alive = await call('datasets:list', {});
    expect(alive.result.ok).toBe(true);
  });

  it('refuses WebSocket connections from another origin', async () => {
    const foreign = new WebSocket(`${host.url.replace('http', 'ws')}api`, { headers: { origin: 'http://evil.example' } });
    const outcome = await new Promise<string>((resolve) => {
      foreign.once('open', () => resolve('open'));
      foreign.once('error', (e) => resolve(e.message));
    });
    expect(outcome).toMatch(/403/);
  });

  it('serves only files inside the renderer folder', async () => {
    for (const probe of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2fdata/studio.sqlite']) {
      const response = await fetch(new URL(probe, host.url));
      expect(response.status, probe).toBe(404);
    }
    const index = await fetch(host.url);
    expect(index.status).toBe(200);
    // The browser host's policy on the wire: connections to this origin only (no ws: to any host).
    expect(index.headers.get('content-security-policy')).toBe(SERVE_CSP);
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });
});
