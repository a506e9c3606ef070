import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from '../../../../src/main/ml/frame';
import { cellText } from '../../../../src/main/ml/frame';
import { FrameCacheError, FrameCacheReader, readFrameCache, writeFrameCache } from '../../../../src/main/ml/io/frame-cache';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsf-'));
  dirs.push(dir);
  return path.join(dir, 'frame.mlsf');
}

function sampleFrame(rows: number): Frame {
  const values = Float64Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? Number.NaN : i * 1.5));
  const codes = Int32Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? -1 : i % 3));
  return {
    rowCount: rows,
    columns: [
      { kind: 'numeric', name: 'x', values },
      { kind: 'categorical', name: 'city', codes, categories: ['Paris', 'Oslo', 'Zürich'] },
    ],
  };
}

describe('frame cache', () => {
  it('round-trips a frame, missing values included', () => {
    const file = tempFile();
    const frame = sampleFrame(1000);
    writeFrameCache(file, frame);
    const back = readFrameCache(file);
    expect(back.rowCount).toBe(1000);
    for (const r of [0, 1, 5, 7, 999]) {
      expect(back.columns.map((c) => cellText(c, r))).toEqual(frame.columns.map((c) => cellText(c, r)));
    }
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it('reads row ranges on demand without loading the whole file, clipped at the end', () => {
    const file = tempFile();
    const frame = sampleFrame(10_000);
    writeFrameCache(file, frame);
    const reader = FrameCacheReader.open(file);
    try {
      expect(reader.rowCount).toBe(10_000);
      expect(reader.columnNames).toEqual(['x', 'city']);
      const page = reader.readRows(9_990, 50);
      expect(page.rowCount).toBe(10);
      for (let i = 0; i < page.rowCount; i++) {
        expect(page.columns.map((c) => cellText(c, i))).toEqual(frame.columns.map((c) => cellText(c, 9_990 + i)));
      }
      expect(reader.readRows(20_000, 10).rowCount).toBe(0);
    } finally {
      reader.close();
    }
  });

  it('refuses a damaged file: a flipped byte fails the checksum, a cut file fails the footer', () => {
    const file = tempFile();
    writeFrameCache(file, sampleFrame(500));
    const bytes = fs.readFileSync(file);
    bytes[100] ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect(() => readFrameCache(file)).toThrow(/checksum mismatch/);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 20));
    expect(() => readFrameCache(file)).toThrow(FrameCacheError);
    expect(() => FrameCacheReader.open(file)).toThrow(/damaged/);
  });
});
