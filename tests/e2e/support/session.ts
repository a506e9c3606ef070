/**
 * One end-to-end session: a fresh data folder, the serve host on it, and a Chromium page, set up
 * before a suite's tests and torn down after them (the folder removed last).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { tempDir } from '../../support/datasets';
import { launchBrowser } from './browser';
import { startServe, type RunningHost, type ServeOptions } from './serve-host';

export interface E2eSession {
  host: RunningHost;
  page: Page;
  /** The session's temporary folder; the app's data folder is `<dir>/data`. */
  dir: string;
}

/**
 * Registers the suite's setup and teardown; the returned object is filled in `beforeAll`.
 * `prepare` runs first, with the temporary folder (to write input files there); `serveArgs` are
 * more options for the serve host (e.g. `--memory-budget 2`), `serveOptions` how it is started.
 */
export function useE2eSession(prefix: string, prepare?: (dir: string) => void, serveArgs: readonly string[] = [], serveOptions: ServeOptions = {}): E2eSession {
  const session = {} as E2eSession;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    session.dir = tempDir(prefix);
    prepare?.(session.dir);
    session.host = await startServe(path.join(session.dir, 'data'), serveArgs, serveOptions);
    const launched = await launchBrowser();
    closeBrowser = launched.close;
    session.page = await launched.context.newPage();
  });
  afterAll(async () => {
    await closeBrowser?.();
    await session.host?.stop();
    if (session.dir) fs.rmSync(session.dir, { recursive: true, force: true });
  });
  return session;
}
