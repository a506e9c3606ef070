/**
 * End to end in a real Chromium against the real serve host: a small classification run (telco
 * churn) and a small regression run (a slice of diamonds), then the Results view: metrics with
 * their interval, confusion matrix, ROC and PR curves, residual charts and feature importance are
 * drawn (canvases with painted pixels, cards carrying the data's size), the findings and the
 * model card render as HTML, and two profiles download as a zip holding exactly their files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetPath } from '../support/datasets';
import { SCREENSHOT_DIR } from './support/browser';
import { dropFile } from './support/drop-file';
import type { RunningHost } from './support/serve-host';
import { useE2eSession } from './support/session';

/** Every 18th row of diamonds (about 3,000): a regression table that trains in seconds. */
function diamondsSlice(): string {
  const lines = fs.readFileSync(datasetPath('diamonds.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  return [lines[0], ...lines.slice(1).filter((_, i) => i % 18 === 0)].join('\n') + '\n';
}

/** Pixels of the chart's canvas that something was drawn on. */
async function paintedPixels(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
}

describe('browser host: results and export', () => {
  const session = useE2eSession('mlestar-e2e-results-');
  let host: RunningHost;
  let page: Page;
  beforeAll(() => {
    ({ host, page } = session);
  });

  async function runOn(fileName: string, content: string | Buffer, target: string, budgetSeconds: number): Promise<void> {
    await page.goto(host.url);
    await page.getByTestId('drop-zone').waitFor({ timeout: 30_000 });
    await dropFile(page, '[data-testid="drop-zone"]', fileName, content);
    await page.getByTestId('dataset-view').waitFor({ timeout: 60_000 });
    await page.getByTestId('target-select').selectOption(target);
    await page.getByTestId('budget-input').fill(String(budgetSeconds));
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-view').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 90_000, interval: 500 }).toBe('succeeded');
    await page.getByTestId('results').waitFor({ timeout: 30_000 });
  }

  /** The window scrolls inside its main pane: a tall viewport puts the whole element on screen. */
  async function shotOf(testId: string, name: string): Promise<void> {
    await page.setViewportSize({ width: 1400, height: 4000 });
    await page.getByTestId(testId).screenshot({ path: path.join(SCREENSHOT_DIR, name) });
    await page.setViewportSize({ width: 1400, height: 900 });
  }

  /** The chart's canvas has something drawn on it (an empty canvas has no painted pixel). */
  const expectDrawn = async (testId: string): Promise<void> => {
    await page.getByTestId(testId).locator('canvas').first().waitFor();
    await expect.poll(() => paintedPixels(page, testId), { timeout: 10_000 }).toBeGreaterThan(500);
  };

  it('classification: metrics, confusion matrix, ROC, PR, importance, profiles and rendered markdown', async () => {
    await runOn('telco_churn.csv', fs.readFileSync(datasetPath('telco_churn.csv')), 'churn', 10);
    expect(await page.getByTestId('results').getAttribute('data-kind')).toBe('classification');
    expect(await page.getByTestId('results-holdout').textContent()).toMatch(/95% CI \d\.\d{4} – \d\.\d{4}/);
    expect(await page.getByTestId('results-confusion').locator('[data-classes]').getAttribute('data-classes')).toBe('2');
    expect(await page.getByTestId('results-roc').locator('[data-curves]').getAttribute('data-curves')).toBe('1');
    expect(Number(await page.getByTestId('results-importance').locator('[data-features]').getAttribute('data-features'))).toBeGreaterThan(3);
    for (const chart of ['chart-confusion', 'chart-roc', 'chart-pr', 'chart-importance', 'chart-tradeoff']) await expectDrawn(chart);
    expect(await page.getByTestId('members').locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    // The findings and the model card are HTML with headings, not markdown text.
    expect(await page.getByTestId('findings').locator('h1, h2').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('findings').textContent()).not.toMatch(/^#/m);
    await page.getByTestId('model-card').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('model-card').locator('h1').count()).toBe(1);
    expect(await page.getByTestId('model-card').locator('h2').count()).toBeGreaterThan(1);
    await shotOf('results', 'results-classification.png');
    await shotOf('model-card-card', 'results-model-card.png');
  });

  it('exports two profiles as a zip download holding exactly their model, profile and card', async () => {
    const boxes = page.getByTestId('export').locator('input[type="checkbox"]');
    const count = await boxes.count();
    expect(count).toBeGreaterThanOrEqual(2);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = ((await boxes.nth(i).getAttribute('data-testid')) ?? '').replace('export-profile-', '');
      if (i < 2) names.push(name);
      else await boxes.nth(i).uncheck();
    }
    expect(await page.getByTestId('export-button').textContent()).toBe('Download 2 as zip');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^mlestar-.+-profiles\.zip$/);
    const file = path.join(session.dir, 'download.zip');
    await download.saveAs(file);
    const entries = Object.keys(unzipSync(fs.readFileSync(file))).sort();
    expect(entries).toEqual(names.flatMap((n) => [`${n}/model-card.md`, `${n}/model.onnx`, `${n}/profile.json`]).sort());
    await page.getByTestId('export-result').waitFor();
    expect(await page.getByTestId('export-file').count()).toBe(6);
    await shotOf('export', 'export.png');
  });

  it('regression: predicted vs actual, residuals, residual histogram and importance', async () => {
    await runOn('diamonds-slice.csv', diamondsSlice(), 'price', 8);
    expect(await page.getByTestId('results').getAttribute('data-kind')).toBe('regression');
    expect(Number(await page.getByTestId('results-pred-actual').locator('[data-points]').getAttribute('data-points'))).toBeGreaterThan(100);
    expect(Number(await page.getByTestId('results-residual-histogram').locator('[data-bins]').getAttribute('data-bins'))).toBeGreaterThanOrEqual(10);
    for (const chart of ['chart-pred-actual', 'chart-residuals', 'chart-residual-histogram', 'chart-importance']) await expectDrawn(chart);
    expect(await page.getByTestId('results-confusion').count()).toBe(0);
    expect(await page.getByTestId('results-metrics').textContent()).toMatch(/R²/);
    await shotOf('results', 'results-regression.png');
  });
});
