import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../../src/main/ml/data-error';
import { cellText } from '../../../../src/main/ml/frame';
import { readJsonLines } from '../../../../src/main/ml/io/jsonl-reader';
import { tempDir } from '../../../support/datasets';

describe('JSON lines reader', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir('mlestar-jsonl-')));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('reads objects into typed columns, with keys first seen late, nulls as missing and nested values as JSON', async () => {
    const file = write('ok.jsonl', ['{"x": 1, "label": "a"}', '', '{"x": 2.5, "label": "b", "extra": {"k": 1}}', '{"x": null, "label": "a", "flag": true}'].join('\n') + '\n');
    const { frame } = await readJsonLines(file);
    expect(frame.rowCount).toBe(3);
    expect(frame.columns.map((c) => [c.name, c.kind])).toEqual([
      ['x', 'numeric'],
      ['label', 'categorical'],
      ['extra', 'categorical'],
      ['flag', 'categorical'],
    ]);
    const [x, label, extra, flag] = frame.columns;
    expect([0, 1, 2].map((r) => cellText(x, r))).toEqual(['1', '2.5', null]);
    expect([0, 1, 2].map((r) => cellText(label, r))).toEqual(['a', 'b', 'a']);
    expect(cellText(extra, 1)).toBe('{"k":1}');
    expect([0, 2].map((r) => cellText(flag, r))).toEqual([null, 'true']);
  });

  it('names the file and line of a line that is not JSON, or not an object', async () => {
    const bad = write('bad.jsonl', '{"x": 1}\n{"x": 2\n{"x": 3}\n');
    await expect(readJsonLines(bad)).rejects.toThrow(/Line 2 of .*bad\.jsonl.* is not valid JSON/);
    await expect(readJsonLines(bad)).rejects.toBeInstanceOf(DataError);
    const notObject = write('array.jsonl', '{"x": 1}\n[1, 2]\n');
    await expect(readJsonLines(notObject)).rejects.toThrow(/Line 2 of .*array\.jsonl.* is not a JSON object/);
  });

  it('refuses an empty file', async () => {
    await expect(readJsonLines(write('empty.jsonl', ''))).rejects.toThrow(/empty/i);
  });
});
