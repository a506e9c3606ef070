/**
 * The dataset screen end to end, in Chromium against the real serve host: import a generated
 * 200,000-row CSV (a datetime, a boolean, an id and a free-text column among others), page
 * through it in the virtualized grid to the last row, override a type and leave a column out
 * (both survive a reload), and pick another target to see its class balance. Saves
 * test-results/screenshots/dataset-grid.png and dataset-profiles.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from './support/browser';
import type { RunningHost } from './support/serve-host';
import { useE2eSession } from './support/session';

const ROWS = 200_000;
const PLANS = ['basic', 'plus', 'pro'];
const WORDS = ['late', 'payment', 'great', 'service', 'slow', 'support', 'called', 'twice', 'happy', 'with', 'price', 'moving', 'soon', 'asked', 'about', 'fiber'];

/** Row `i` (0-based) of the generated file, deterministic. */
function row(i: number): string[] {
  let s = (i + 1) * 2654435761;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const id = `C${String(i + 1).padStart(7, '0')}`;
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 1400) * 86_400_000).toISOString().slice(0, 10);
  const active = next() < 0.6 ? 'true' : 'false';
  const age = String(18 + Math.floor(next() * 60));
  const income = next() < 0.03 ? '' : (20_000 + next() * 90_000).toFixed(2);
  const plan = PLANS[Math.floor(next() * 3)];
  const comment = `${WORDS[Math.floor(next() * 16)]} ${WORDS[Math.floor(next() * 16)]} ${WORDS[Math.floor(next() * 16)]} note ${i + 1}`;
  const churn = next() < (plan === 'basic' ? 0.4 : 0.15) ? 'yes' : 'no';
  return [id, day, active, age, income, plan, comment, churn];
}
const HEADER = ['customer_id', 'signup_date', 'active', 'age', 'income', 'plan', 'comment', 'churn'];

