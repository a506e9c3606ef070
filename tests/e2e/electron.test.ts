/**
 * The desktop app itself, through Playwright's Electron driver. Runs only where Electron's binary
 * is installed (it is downloaded on first use, which an offline machine cannot do); elsewhere the
 * suite is skipped and says why. The browser-host journey covers the same renderer and services.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/datasets';

const ROOT = path.resolve(__dirname, '../..');

/** The installed binary, found without require('electron'), which would try to download it. */
function electronBinary(): string | null {
  const electronDir = path.dirname(createRequire(__filename).resolve('electron/package.json'));
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const built = fs.existsSync(path.join(ROOT, 'out/main/index.js'));
const reason = !binary ? "Electron's binary is not installed (offline machine: it downloads on first use)" : !built ? 'the app is not built (run npm run build)' : '';
if (reason) console.warn(`Electron end-to-end test skipped: ${reason}.`);

describe.skipIf(Boolean(reason))('Electron app', () => {
  it('opens a sandboxed window with the API exposed and no Node in the renderer', async () => {
    const app = await electron.launch({ executablePath: binary ?? undefined, args: [ROOT, '--data-dir', tempDir('mlestar-electron-')], env: { ...process.env, MLESTAR_SQLITE_BINDING: process.env.MLESTAR_SQLITE_BINDING ?? '' } });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('drop-zone').waitFor({ timeout: 30_000 });
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => typeof (window as unknown as { api?: unknown }).api)).toBe('object');
      await window.screenshot({ path: path.join(ROOT, 'test-results/screenshots/electron-home.png') });
    } finally {
      await app.close();
    }
  });
});
