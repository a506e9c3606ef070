/**
 * `npm run serve -- [--port N] [--data-dir DIR] [--host ADDR] [--memory-budget MB]`: starts the
 * browser host and prints its URL.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../../app/data-dir';
import { lowerHostPriority } from '../host-priority';
import { startServeHost } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '5174' }, 'data-dir': { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, 'memory-budget': { type: 'string' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  const memoryBudgetMB = values['memory-budget'] === undefined ? undefined : Number(values['memory-budget']);
  if (memoryBudgetMB !== undefined && !(Number.isFinite(memoryBudgetMB) && memoryBudgetMB > 0)) throw new Error(`--memory-budget must be a positive number of MB, not "${values['memory-budget']}".`);
  // Headless: the window is a browser elsewhere, so the host trains below its priority (MLESTAR_TRAIN_PRIORITY).
  lowerHostPriority();
  const host = await startServeHost({
    dataDir: resolveDataDir(values['data-dir']),
    port,
    hostname: values.host,
    rendererDir: path.resolve(__dirname, '../../../../out/renderer'),
    ...(memoryBudgetMB !== undefined ? { memoryBudgetMB } : {}),
  });
  for (const notice of host.studio.notices) console.log(`Note: ${notice}`);
  console.log(`MLE-STAR Studio is running at ${host.url}  (data: ${host.studio.dataDir})`);
  const stop = async (): Promise<void> => {
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
