/**
 * The browser host: HTTP for the renderer and a WebSocket (`/api`) carrying the same typed API
 * the Electron preload exposes. Binds to loopback by default and refuses WebSocket connections
 * from other origins, so a web page elsewhere cannot drive the app.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_UPLOAD_BYTES } from '../../../shared/contract';
import { WS_PATH, type WsEvent, type WsRequest, type WsResponse } from '../../../shared/ws-protocol';
import { createStudio, type StudioServices } from '../../app/composition';
import { createRequestHandler } from '../../ipc/request-handler';
import { serveStatic } from './static-files';

export interface ServeOptions {
  dataDir: string;
  port: number;
  hostname?: string;
  rendererDir: string;
  /** Memory a dataset may take once loaded (ml/io/memory-budget.ts); default from the environment. */
  memoryBudgetMB?: number;
}

export interface ServeHost {
  url: string;
  studio: StudioServices;
  close(): Promise<void>;
}

export async function startServeHost(options: ServeOptions): Promise<ServeHost> {
  if (!fs.existsSync(`${options.rendererDir}/index.html`)) {
    throw new Error(`The window is not built (${options.rendererDir}/index.html is missing). Run "npm run build:renderer" first.`);
  }
  const studio = createStudio({ dataDir: options.dataDir, host: 'serve', ...(options.memoryBudgetMB !== undefined ? { memoryBudgetMB: options.memoryBudgetMB } : {}) });
  const handle = createRequestHandler(studio);
  const server = http.createServer((req, res) => serveStatic(options.rendererDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_UPLOAD_BYTES + 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    if (url.pathname !== WS_PATH || (origin && new URL(origin).host !== req.headers.host)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', async (raw) => {
      let request: WsRequest;
      try {
        request = JSON.parse(raw.toString()) as WsRequest;
      } catch {
        return;
      }
      if (typeof request !== 'object' || request === null || typeof request.id !== 'number') return;
      const result = await handle(String(request.channel), request.payload);
      const response: WsResponse = { id: request.id, result: result as WsResponse['result'] };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });

  const broadcast = (message: string): void => {
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(message);
  };
  const unsubscribeRuns = studio.runs.onProgress((data) => broadcast(JSON.stringify({ event: 'run:progress', data } satisfies WsEvent<'run:progress'>)));
  const unsubscribeImports = studio.datasets.onImportProgress((data) =>
    broadcast(JSON.stringify({ event: 'datasets:importProgress', data } satisfies WsEvent<'datasets:importProgress'>)),
  );
  const unsubscribe = (): void => {
    unsubscribeRuns();
    unsubscribeImports();
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address === '::1' ? '[::1]' : address.address}:${address.port}/`;

  return {
    url,
    studio,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await studio.close();
    },
  };
}
