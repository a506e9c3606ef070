/**
 * The row sampler (ml/io/row-sample.ts) and the readers that use it: exactly the rows asked for,
 * the same rows for the same seed (from a path, gzip or bytes, over every pass of the reader),
 * uniform over the file (each row about equally likely, first and last included), in file order,
 * with the header kept and quoted fields that span lines intact; blank lines are not rows; a file
 * with fewer rows is read whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, type Frame } from '../../../../src/main/ml/frame';
import { readCsvBytes, readCsvColumns } from '../../../../src/main/ml/io/csv-reader';
import { readJsonLinesBytes } from '../../../../src/main/ml/io/jsonl-reader';
import { RowSelector, sampleFrame } from '../../../../src/main/ml/io/row-sample';
import { tempDir } from '../../../support/datasets';

const ROWS = 2_000;

/** Row i's free text: every fifth spans three lines and holds the delimiter and doubled quotes. */
const note = (i: number): string => (i % 5 === 0 ? `first line ${i}\nsecond, with "quotes"\nthird ${i}` : `plain ${i}`);
const csvField = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

function csvText(): string {
  const lines = ['id,note,value'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`${i},${csvField(note(i))},${(i * 0.5).toFixed(1)}`);
    if (i % 100 === 0) lines.push(''); // blank lines are not rows
  }
  return lines.join('\r\n') + '\r\n';
}

const column = (frame: Frame, name: string): (string | null)[] => {
  const c = frame.columns.find((x) => x.name === name)!;
  return Array.from({ length: frame.rowCount }, (_, r) => cellText(c, r));
};
const ids = (frame: Frame): number[] => column(frame, 'id').map(Number);

describe('RowSelector', () => {
  it('takes exactly the rows asked for, the same ones for the same seed', () => {
    const pick = (total: number, wanted: number, seed: number): number[] => {
      const s = new RowSelector(total, wanted, seed);
      return Array.from({ length: total }, (_, i) => i).filter(() => s.take());
    };
    for (const [total, wanted] of [
      [10, 3],
      [1000, 1],
      [1000, 999],
      [5, 5],
      [7, 0],
    ]) {
      expect(pick(total, wanted, 1)).toHaveLength(wanted);
    }
    expect(pick(1000, 50, 7)).toEqual(pick(1000, 50, 7));
    expect(pick(1000, 50, 7)).not.toEqual(pick(1000, 50, 8));
    // Asked for more rows than come: every row.
    const all = new RowSelector(4, 10, 1);
    expect([all.take(), all.take(), all.take(), all.take()]).toEqual([true, true, true, true]);
  });

  it('is uniform: over many seeds each row is taken about as often as any other', () => {
    const total = 100;
    const wanted = 10;
    const draws = 4_000;
    const counts = new Array<number>(total).fill(0);
    for (let seed = 0; seed < draws; seed++) {
      const s = new RowSelector(total, wanted, seed);
      for (let i = 0; i < total; i++) if (s.take()) counts[i]++;
    }
    const expected = (draws * wanted) / total; // 400 each
    // Binomial(4000, 0.1): sd ≈ 19; 5 sd either side.
    for (const [i, n] of counts.entries()) expect(Math.abs(n - expected), `row ${i}`).toBeLessThan(95);
    // No drift along the file: the first and last halves are taken alike.
    const firstHalf = counts.slice(0, 50).reduce((a, b) => a + b, 0);
    expect(Math.abs(firstHalf - (draws * wanted) / 2)).toBeLessThan(0.02 * draws * wanted);
    const chiSquare = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(160); // 99 degrees of freedom: p ≈ 1e-4 at 160
  });

  it('samples a table already in memory the same way (Parquet)', () => {
    const frame: Frame = { rowCount: 1000, columns: [{ kind: 'numeric', name: 'id', values: Float64Array.from({ length: 1000 }, (_, i) => i) }] };
    const sampled = sampleFrame({ frame, notes: [] }, { rows: 30, seed: 4 });
    expect(sampled.sample).toEqual({ rows: 30, of: 1000, seed: 4 });
    const s = new RowSelector(1000, 30, 4);
    expect(ids(sampled.frame)).toEqual(Array.from({ length: 1000 }, (_, i) => i).filter(() => s.take()));
    expect(sampleFrame({ frame, notes: [] }, { rows: 1000, seed: 4 }).frame).toBe(frame);
  });
});

