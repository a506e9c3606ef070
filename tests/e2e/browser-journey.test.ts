/**
 * End to end in a real Chromium against the real serve host: drop a CSV, pick the target, run,
 * watch all five phases complete, reload and still see the run; bad files give a clear message
 * and the app keeps working. Saves a PNG screenshot of each view in test-results/screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHASES } from '../../src/shared/domain';
import { datasetPath } from '../support/datasets';
import { SCREENSHOT_DIR } from './support/browser';
import { dropFile } from './support/drop-file';
import type { RunningHost } from './support/serve-host';
import { useE2eSession } from './support/session';

describe('browser host: the whole journey', () => {
  const session = useE2eSession('mlestar-e2e-');
  let host: RunningHost;
  let page: Page;
  beforeAll(() => {
    ({ host, page } = session);
  });

  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  it('shows the first-launch home with the sample one click away', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('sample-button').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('drop-zone').isVisible()).toBe(true);
    await shot('01-home-empty');
  });

  it('drops a real CSV, previews it, runs all five phases live', async () => {
    await dropFile(page, '[data-testid="drop-zone"]', 'telco_churn.csv', fs.readFileSync(datasetPath('telco_churn.csv')));
    await page.getByTestId('dataset-view').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('preview-table').locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByTestId('target-select').selectOption('churn');
    await page.getByTestId('budget-input').fill('10');
    await page.getByTestId('goals').locator('summary').click();
    await page.getByTestId('goal-latencyP95Ms').fill('-2');
    await expect.poll(() => page.getByTestId('start-run').isDisabled()).toBe(true);
    await page.getByTestId('goal-latencyP95Ms').fill('500');
    await page.getByTestId('goal-score').fill('0.99');
    await shot('02-dataset');
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-view').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/running|succeeded/);
    await page.getByTestId('phase-foundation').and(page.locator('[data-status="running"], [data-status="succeeded"]')).waitFor({ timeout: 60_000 });
    await shot('03-run-live');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 180_000, interval: 500 }).toBe('succeeded');
    for (const phase of PHASES) expect(await page.getByTestId(`phase-${phase}`).getAttribute('data-status')).toBe('succeeded');
    await page.getByTestId('report').waitFor();
    await page.getByTestId('refinement').waitFor();
    await page.getByTestId('ensemble-report').waitFor();
    // The goals come back as the targets table: 0.99 AUC is out of reach on telco, 500 ms per row is not.
    const targets = page.getByTestId('targets');
    await expect.poll(() => targets.locator('tbody tr').count()).toBe(5);
    expect(await targets.locator('tbody tr').nth(0).textContent()).toMatch(/score.*≥ 0\.99 roc_auc.*missed/);
    expect(await targets.locator('tbody tr').nth(1).textContent()).toMatch(/latency.*≤ 500 ms p95.*met/);
    await shot('04-run-succeeded');
    // The window scrolls inside its main pane, so a tall viewport shows the whole result page.
    await page.setViewportSize({ width: 1400, height: 3000 });
    await shot('04b-run-succeeded-full');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('still shows the run after a reload, and lists it on the home page', async () => {
    const runUrl = page.url();
    await page.reload();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toBe('succeeded');
    expect(page.url()).toBe(runUrl);
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('runs-list').locator('[data-testid^="run-row-"]').count(), { timeout: 30_000 }).toBe(1);
    await shot('05-home-with-run');
  });

  it.each([
    ['empty.csv', Buffer.alloc(0), /empty/i],
    ['photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]), /not a CSV text file/i],
    ['ragged.csv', Buffer.from('a,b,c\n1,2,3\n4,5\n6,7,8\n'), /line 3/i],
  ])('refuses %s with a clear message and keeps working', async (fileName, content, pattern) => {
    await page.goto(host.url);
    await page.getByTestId('drop-zone').waitFor();
    await dropFile(page, '[data-testid="drop-zone"]', fileName, content);
    const banner = page.getByTestId('error-banner');
    await banner.waitFor({ timeout: 30_000 });
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain(fileName);
    expect(text).toMatch(pattern);
    await shot(`06-error-${fileName.replace('.csv', '')}`);
    await expect.poll(() => page.getByTestId('runs-list').locator('[data-testid^="run-row-"]').count()).toBe(1);
  });

  it('offers to skip ragged rows, and then imports the rest with a note naming the skipped line', async () => {
    await page.goto(host.url);
    await page.getByTestId('drop-zone').waitFor();
    await dropFile(page, '[data-testid="drop-zone"]', 'ragged-skip.csv', Buffer.from('a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11\n'));
    const action = page.getByTestId('error-action');
    await action.waitFor({ timeout: 30_000 });
    expect(await action.textContent()).toMatch(/Skip those rows/);
    await action.click();
    const notes = page.getByTestId('dataset-notes');
    await notes.waitFor({ timeout: 30_000 });
    expect(await notes.textContent()).toMatch(/line 3/);
    expect(await page.getByTestId('error-banner').count()).toBe(0);
    await shot('06b-ragged-skipped');
  });
});
