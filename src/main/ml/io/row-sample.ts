/**
 * A seeded, uniform random sample of a file's data rows, chosen while the file streams by, so a
 * file too large for the memory budget can still be imported in part without ever being held
 * whole: the readers (csv-reader.ts, jsonl-reader.ts) count the rows in a first pass, then keep
 * the rows a {@link RowSelector} picks as they read, in file order.
 *
 * The selector is selection sampling (Knuth, TAOCP vol. 2, 3.4.2, Algorithm S): row i of N is
 * taken with probability (rows still wanted) / (rows still to come), which picks exactly n rows,
 * every n-subset equally likely, in one pass and constant memory. A reader's later passes (a
 * column whose typing needs a second look) use a fresh selector with the same seed, and so pick
 * the same rows.
 *
 * A "row" is a non-blank record after the header (CSV; a quoted field may span lines) or a
 * non-blank line (JSON lines): rows the reader would skip as malformed are counted like the rest,
 * so a sample of a file with bad rows may come out a little short (the notes say which were
 * skipped).
 */
import { type Frame, selectRows } from '../frame';
import { createRng, type Rng } from '../rng';

/** What the user asked for: `rows` rows of the file, drawn with `seed`. */
export interface RowSampleRequest {
  rows: number;
  seed: number;
}

/** What an import that sampled kept: `rows` of the file's `of` data rows, drawn with `seed`. */
export interface RowSampleInfo {
  rows: number;
  of: number;
  seed: number;
}

/** The seed a sample is drawn with when none is given. */
export const DEFAULT_SAMPLE_SEED = 1;

/** Picks `wanted` of `total` rows uniformly at random, deciding row by row in order. */
export class RowSelector {
  private seen = 0;
  private picked = 0;
  private readonly rng: Rng;

  constructor(
    readonly total: number,
    readonly wanted: number,
    seed: number,
  ) {
    this.rng = createRng(seed);
  }

  /** Whether the next row is in the sample (call once per row, in file order). */
  take(): boolean {
    const left = this.total - this.seen;
    this.seen++;
    if (this.picked >= this.wanted || left <= 0) return false;
    // Take with probability (still wanted) / (still to come): certain once they are equal.
    if (left * this.rng.next() >= this.wanted - this.picked) return false;
    this.picked++;
    return true;
  }
}

/**
 * The same sample taken from a table already in memory (Parquet, which is read whole): the rows
 * the selector picks, in order. The table unchanged when it has no more rows than that.
 */
export function sampleFrame<T extends { frame: Frame }>(read: T, request: RowSampleRequest): T & { sample?: RowSampleInfo } {
  const total = read.frame.rowCount;
  if (total <= request.rows) return read;
  const selector = new RowSelector(total, request.rows, request.seed);
  const rows = new Int32Array(request.rows);
  for (let r = 0, k = 0; r < total; r++) if (selector.take()) rows[k++] = r;
  const sample = { rows: request.rows, of: total, seed: request.seed };
  return { ...read, frame: selectRows(read.frame, rows), sample };
}