function writeCsv(file: string): void {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, HEADER.join(',') + '\n');
  let chunk: string[] = [];
  for (let i = 0; i < ROWS; i += 1) {
    chunk.push(row(i).join(','));
    if (chunk.length === 10_000) {
      fs.writeSync(out, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length > 0) fs.writeSync(out, chunk.join('\n') + '\n');
  fs.closeSync(out);
}

describe('browser host: the dataset screen', () => {
  let csv = '';
  const session = useE2eSession('mlestar-e2e-dataset-', (dir) => {
    csv = path.join(dir, 'customers.csv');
    writeCsv(csv);
  });
  let host: RunningHost;
  let page: Page;
  beforeAll(() => {
    ({ host, page } = session);
  });

  const grid = (): Locator => page.getByTestId('preview-grid');
  const gridRow = (n: number): Locator => page.locator(`[data-testid="preview-row"][data-row="${n}"]`);
  const card = (name: string): Locator => page.locator(`[data-testid="column-card"][data-column="${name}"]`);
  const cellTexts = async (n: number): Promise<string[]> => (await gridRow(n).locator('td').allTextContents()).map((t) => t.trim());

  it('imports 200,000 rows, showing bytes and rows while it reads', async () => {
    await page.goto(host.url);
    await page.getByTestId('drop-zone').waitFor();
    const seen: string[] = [];
    const watch = setInterval(() => {
      void page
        .getByTestId('import-progress')
        .textContent({ timeout: 50 })
        .then((t) => t && seen.push(t))
        .catch(() => undefined);
    }, 40);
    await page.getByTestId('file-input').setInputFiles(csv);
    await page.getByTestId('dataset-view').waitFor({ timeout: 120_000 });
    clearInterval(watch);
    expect(seen.length).toBeGreaterThan(0);
    console.log(`import progress seen: ${[...new Set(seen)].slice(0, 6).join(' | ')}`);
    await expect.poll(() => page.getByTestId('dataset-shape').textContent()).toContain('200,000 rows × 8 columns');
    await expect.poll(() => page.getByTestId('table-facts').textContent()).toMatch(/200,000/);
  });

  it('infers the datetime, boolean, id and text columns', async () => {
    await card('churn').waitFor();
    expect(await card('signup_date').getAttribute('data-type')).toBe('datetime');
    expect(await card('active').getAttribute('data-type')).toBe('boolean');
    expect(await card('customer_id').getAttribute('data-type')).toBe('identifier');
    expect(await card('comment').getAttribute('data-type')).toBe('text');
    expect(await card('customer_id').getAttribute('data-excluded')).toBe('true');
  });

  it('shows row 1 in the grid, and the last row after scrolling to the end', async () => {
    await expect.poll(() => cellTexts(1), { timeout: 30_000 }).toEqual(expect.arrayContaining([row(0)[0], row(0)[5]]));
    expect(await page.getByTestId('preview-table').locator('tbody tr').count()).toBeGreaterThan(5);
    // Only the rows in view (and a few around) exist in the page.
    expect(await page.getByTestId('preview-row').count()).toBeLessThan(60);
    await grid().scrollIntoViewIfNeeded();
    await shot('dataset-grid-top', grid().locator('xpath=../..'));
    await grid().evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = row(ROWS - 1);
    await expect.poll(() => cellTexts(ROWS), { timeout: 30_000 }).toEqual(expect.arrayContaining([last[0], last[1], last[5], last[7]]));
    await expect.poll(() => page.getByTestId('preview-range').textContent()).toMatch(/–200,000 of 200,000/);
    // Half-way: a page from the middle arrives too.
    await grid().evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect.poll(async () => (await page.getByTestId('preview-row').first().locator('td').first().textContent())?.startsWith('C00'), { timeout: 30_000 }).toBe(true);
    await grid().evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => cellTexts(ROWS), { timeout: 30_000 }).toEqual(expect.arrayContaining([last[0]]));
    await shot('dataset-grid', grid().locator('xpath=../..'));
  });

  it('saves a type override and an exclusion, and both survive a reload', async () => {
    await card('age').getByTestId('column-type-select').selectOption('categorical');
    await expect.poll(() => card('age').getByTestId('column-save').textContent(), { timeout: 30_000 }).toBe('saved');
    expect(await card('age').getAttribute('data-type')).toBe('categorical');
    await card('income').getByTestId('column-exclude').uncheck();
    await expect.poll(() => card('income').getByTestId('column-save').textContent(), { timeout: 30_000 }).toBe('saved');
    expect(await card('income').getAttribute('data-excluded')).toBe('true');

    await page.reload();
    await card('age').waitFor({ timeout: 60_000 });
    expect(await card('age').getByTestId('column-type-select').inputValue()).toBe('categorical');
    expect(await card('age').getAttribute('data-type')).toBe('categorical');
    expect(await card('income').getByTestId('column-exclude').isChecked()).toBe(false);
    expect(await card('income').getAttribute('data-excluded')).toBe('true');
    // Back to the inferred type.
    await card('age').getByTestId('column-type-select').selectOption('auto');
    await expect.poll(() => card('age').getAttribute('data-type'), { timeout: 30_000 }).toBe('integer');
  });

  it('picks another target and sees its class balance', async () => {
    const balance = page.getByTestId('class-balance');
    await expect.poll(() => page.getByTestId('target-analysis').getAttribute('data-target'), { timeout: 30_000 }).toBe('churn');
    expect(await balance.getAttribute('data-classes')).toBe('2');
    await page.getByTestId('target-select').selectOption('plan');
    await expect.poll(() => page.getByTestId('target-analysis').getAttribute('data-target'), { timeout: 60_000 }).toBe('plan');
    await expect.poll(() => balance.getAttribute('data-classes')).toBe('3');
    const classes = await page.getByTestId('class-row').allTextContents();
    expect(classes.map((c) => c.split(':')[0]).sort()).toEqual(PLANS);
    await page.getByTestId('leakage-suspects').waitFor();
    await shot('dataset-target', page.getByTestId('target-analysis').locator('xpath=..'));
    await page.getByTestId('target-select').selectOption('churn');
    await expect.poll(() => balance.getAttribute('data-classes'), { timeout: 30_000 }).toBe('2');
    await shot('dataset-profiles', page.getByTestId('column-profiles').locator('xpath=..'));
    await page.locator('.main').evaluate((el) => (el.scrollTop = 0));
    await shot('dataset-top');
  });

  it('renders only the columns in view of a 5,000-column table, and pages its column cards', async () => {
    const wide = path.join(session.dir, 'wide.csv');
    const names = Array.from({ length: 5000 }, (_, j) => `f${j}`);
    const lines = [names.join(',')];
    for (let i = 0; i < 30; i += 1) lines.push(names.map((_, j) => String((i * 31 + j * 7) % 97)).join(','));
    fs.writeFileSync(wide, lines.join('\n') + '\n');
    await page.goto(host.url);
    await page.getByTestId('file-input').setInputFiles(wide);
    await expect.poll(() => page.getByTestId('dataset-shape').textContent(), { timeout: 120_000 }).toContain('5,000 columns');
    await expect.poll(() => cellTexts(1), { timeout: 30_000 }).toContain(String((0 * 31 + 0 * 7) % 97));
    const headers = page.getByTestId('preview-grid').locator('thead th');
    expect(await headers.count()).toBeLessThan(60);
    await grid().evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect.poll(() => headers.allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringContaining('f4999')]));
    expect(await headers.count()).toBeLessThan(60);
    expect(await page.getByTestId('column-card').count()).toBeLessThanOrEqual(24);
    await expect.poll(() => page.getByTestId('column-pager').first().textContent()).toContain('of 5,000');
    await page.getByTestId('column-search').fill('f4999');
    await expect.poll(() => page.getByTestId('column-card').count()).toBe(1);
    await grid().scrollIntoViewIfNeeded();
    await shot('dataset-wide', grid().locator('xpath=../..'));
  });

  async function shot(name: string, target?: Locator): Promise<void> {
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    if (target) await target.screenshot({ path: file });
    else await page.screenshot({ path: file });
  }
});
