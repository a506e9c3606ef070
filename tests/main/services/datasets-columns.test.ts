/**
 * Column choices and target analysis through the request handler, as the window calls them:
 * validation of the payload, saved choices surviving a restart, and analysis of any target.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/app/composition';
import { createRequestHandler } from '../../../src/main/ipc/request-handler';
import type { DatasetDetail, TargetAnalysis } from '../../../src/shared/domain';
import { tempDir } from '../db/helpers';

function csvText(rows: number): string {
  const lines = ['order_id,placed,region,amount,refund_issued,returned'];
  for (let i = 0; i < rows; i++) {
    const returned = i % 4 === 0;
    lines.push(`${i + 1},2024-0${1 + (i % 9)}-1${i % 10},${['north', 'south', 'east'][i % 3]},${((i * 37) % 100) + 0.5},${returned ? 'yes' : 'no'},${returned ? 'yes' : 'no'}`);
  }
  return lines.join('\n') + '\n';
}

describe('column choices and target analysis over the request handler', () => {
  it('uploads bytes as base64, saves overrides and exclusions across a restart, and analyses any target', async () => {
    const dataDir = path.join(tempDir(), 'data');
    let studio = createStudio({ dataDir, host: 'serve' });
    let handle = createRequestHandler(studio);
    try {
      const upload = await handle('datasets:upload', { fileName: 'orders.csv', base64: Buffer.from(csvText(400)).toString('base64') });
      expect(upload.ok).toBe(true);
      const detail = (upload as { data: DatasetDetail }).data;
      expect(detail.rows).toBe(400);
      expect(detail.table).toMatchObject({ rows: 400, columns: 6, duplicateRows: 0 });
      expect(detail.table.memoryBytes).toBeGreaterThan(400 * 6 * 4);
      const types = Object.fromEntries(detail.profile.map((c) => [c.name, c.inferredType]));
      expect(types).toMatchObject({ order_id: 'identifier', placed: 'datetime', region: 'categorical', amount: 'numeric', returned: 'boolean' });

      const both = await handle('datasets:upload', { fileName: 'x.csv', text: 'a\n1\n', base64: 'YQ==' });
      expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      const badType = await handle('datasets:updateColumns', { id: detail.id, columns: [{ index: 0, type: 'money', excluded: false }] });
      expect(badType).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      const noColumn = await handle('datasets:updateColumns', { id: detail.id, columns: [{ index: 6, type: null, excluded: true }] });
      expect(noColumn).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect((noColumn as { error: { message: string } }).error.message).toMatch(/no column 6/);

      const region = detail.profile.find((c) => c.name === 'region')!;
      const amount = detail.profile.find((c) => c.name === 'amount')!;
      const saved = await handle('datasets:updateColumns', {
        id: detail.id,
        columns: [
          { index: region.index, type: null, excluded: true },
          { index: amount.index, type: 'categorical', excluded: false },
        ],
      });
      expect(saved.ok).toBe(true);
    } finally {
      await studio.close();
    }

    studio = createStudio({ dataDir, host: 'serve' });
    handle = createRequestHandler(studio);
    try {
      const [summary] = studio.datasets.list();
      const reopened = studio.datasets.get(summary.id);
      expect(reopened.profile.find((c) => c.name === 'region')).toMatchObject({ excluded: true, excludedReason: 'left out by you', type: 'categorical' });
      expect(reopened.profile.find((c) => c.name === 'amount')).toMatchObject({ type: 'categorical', inferredType: 'numeric', excluded: false });

      const analysis = await handle('datasets:analyzeTarget', { id: summary.id, target: 'returned' });
      expect(analysis.ok).toBe(true);
      const a = (analysis as { data: TargetAnalysis }).data;
      expect(a.task).toBe('binary');
      expect(a.classBalance).toEqual([
        { label: 'no', count: 300 },
        { label: 'yes', count: 100 },
      ]);
      expect(a.leakageSuspects.map((s) => s.column)).toContain('refund_issued');

      const regression = (await handle('datasets:analyzeTarget', { id: summary.id, target: 'amount' })) as { ok: boolean; data: TargetAnalysis };
      expect(regression.ok).toBe(true);
      expect(regression.data.classBalance.length).toBeGreaterThan(0); // amount is set to categorical: classification

      const unknown = await handle('datasets:analyzeTarget', { id: summary.id, target: 'nope' });
      expect(unknown).toMatchObject({ ok: false });
      expect((unknown as { error: { message: string } }).error.message).toMatch(/"orders.csv" has no column named "nope"/);
    } finally {
      await studio.close();
    }
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });
});
