/**
 * A minimal CSV → Frame loader for the real-data test, kept local so these tests do not depend
 * on the app's CSV reader. Handles double-quoted fields without embedded newlines.
 */
import fs from 'node:fs';
import type { Frame } from '../../../../src/main/ml/frame';
import { categorical, frame, numeric } from './synthetic';

function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

export function loadCsvFrame(path: string): Frame {
  const lines = fs.readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitLine(lines[0]);
  const rows = lines.slice(1).map(splitLine);
  const columns = header.map((name, j) => {
    const cells = rows.map((r) => (r[j] === undefined || r[j].trim() === '' ? null : r[j]));
    const isNumeric = cells.every((c) => c === null || Number.isFinite(Number(c)));
    return isNumeric ? numeric(name, cells.map((c) => (c === null ? Number.NaN : Number(c)))) : categorical(name, cells);
  });
  return frame(columns);
}
