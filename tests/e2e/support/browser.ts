/**
 * Launches a real Chromium for end-to-end tests: Debian's /usr/bin/chromium with the flags that
 * keep it off the (closed) network, else Playwright's own browser where one is installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = SYSTEM_CHROMIUM.find((p) => fs.existsSync(p));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: FLAGS, viewport: { width: 1400, height: 900 } });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../test-results/screenshots');
fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
