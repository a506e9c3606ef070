import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../../src/main/ml/data-error';
import { cellText } from '../../../../src/main/ml/frame';
import { readJsonLines, readJsonLinesBytes } from '../../../../src/main/ml/io/jsonl-reader';
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

  // Issue 3, case 10 and the cases that apply to JSON lines too.
  it('10. names the line of a bad line counting blank and CRLF lines, and a cut-off last line', async () => {
    const file = write('crlf.jsonl', '{"x": 1}\r\n\r\n{"x": 2}\r\n{"x": 3, "y": }\r\n{"x": 4}\r\n');
    const e = await readJsonLines(file).catch((err: unknown) => err as DataError);
    expect(e).toMatchObject({ code: 'BAD_LINE', file: 'crlf.jsonl', row: 4 });
    const cut = write('cut.jsonl', '{"x": 1}\n{"x": 2}\n{"x": 3, "lab');
    await expect(readJsonLines(cut)).rejects.toMatchObject({ code: 'BAD_LINE', row: 3, message: expect.stringMatching(/Line 3 of "cut\.jsonl" is not valid JSON/) });
  });

  it('10. skips bad lines on request, with a note naming them', async () => {
    const file = write('skip.jsonl', ['{"x": 1}', 'oops', '{"x": 2}', '[3]', '{"x": 4}'].join('\n'));
    const { frame, notes } = await readJsonLines(file, { skipBadRows: true });
    expect(frame.rowCount).toBe(3);
    expect([0, 1, 2].map((r) => cellText(frame.columns[0], r))).toEqual(['1', '2', '4']);
    expect(notes).toEqual(['Skipped 2 lines that are not a JSON object (lines 2 and 4).']);
    const none = write('none.jsonl', 'a\nb\n');
    await expect(readJsonLines(none, { skipBadRows: true })).rejects.toMatchObject({ code: 'BAD_LINE', row: 1, message: expect.stringMatching(/No line of "none\.jsonl" is a JSON object/) });
  });

  it('a column that holds numbers and then text keeps every value', async () => {
    const file = write('late-text.jsonl', '{"x": 1.50}\n{"x": 2}\n{"x": "abc"}\n{"x": null}\n');
    const { frame } = await readJsonLines(file);
    expect(frame.columns[0].kind).toBe('categorical');
    expect([0, 1, 2, 3].map((r) => cellText(frame.columns[0], r))).toEqual(['1.5', '2', 'abc', null]);
  });

  it('3. an image renamed .jsonl, 1. empty, 2. only empty objects', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
    await expect(readJsonLines(write('photo.jsonl', png as unknown as string))).rejects.toMatchObject({
      code: 'BINARY_FILE',
      message: expect.stringMatching(/"photo\.jsonl" is not a JSON lines text file: it looks like a PNG image/),
    });
    await expect(readJsonLines(write('blank.jsonl', '\n\n  \n'))).rejects.toMatchObject({ code: 'EMPTY_FILE', message: expect.stringMatching(/"blank\.jsonl" is empty.*JSON lines/) });
    await expect(readJsonLines(write('objects.jsonl', '{}\n{}\n'))).rejects.toMatchObject({ code: 'NO_ROWS', message: expect.stringMatching(/Every object in "objects\.jsonl" is empty/) });
  });

  it('5. mixed encodings: valid UTF-8 stays, stray Latin-1 bytes are read as Windows-1252, with a note', async () => {
    const bytes = Buffer.concat([Buffer.from('{"city": "Zürich"}\n{"city": "Zürich → ', 'utf8'), Buffer.from('Malmö', 'latin1'), Buffer.from('"}\n', 'utf8')]);
    const { frame, notes } = await readJsonLines(write('mixed.jsonl', bytes as unknown as string));
    expect([0, 1].map((r) => cellText(frame.columns[0], r))).toEqual(['Zürich', 'Zürich → Malmö']);
    expect(notes[0]).toMatch(/1 line was not entirely valid UTF-8.*Windows-1252.*line 2/);
  });

  it('6. an empty key becomes a named column', async () => {
    const { frame, notes } = await readJsonLines(write('keys.jsonl', '{"": 1, "b": 2}\n'));
    expect(frame.columns.map((c) => c.name)).toEqual(['column_1', 'b']);
    expect(notes[0]).toMatch(/column 1 had no name and became "column_1"/);
  });

  it('7. a value over 16 MB is refused with its line and column', async () => {
    const file = write('big.jsonl', `{"id": 1, "text": "a"}\n{"id": 2, "text": "${'x'.repeat(17 * 1024 * 1024)}"}\n`);
    await expect(readJsonLines(file)).rejects.toMatchObject({ code: 'TOO_LARGE', row: 2, column: 'text' });
  });

  it('9. a file truncated while it is read names the line where reading stopped', async () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `{"i": ${i}, "label": "v${i % 3}"}`);
    const file = write('shrinking.jsonl', lines.join('\n') + '\n');
    let cut = false;
    const size = fs.statSync(file).size;
    const error = await readJsonLines(file, {
      onProgress: () => {
        if (cut) return;
        cut = true;
        fs.truncateSync(file, Math.floor(size / 2));
      },
    }).then(
      () => null,
      (e: unknown) => e as DataError,
    );
    expect(error).toMatchObject({ code: 'READ_FAILED', file: 'shrinking.jsonl' });
    expect(error?.message).toMatch(/became shorter while it was being read.*could be read stops in the middle of line \d+/);
    expect(error?.row).toBe(fs.readFileSync(file, 'utf8').split('\n').length);
  });

  it('reads uploaded bytes the same way', async () => {
    const { frame } = await readJsonLinesBytes(Buffer.from('{"x": 1}\n{"x": 2}\n'), 'up.jsonl');
    expect(frame.rowCount).toBe(2);
    await expect(readJsonLinesBytes(Buffer.from('{"x": 1}\nnope\n'), 'up.jsonl')).rejects.toMatchObject({ code: 'BAD_LINE', row: 2 });
  });
});
