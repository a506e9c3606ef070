/**
 * Crash and resume in the window, end to end in Chromium against the real serve host: a run on
 * the sample starts from the window, the host process is SIGKILLed while the run trains, a new
 * host starts on the same data folder, and the window shows the run as interrupted with its
 * finished trials kept and a Resume button; a click resumes it and it finishes with results.
 * Saves test-results/screenshots/run-interrupted.png (the interrupted run, Resume in view).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/datasets';
import { launchBrowser, SCREENSHOT_DIR } from './support/browser';
import { startServe, type RunningHost } from './support/serve-host';

describe('browser host: a run interrupted by a crash, resumed from the window', () => {
  let dir = '';
  let host: RunningHost | undefined;
  let page: Page;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    dir = tempDir('mlestar-e2e-resume-');
    host = await startServe(path.join(dir, 'data'));
    const launched = await launchBrowser();
    closeBrowser = launched.close;
    page = await launched.context.newPage();
  });
  afterAll(async () => {
    await closeBrowser?.();
    await host?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  let runId = '';
  let trialsBefore = 0;
  const points = async (): Promise<number> => Number(await page.getByTestId('trials-scatter').getAttribute('data-points'));

  it('starts a run on the sample and kills the host (SIGKILL) while it trains', async () => {
    await page.goto(host!.url);
    await page.getByTestId('sample-button').click();
    await page.getByTestId('dataset-view').waitFor({ timeout: 60_000 });
    await page.getByTestId('target-select').selectOption('churn');
    await page.getByTestId('budget-input').fill('8');
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-view').waitFor({ timeout: 30_000 });
    runId = decodeURIComponent(page.url().split('#/runs/')[1] ?? '');
    expect(runId).not.toBe('');
    await expect.poll(points, { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
    expect(await page.getByTestId('run-status').textContent()).toBe('running');
    const killed = host!.process;
    const exited = new Promise((resolve) => killed.once('exit', resolve));
    killed.kill('SIGKILL');
    expect(await exited).toBeNull(); // the exit code: null when a signal ended it
    trialsBefore = await points();
    await page.getByTestId('connection-banner').waitFor({ timeout: 15_000 });
  });

  it('shows the run as interrupted after a restart on the same data folder, with a Resume button', async () => {
    host = await startServe(path.join(dir, 'data'));
    await page.goto(`${host.url}#/runs/${encodeURIComponent(runId)}`);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toBe('interrupted');
    const resume = page.getByTestId('resume-run');
    await resume.waitFor();
    expect(await resume.isEnabled()).toBe(true);
    expect(await page.getByTestId('run-state-note').textContent()).toMatch(/^Interrupted.*the app stopped.*Resuming continues from the last finished task.*Resume run$/);
    // Start-up says so too, as a warning (not an error) that names the way on.
    const notice = page.locator('[data-testid="error-banner"] [data-code="STARTUP"]');
    expect(await notice.textContent()).toMatch(/A run was still running when the app last stopped: it is marked interrupted.*Resuming it continues/);
    expect(await notice.getAttribute('class')).toContain('banner-warn');
    // The trials finished before the crash are kept (at least those the window had seen).
    await expect.poll(points, { timeout: 15_000 }).toBeGreaterThanOrEqual(trialsBefore);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'run-interrupted.png') });
  });

  it('resumes from the window and finishes: succeeded, with results', async () => {
    await page.getByTestId('resume-run').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toMatch(/running|succeeded/);
    expect(await page.getByTestId('resume-run').count()).toBe(0);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 90_000, interval: 500 }).toBe('succeeded');
    await page.getByTestId('report').waitFor({ timeout: 30_000 });
    await page.getByTestId('results').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('run-best-score').textContent()).toMatch(/^0\.\d{4}$/);
    expect(await page.getByTestId('run-state-note').count()).toBe(0);
  });
});
