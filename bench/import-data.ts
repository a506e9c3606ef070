/**
 * The import benchmark's input: a seeded 1,000,000 × 20 mixed-type CSV (floats, integers,
 * low- and high-cardinality categories, booleans, dates, a few missing values), written in
 * streamed blocks so generating it never holds the whole text.
 */
import fs from 'node:fs';
import { createRng } from '../src/main/ml/rng';

/** Column names of the generated file, in order. */
export const BENCH_COLUMNS = [
  'id', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'i1', 'i2', 'i3', 'i4',
  'city', 'color', 'segment', 'code', 'flag', 'day', 'target',
];

const CITIES = ['Paris', 'Berlin', 'Madrid', 'Rome', 'Lisbon', 'Vienna', 'Oslo', 'Dublin', 'Prague', 'Athens', 'Zürich', 'Kraków'];
const COLORS = ['red', 'green', 'blue', 'yellow', 'black'];
const SEGMENTS = ['consumer', 'corporate', 'home office'];

/** Writes `rows` data rows (plus a header) to `file`; the same seed gives the same bytes. */
export function writeBenchCsv(file: string, rows: number, seed = 7): void {
  const rng = createRng(seed);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, BENCH_COLUMNS.join(',') + '\n');
    let block: string[] = [];
    for (let r = 0; r < rows; r++) {
      const f = (scale: number): string => (rng.next() < 0.01 ? '' : (rng.normal() * scale).toFixed(4));
      const day = 1 + rng.int(28);
      const month = 1 + rng.int(12);
      const fields = [
        String(r + 1),
        f(1), f(10), f(100), f(0.01), f(1000), f(3), f(50), rng.next().toFixed(6),
        String(rng.int(100)), String(rng.int(10_000)), String(rng.int(2)), String(-50 + rng.int(100)),
        CITIES[rng.int(CITIES.length)],
        rng.next() < 0.02 ? 'NA' : COLORS[rng.int(COLORS.length)],
        SEGMENTS[rng.int(SEGMENTS.length)],
        `C${rng.int(5000)}`,
        rng.next() < 0.5 ? 'true' : 'false',
        `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        rng.next() < 0.3 ? 'yes' : 'no',
      ];
      block.push(fields.join(','));
      if (block.length === 10_000) {
        fs.writeSync(fd, block.join('\n') + '\n');
        block = [];
      }
    }
    if (block.length > 0) fs.writeSync(fd, block.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
}
