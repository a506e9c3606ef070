/**
 * The whole journey in one session, end to end in a real Chromium against the real serve host,
 * through the UI only: drop the telco CSV → set up a run (target, budget, goals, an advanced
 * setting) → watch it live (phases, trials scatter, budget bar) → results (targets table,
 * confusion matrix, ROC, feature importance, model card) → Trials explorer (parallel chart,
 * family filter) → a second short run started from the dataset page → Home: pick both → Compare
 * (differences highlighted, curves drawn) → back to a run → export two profiles as a zip. Then a
 * reload keeps the view, and bad files give a clear message while the app keeps working; a file
 * over the host's memory budget (2 MB here; telco takes about 1.1) is offered as a random sample
 * of the rows that fit, which imports marked as a sample. On the way, the page may open a
 * WebSocket to its own origin and no other (the CSP).
 *
 * Each view is saved as a numbered PNG in test-results/screenshots (01-home-empty.png …), so the
 * journey can be looked at in order.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { PHASES } from '../../src/shared/domain';
import { datasetPath } from '../support/datasets';
import { SCREENSHOT_DIR } from './support/browser';
import { paintedPixels } from './support/canvas';
import { dropFile } from './support/drop-file';
import type { RunningHost } from './support/serve-host';
import { useE2eSession } from './support/session';

describe('browser host: the whole journey', () => {
  const session = useE2eSession('mlestar-e2e-', undefined, ['--memory-budget', '2']);
  let host: RunningHost;
  let page: Page;
  beforeAll(() => {
    ({ host, page } = session);
  });

  /** The window scrolls inside its main pane: `tall` widens the viewport so the whole view is in the shot. */
  async function shot(name: string, tall = false): Promise<void> {
    if (tall) await page.setViewportSize({ width: 1400, height: 3200 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    if (tall) await page.setViewportSize({ width: 1400, height: 900 });
  }
  const expectDrawn = (testId: string, minPixels = 500): Promise<void> => expect.poll(() => paintedPixels(page, testId), { timeout: 15_000 }).toBeGreaterThan(minPixels);
  const runRows = () => page.getByTestId('runs-list').locator('tbody tr[data-testid^="run-row-"]');
  const runIdOf = (url: string): string => decodeURIComponent(url.split('#/runs/')[1] ?? '').split('/')[0];
  const runIds: string[] = [];

  it('shows the first-launch home with the sample one click away', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('sample-button').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('drop-zone').isVisible()).toBe(true);
    await shot('01-home-empty');
  });

  it("lets the page open a WebSocket to its own origin only (the CSP's connect-src 'self')", async () => {
    // A listening WebSocket server on another port: only the policy can keep the page from it.
    const foreign = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => foreign.once('listening', resolve));
    let reached = 0;
    foreign.on('connection', () => reached++);
    const probe = (url: string): Promise<string> =>
      page.evaluate(
        (u) =>
          new Promise<string>((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked by ${e.effectiveDirective}`), { once: true });
            const ws = new WebSocket(u);
            ws.onopen = () => (ws.close(), resolve('open'));
            ws.onerror = () => setTimeout(() => resolve('error'), 500);
          }),
        url,
      );
    try {
      const own = new URL('api', host.url.replace(/^http/, 'ws')).href;
      expect(await probe(own)).toBe('open');
      expect(await probe(`ws://127.0.0.1:${(foreign.address() as AddressInfo).port}/api`)).toBe('blocked by connect-src');
      expect(await probe(own.replace('127.0.0.1', 'localhost'))).toBe('blocked by connect-src');
      expect(reached).toBe(0);
    } finally {
      foreign.close();
    }
  });

  it('drops the telco CSV and sets up a run: target, budget, goals, an advanced setting', async () => {
    await dropFile(page, '[data-testid="drop-zone"]', 'telco_churn.csv', fs.readFileSync(datasetPath('telco_churn.csv')));
    await page.getByTestId('dataset-view').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('preview-table').locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByTestId('target-select').selectOption('churn');
    await page.getByTestId('budget-input').fill('12');
    await page.getByTestId('goals').locator('summary').click();
    await page.getByTestId('goal-latencyP95Ms').fill('-2');
    await expect.poll(() => page.getByTestId('start-run').isDisabled()).toBe(true);
    await page.getByTestId('goal-latencyP95Ms').fill('500');
    await page.getByTestId('goal-score').fill('0.99');
    await page.getByTestId('advanced-settings').locator('summary').click();
    await page.getByTestId('setting-cvFolds').fill('3');
    await expect.poll(() => page.getByTestId('start-run').isDisabled()).toBe(false);
    await shot('02-dataset-run-setup', true);
  });

  it('watches the run live: phases advance, the trials scatter gets points, the budget counts down', async () => {
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-view').waitFor({ timeout: 30_000 });
    runIds.push(runIdOf(page.url()));
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/running|succeeded/);
    const budget = page.getByTestId('budget-left');
    expect(await budget.getAttribute('data-live')).toBe('true');
    const leftAtStart = Number(await budget.getAttribute('data-left-ms'));
    expect(leftAtStart).toBeGreaterThan(0);
    expect(leftAtStart).toBeLessThanOrEqual(12_000);
    await expect.poll(() => page.getByTestId('phase-search').getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
    await expect.poll(async () => Number(await page.getByTestId('trials-scatter').getAttribute('data-points')), { timeout: 30_000, interval: 250 }).toBeGreaterThan(0);
    await expectDrawn('trials-scatter');
    // The countdown has moved while the trials came in.
    await expect.poll(async () => Number(await budget.getAttribute('data-left-ms')), { timeout: 5_000 }).toBeLessThan(leftAtStart);
    await shot('03-run-live');
  });

  it('shows the results: all phases done, targets table, confusion matrix, ROC, importance, model card', async () => {
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 500 }).toBe('succeeded');
    for (const phase of PHASES) expect(await page.getByTestId(`phase-${phase}`).getAttribute('data-status')).toBe('succeeded');
    expect(await page.getByTestId('budget-left').getAttribute('data-live')).toBe('false');
    await page.getByTestId('report').waitFor();
    await page.getByTestId('refinement').waitFor();
    await page.getByTestId('ensemble-report').waitFor();
    // The goals come back as the targets table: 0.99 AUC is out of reach on telco, 500 ms per row is not.
    const targets = page.getByTestId('targets');
    await expect.poll(() => targets.locator('tbody tr').count()).toBe(5);
    expect(await targets.locator('tbody tr').nth(0).textContent()).toMatch(/score.*≥ 0\.99 roc_auc.*missed/);
    expect(await targets.locator('tbody tr').nth(1).textContent()).toMatch(/latency.*≤ 500 ms p95.*met/);
    await shot('04-run-succeeded');

    await page.getByTestId('results').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('results').getAttribute('data-kind')).toBe('classification');
    expect(await page.getByTestId('results-holdout').textContent()).toMatch(/95% CI \d\.\d{4} – \d\.\d{4}/);
    expect(await page.getByTestId('results-confusion').locator('[data-classes]').getAttribute('data-classes')).toBe('2');
    expect(await page.getByTestId('results-roc').locator('[data-curves]').getAttribute('data-curves')).toBe('1');
    expect(Number(await page.getByTestId('results-importance').locator('[data-features]').getAttribute('data-features'))).toBeGreaterThan(3);
    for (const chart of ['chart-confusion', 'chart-roc', 'chart-importance']) await expectDrawn(chart);
    await page.getByTestId('model-card').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('model-card').locator('h1').count()).toBe(1);
    expect(await page.getByTestId('model-card').locator('h2').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('model-card').textContent()).not.toMatch(/^#/m);
    await page.setViewportSize({ width: 1400, height: 4000 });
    await page.getByTestId('results').screenshot({ path: path.join(SCREENSHOT_DIR, '05-results.png') });
    await page.getByTestId('model-card-card').screenshot({ path: path.join(SCREENSHOT_DIR, '06-model-card.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('explores the trials: parallel coordinates drawn, filtered by the family with most trials', async () => {
    await page.getByTestId('open-trials').click();
    await page.getByTestId('trials-view').and(page.locator(`[data-run-id="${runIds[0]}"]`)).waitFor({ timeout: 30_000 });
    await expectDrawn('parallel-chart');
    const filter = page.getByTestId('family-filter');
    const values = await filter.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const labels = await filter.locator('option').allTextContents();
    expect(values[0]).toBe('all');
    expect(values.length).toBeGreaterThan(1);
    const allLines = Number(await page.getByTestId('parallel-chart').getAttribute('data-lines'));
    const best = values.slice(1).map((v, i) => ({ v, n: Number(/\((\d+)\)/.exec(labels[i + 1])?.[1] ?? 0) })).sort((a, b) => b.n - a.n)[0];
    await filter.selectOption(best.v);
    await expect.poll(() => page.getByTestId('trials-view').getAttribute('data-family')).toBe(best.v);
    expect(Number(await page.getByTestId('parallel-chart').getAttribute('data-lines'))).toBe(best.n);
    expect(best.n).toBeLessThanOrEqual(allLines);
    await expectDrawn('parallel-chart');
    expect(await page.getByTestId('trials-count').textContent()).toContain(`of ${best.v}`);
    await shot('07-trials-explorer', true);
  });

  it('starts a second, shorter run from the dataset page with another seed', async () => {
    // Trials explorer → its run → the dataset named in the run's heading.
    await page.getByTestId('trials-view').locator('header a').first().click();
    await page.getByTestId('run-view').waitFor();
    await page.getByTestId('run-view').locator('header h1 a').click();
    await page.getByTestId('dataset-view').waitFor({ timeout: 30_000 });
    await page.getByTestId('target-select').selectOption('churn');
    await page.getByTestId('budget-input').fill('8');
    await page.getByTestId('seed-input').fill('7');
    await shot('08-dataset-second-run');
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-view').waitFor({ timeout: 30_000 });
    runIds.push(runIdOf(page.url()));
    expect(runIds[1]).not.toBe(runIds[0]);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 500 }).toBe('succeeded');
  });

  it('picks both runs on Home and compares them: differences highlighted, curves drawn', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('runs-list').locator('tbody tr[data-status="succeeded"]').count(), { timeout: 30_000 }).toBe(2);
    for (const id of runIds) await page.getByTestId(`run-row-${id}`).getByTestId('compare-check').check();
    await expect.poll(() => page.getByTestId('compare-button').textContent()).toContain('Compare 2 runs');
    await shot('09-home-two-runs');
    await page.getByTestId('compare-button').click();
    await page.getByTestId('compare-view').waitFor();
    await expect.poll(() => page.getByTestId('compare-setting').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const differs = await page.locator('[data-testid="compare-setting"][data-differs="true"]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-label')));
    expect(differs).toEqual(expect.arrayContaining(['Seed', 'Time budget', 'Score goal', 'Latency goal (p95)', 'CV folds']));
    expect(differs).not.toContain('Dataset');
    expect(differs).not.toContain('Target');
    const background = (label: string) => page.locator(`[data-testid="compare-setting"][data-label="${label}"] td`).first().evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(await background('Seed')).not.toBe(await background('Dataset'));
    expect(await page.locator('[data-testid="compare-metric"][data-label="Holdout score (95% CI)"] td').first().textContent()).toMatch(/^0\.\d{4} \[0\.\d{3}, (0\.\d{3}|1\.000)\]/);
    // Two curves' worth of drawn pixels.
    await page.getByTestId('compare-curves').locator('canvas').first().waitFor();
    await expectDrawn('compare-curves', 2_000);
    await shot('10-compare', true);
  });

  it('goes back to a run and exports two profiles as a zip holding exactly their files', async () => {
    await page.getByTestId('compare-settings').locator(`th a[href$="${runIds[0]}"]`).click();
    await page.getByTestId('run-view').and(page.locator(`[data-run-id="${runIds[0]}"]`)).waitFor();
    await page.getByTestId('export').waitFor({ timeout: 30_000 });
    const boxes = page.getByTestId('export').locator('input[type="checkbox"]');
    const names = (await boxes.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).map((id) => id.replace('export-profile-', ''));
    expect(names.length).toBeGreaterThanOrEqual(2);
    const chosen = names.slice(0, 2);
    for (const name of names) {
      const box = page.getByTestId(`export-profile-${name}`);
      if (chosen.includes(name)) await box.check();
      else await box.uncheck();
    }
    expect(await page.getByTestId('export-button').textContent()).toBe('Download 2 as zip');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^mlestar-.+-profiles\.zip$/);
    const file = path.join(session.dir, 'journey-export.zip');
    await download.saveAs(file);
    const entries = Object.keys(unzipSync(fs.readFileSync(file))).sort();
    expect(entries).toEqual(chosen.flatMap((n) => [`${n}/model-card.md`, `${n}/model.onnx`, `${n}/profile.json`]).sort());
    await page.getByTestId('export-result').waitFor();
    expect(await page.getByTestId('export-file').count()).toBe(6);
    await page.getByTestId('export').scrollIntoViewIfNeeded();
    await shot('11-export');
  });

  it('still shows the run after a reload, and lists both runs on the home page', async () => {
    const runUrl = page.url();
    await page.reload();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toBe('succeeded');
    expect(page.url()).toBe(runUrl);
    await page.goto(host.url);
    await expect.poll(() => runRows().count(), { timeout: 30_000 }).toBe(2);
    await shot('12-home-with-runs');
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
    await shot(`13-error-${fileName.replace('.csv', '')}`);
    await expect.poll(() => runRows().count()).toBe(2);
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
    await shot('14-ragged-skipped');
  });

  it('offers a random sample of a file over the memory budget, and marks the dataset as a sample', async () => {
    // 16,000 rows × 20 columns: about 2.4 MB once loaded, over the 2 MB budget; 13,000 rows fit.
    const lines = [[...Array.from({ length: 19 }, (_, c) => `x${c}`), 'label'].join(',')];
    for (let r = 0; r < 16_000; r++) lines.push([...Array.from({ length: 19 }, (_, c) => ((r + 1) * 2654435761 + c * 40503) % 1000), r % 2 ? 'yes' : 'no'].join(','));
    await page.goto(host.url);
    await page.getByTestId('drop-zone').waitFor();
    await dropFile(page, '[data-testid="drop-zone"]', 'too-big.csv', Buffer.from(lines.join('\n') + '\n'));
    const action = page.getByTestId('error-action');
    await action.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('error-banner').textContent()).toMatch(/"too-big\.csv" .* more than the memory budget of 2\.0 MB/);
    expect(await action.textContent()).toBe('Import a random sample of 13,000 rows');
    await shot('15-too-large');
    await action.click();
    await page.getByTestId('dataset-view').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('dataset-shape').textContent()).toBe('13,000 rows × 20 columns');
    expect(await page.getByTestId('dataset-sample').textContent()).toBe("a random sample of the file's 16,000 rows (seed 1)");
    expect(await page.getByTestId('fact-rows').textContent()).toMatch(/13,000.*sample of 16,000/);
    expect(await page.getByTestId('error-banner').count()).toBe(0);
    await shot('16-sample-imported');
  });
});
