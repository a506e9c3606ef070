/**
 * End to end in a real Chromium against the serve host: a file dropped anywhere on the window
 * imports (with the overlay while dragging), two short real runs on the sample, the Home runs
 * table (sort, search, keyboard), picking both and comparing them (differences highlighted,
 * curves drawn), the dark theme (remembered across a reload), and a drop on a run page. Screenshots: home-runs.png,
 * compare.png, home-dark.png (and compare-dark.png) in test-results/screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetPath } from '../support/datasets';
import { SCREENSHOT_DIR } from './support/browser';
import type { RunningHost } from './support/serve-host';
import { useE2eSession } from './support/session';

describe('runs table, compare view, themes and keyboard', () => {
  const session = useE2eSession('mlestar-e2e-compare-');
  let host: RunningHost;
  let page: Page;
  beforeAll(() => {
    ({ host, page } = session);
  });

  const shot = (name: string, fullPage = false) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
  const rows = () => page.getByTestId('runs-list').locator('tbody tr[data-testid^="run-row-"]');
  const rowIds = () => rows().evaluateAll((trs) => trs.map((r) => (r.getAttribute('data-testid') ?? '').slice('run-row-'.length)));
  let datasetUrl = '';
  const runIds: string[] = [];

  it('offers a skip link as the first Tab stop, which moves focus into the view', async () => {
    await page.goto(host.url);
    await page.getByTestId('drop-zone').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('skip-link');
    expect(await page.getByTestId('skip-link').boundingBox()).toMatchObject({ y: expect.any(Number) });
    expect((await page.getByTestId('skip-link').boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('imports a file dropped anywhere on the window, with an overlay while dragging', async () => {
    const base64 = fs.readFileSync(datasetPath('telco_churn.csv')).toString('base64');
    // Drag over the page heading (not the drop zone): the overlay shows…
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const t = new DataTransfer();
      t.items.add(new File([bytes], 'telco_churn.csv', { type: 'text/csv' }));
      return t;
    }, base64);
    await page.locator('h1').first().dispatchEvent('dragenter', { dataTransfer: transfer });
    await page.locator('h1').first().dispatchEvent('dragover', { dataTransfer: transfer });
    await page.getByTestId('drop-overlay').waitFor({ timeout: 5_000 });
    // …and the drop imports the file.
    await page.locator('h1').first().dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByTestId('dataset-view').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('drop-overlay').count()).toBe(0);
    datasetUrl = page.url();
  });

  it('completes two short runs that differ in seed and latency goal', async () => {
    for (const [seed, latency] of [
      ['1', ''],
      ['2', '50'],
    ]) {
      await page.goto(datasetUrl);
      await page.getByTestId('target-select').selectOption('churn');
      await page.getByTestId('budget-input').fill('5');
      await page.getByTestId('seed-input').fill(seed);
      if (latency) {
        await page.getByTestId('goals').locator('summary').click();
        await page.getByTestId('goal-latencyP95Ms').fill(latency);
      }
      await page.getByTestId('start-run').click();
      await page.getByTestId('run-view').waitFor({ timeout: 30_000 });
      runIds.push(decodeURIComponent(page.url().split('#/runs/')[1]));
    }
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('runs-list').locator('tbody tr[data-status="succeeded"]').count(), { timeout: 150_000, interval: 1_000 }).toBe(2);
  });

  it('sorts and searches the runs table', async () => {
    await expect.poll(() => page.getByTestId('runs-range').textContent()).toBe('1–2 of 2 runs');
    // Newest first by default: the second run started last.
    expect(await rowIds()).toEqual([runIds[1], runIds[0]]);
    const scores = async () => (await rows().locator('td:nth-child(5)').allTextContents()).map(Number);
    await page.getByTestId('sort-bestScore').click();
    await expect.poll(async () => (await page.getByTestId('runs-list').locator('th[aria-sort="descending"]').textContent()) ?? '').toContain('Best score');
    await expect.poll(async () => {
      const s = await scores();
      return s[0] >= s[1];
    }).toBe(true);
    await page.getByTestId('sort-bestScore').click();
    await expect.poll(async () => {
      const s = await scores();
      return s[0] <= s[1] && (await page.getByTestId('runs-list').locator('th[aria-sort="ascending"]').count()) === 1;
    }).toBe(true);
    // The profile scores come from the reports.
    expect(await rows().first().locator('td[data-profile="high-performance"]').textContent()).toMatch(/^0\.\d{4}$/);
    await page.getByTestId('runs-search').fill(runIds[0].slice(0, 8));
    await expect.poll(rowIds).toEqual([runIds[0]]);
    await page.getByTestId('runs-search').fill('churn');
    await expect.poll(() => rowIds().then((ids) => ids.length)).toBe(2);
    await page.getByTestId('runs-search').fill('');
    await expect.poll(() => page.getByTestId('runs-range').textContent()).toBe('1–2 of 2 runs');
  });

  it('opens a run with Enter and picks runs with Space from the keyboard', async () => {
    const first = rows().first();
    const firstId = (await first.getAttribute('data-testid'))?.slice('run-row-'.length);
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('run-view').waitFor();
    expect(page.url()).toContain(`#/runs/${firstId}`);
    await page.goBack();
    await expect.poll(() => rows().count()).toBe(2);
    expect(await page.getByTestId('compare-button').isDisabled()).toBe(true);
    await rows().nth(0).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`run-row-${await rows().nth(1).evaluate((r) => r.getAttribute('data-testid')?.slice(8))}`);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('runs-list').locator('[data-testid="compare-check"]:checked').count()).toBe(2);
    expect(await page.getByTestId('compare-button').textContent()).toContain('Compare 2 runs');
    await shot('home-runs', true);
  });

  it('compares the two runs: differences highlighted, metrics, curves drawn', async () => {
    await page.getByTestId('compare-button').click();
    await page.getByTestId('compare-view').waitFor();
    expect(page.url()).toMatch(/#\/compare\?ids=[\w-]+,[\w-]+$/);
    const settings = page.getByTestId('compare-setting');
    await expect.poll(() => settings.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const differs = await page.locator('[data-testid="compare-setting"][data-differs="true"]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-label')));
    expect(differs).toEqual(expect.arrayContaining(['Seed', 'Latency goal (p95)']));
    expect(differs).not.toContain('Dataset');
    expect(differs).not.toContain('Target');
    // Highlighted: a differing row is drawn on a different background than an equal one.
    const bg = (label: string) => page.locator(`[data-testid="compare-setting"][data-label="${label}"] td`).first().evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(await bg('Seed')).not.toBe(await bg('Dataset'));
    const metricLabels = await page.getByTestId('compare-metric').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-label')));
    expect(metricLabels).toEqual(expect.arrayContaining(['CV score', 'Holdout score (95% CI)', 'Latency p50', 'Latency p95', 'Latency p99', 'Throughput', 'Model size', 'Total time', 'Search time']));
    expect(await page.locator('[data-testid="compare-metric"][data-label="Holdout score (95% CI)"] td').first().textContent()).toMatch(/^0\.\d{4} \[0\.\d{3}, (0\.\d{3}|1\.000)\]/);
    // The curves: a canvas with two series' worth of drawn pixels.
    const canvas = page.getByTestId('compare-curves').locator('canvas').first();
    await canvas.waitFor();
    await expect
      .poll(() =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
          let drawn = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn += 1;
          return drawn;
        }),
      )
      .toBeGreaterThan(2_000);
    // Runs are named A, B… in both tables' headers and in the chart's legend.
    expect(await page.getByTestId('compare-settings').locator('.run-letter').allTextContents()).toEqual(['A', 'B']);
    await page.setViewportSize({ width: 1400, height: 2300 });
    await shot('compare');
  });

  it('switches to the dark theme, charts included, and remembers it across a reload', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByTestId('theme-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).not.toBe(light);
    expect(await page.evaluate(() => localStorage.getItem('mlestar.theme'))).toBe('dark');
    await page.waitForTimeout(300);
    await shot('compare-dark');
    await page.reload();
    await page.getByTestId('compare-view').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(host.url);
    await expect.poll(() => rows().count()).toBe(2);
    await shot('home-dark');
    await page.getByTestId('theme-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('imports a file dropped on another view (a run page), not only on Home', async () => {
    await page.goto(new URL(`#/runs/${runIds[0]}`, host.url).href);
    await page.getByTestId('run-view').waitFor();
    const csv = ['x,y,label', ...Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 11},${i % 2 ? 'yes' : 'no'}`)].join('\n');
    const transfer = await page.evaluateHandle((text) => {
      const t = new DataTransfer();
      t.items.add(new File([text], 'dropped-on-run.csv', { type: 'text/csv' }));
      return t;
    }, csv);
    const target = page.getByTestId('run-view');
    await target.dispatchEvent('dragenter', { dataTransfer: transfer });
    await page.getByTestId('drop-overlay').waitFor({ timeout: 5_000 });
    await target.dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByTestId('dataset-view').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('dataset-view').textContent()).toContain('dropped-on-run');
  });
});