describe('reading a sample of a CSV file', () => {
  let dir: string;
  let file: string;
  let text: string;
  beforeAll(() => {
    dir = tempDir('mlestar-row-sample-');
    text = csvText();
    file = path.join(dir, 'notes.csv');
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.gz`, gzipSync(text));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the rows asked for, in file order, with the header and multi-line quoted fields intact', async () => {
    const read = await readCsvColumns(file, { sample: { rows: 150, seed: 11 } });
    expect(read.sample).toEqual({ rows: 150, of: ROWS, seed: 11 });
    expect(read.frame.rowCount).toBe(150);
    expect(read.frame.columns.map((c) => c.name)).toEqual(['id', 'note', 'value']);
    const kept = ids(read.frame);
    expect(new Set(kept).size).toBe(150);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
    expect(kept.every((i) => Number.isInteger(i) && i >= 0 && i < ROWS)).toBe(true);
    // Every cell is its row's: the notes (some three lines long, with commas and quotes) and values.
    expect(column(read.frame, 'note')).toEqual(kept.map(note));
    expect(column(read.frame, 'value').map(Number)).toEqual(kept.map((i) => i * 0.5));
    expect(kept.filter((i) => i % 5 === 0).length).toBeGreaterThan(10);
  });

  it('picks the same rows for the same seed, from a path, a gzip file or bytes; another seed picks others', async () => {
    const a = ids((await readCsvColumns(file, { sample: { rows: 150, seed: 11 } })).frame);
    const b = ids((await readCsvColumns(`${file}.gz`, { sample: { rows: 150, seed: 11 } })).frame);
    const c = ids((await readCsvBytes(Buffer.from(text), 'notes.csv', { sample: { rows: 150, seed: 11 } })).frame);
    const other = ids((await readCsvColumns(file, { sample: { rows: 150, seed: 12 } })).frame);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(other).not.toEqual(a);
    // The row selection is the selector's over the data rows (blank lines are not offered).
    const s = new RowSelector(ROWS, 150, 11);
    expect(a).toEqual(Array.from({ length: ROWS }, (_, i) => i).filter(() => s.take()));
  });

  it("keeps the same rows in the reader's second pass (a column that turns from numbers to text)", async () => {
    // `code` reads as numbers until row 1,500, then as text: its earlier cells are read again.
    const lines = ['id,code'];
    for (let i = 0; i < ROWS; i++) lines.push(`${i},${i < 1500 ? i : `C${i}`}`);
    const read = await readCsvBytes(Buffer.from(lines.join('\n')), 'codes.csv', { sample: { rows: 400, seed: 3 } });
    const kept = ids(read.frame);
    expect(read.frame.columns[1].kind).toBe('categorical');
    expect(column(read.frame, 'code')).toEqual(kept.map((i) => (i < 1500 ? String(i) : `C${i}`)));
  });

  it('reads a file with no more rows than asked for whole, and says nothing of a sample', async () => {
    const read = await readCsvColumns(file, { sample: { rows: ROWS, seed: 1 } });
    expect(read.sample).toBeUndefined();
    expect(read.frame.rowCount).toBe(ROWS);
  });

  it('samples JSON lines the same way', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({ id: i, text: `row ${i}` }));
    lines.splice(10, 0, '', '   ');
    const read = await readJsonLinesBytes(Buffer.from(lines.join('\n')), 'rows.jsonl', { sample: { rows: 40, seed: 5 } });
    expect(read.sample).toEqual({ rows: 40, of: 500, seed: 5 });
    const kept = ids(read.frame);
    expect(kept).toHaveLength(40);
    expect(column(read.frame, 'text')).toEqual(kept.map((i) => `row ${i}`));
    const s = new RowSelector(500, 40, 5);
    expect(kept).toEqual(Array.from({ length: 500 }, (_, i) => i).filter(() => s.take()));
  });
});
