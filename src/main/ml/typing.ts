/**
 * Turns parsed CSV rows (arrays of strings) into typed columns, incrementally, so a file can be
 * streamed without keeping its text: a column stays numeric (Float64Array, NaN = missing) while
 * every non-missing value parses as a finite number, and becomes categorical (Int32Array codes
 * into a first-appearance dictionary, -1 = missing) at the first value that does not.
 *
 * When a column turns categorical after it has already held numbers, the original texts of those
 * earlier cells are gone ("1.50" and "1.5" both became 1.5). Rather than keep every cell's text
 * for every column just in case, such cells are marked PENDING and the reader re-reads the rows
 * before the switch ({@link FrameBuilder.pendingRows}) and hands their texts back
 * ({@link FrameBuilder.recover}). That second pass is rare and stops at the switch row.
 */
import type { Column, Frame } from './frame';
import { MISSING_CODE } from './frame';

/** Code for a cell whose text must be recovered by a second pass (never left in a finished frame). */
const PENDING = -2;
const INITIAL_CAPACITY = 1024;

/**
 * The cell text with surrounding whitespace removed (only allocates when there is some): stray
 * spaces after delimiters and a `\r` from mixed line endings are not part of the value.
 */
export function cleanCell(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  return text.charCodeAt(0) <= 32 || text.charCodeAt(n - 1) <= 32 ? text.trim() : text;
}

/**
 * True for the tokens that mean "missing" in exported data: empty, `NA`, `N/A`, `null`, `NaN`
 * (case-insensitive), `?` and `-`. Expects a {@link cleanCell}ed value. No allocation.
 */
export function isMissingToken(s: string): boolean {
  switch (s.length) {
    case 0:
      return true;
    case 1: {
      const c = s.charCodeAt(0);
      return c === 63 /* ? */ || c === 45 /* - */;
    }
    case 2:
      return (s.charCodeAt(0) | 32) === 110 && (s.charCodeAt(1) | 32) === 97; // na
    case 3: {
      if ((s.charCodeAt(0) | 32) !== 110) return false; // n
      const b = s.charCodeAt(1);
      const c = s.charCodeAt(2) | 32;
      return (b === 47 && c === 97) || ((b | 32) === 97 && c === 110); // n/a, nan
    }
    case 4:
      return s.toLowerCase() === 'null';
    default:
      return false;
  }
}

/**
 * The value of a decimal number literal (`12`, `-3.5`, `.5`, `1e-3`), or NaN for anything else:
 * non-finite values and the hex/octal/binary forms `Number()` would otherwise accept.
 */
export function parseNumber(s: string): number {
  const v = +s;
  if (!Number.isFinite(v)) return Number.NaN;
  if (s.length > 2 && s.charCodeAt(0) === 48) {
    const c = s.charCodeAt(1) | 32;
    if (c === 120 || c === 111 || c === 98) return Number.NaN; // 0x, 0o, 0b
  }
  return v;
}

/** One column being built; rows arrive in order. */
class ColumnBuilder {
  kind: 'numeric' | 'categorical' = 'numeric';
  values: Float64Array;
  codes: Int32Array = new Int32Array(0);
  categories: string[] = [];
  private dictionary = new Map<string, number>();
  private numbersSeen = 0;
  /** Rows before this one may hold PENDING codes (0 when none). */
  pendingBefore = 0;

  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.values = new Float64Array(capacity);
  }

  grow(capacity: number): void {
    if (this.kind === 'numeric') {
      const next = new Float64Array(capacity);
      next.set(this.values);
      this.values = next;
    } else {
      const next = new Int32Array(capacity);
      next.set(this.codes);
      this.codes = next;
    }
  }

  push(raw: string, row: number): void {
    const s = cleanCell(raw);
    if (isMissingToken(s)) {
      if (this.kind === 'numeric') this.values[row] = Number.NaN;
      else this.codes[row] = MISSING_CODE;
      return;
    }
    if (this.kind === 'numeric') {
      const v = parseNumber(s);
      if (!Number.isNaN(v)) {
        this.values[row] = v;
        this.numbersSeen++;
        return;
      }
      this.toCategorical(row);
    }
    this.codes[row] = this.codeOf(s);
  }

  private codeOf(s: string): number {
    let code = this.dictionary.get(s);
    if (code === undefined) {
      code = this.categories.length;
      this.categories.push(s);
      this.dictionary.set(s, code);
    }
    return code;
  }

  private toCategorical(row: number): void {
    const codes = new Int32Array(this.values.length);
    if (this.numbersSeen > 0) {
      for (let i = 0; i < row; i++) codes[i] = Number.isNaN(this.values[i]) ? MISSING_CODE : PENDING;
      this.pendingBefore = row;
    } else {
      codes.fill(MISSING_CODE, 0, row);
    }
    this.kind = 'categorical';
    this.codes = codes;
    this.values = new Float64Array(0);
  }

  /**
   * Fills the PENDING cells from their texts (`texts[i]` for row i) and rebuilds the dictionary so
   * its order is still first appearance over the whole column.
   */
  recover(texts: readonly (string | undefined)[], rowCount: number): void {
    const old = this.categories;
    const oldToNew = new Int32Array(old.length).fill(-1);
    this.categories = [];
    this.dictionary = new Map();
    const codes = this.codes;
    for (let i = 0; i < rowCount; i++) {
      const c = codes[i];
      if (c === PENDING) {
        const text = texts[i];
        codes[i] = text === undefined ? MISSING_CODE : this.codeOf(cleanCell(text));
      } else if (c >= 0) {
        let mapped = oldToNew[c];
        if (mapped < 0) mapped = oldToNew[c] = this.codeOf(old[c]);
        codes[i] = mapped;
      }
    }
    this.pendingBefore = 0;
  }

  finish(rowCount: number): Column {
    if (this.kind === 'numeric') return { kind: 'numeric', name: this.name, values: this.values.slice(0, rowCount) };
    return { kind: 'categorical', name: this.name, codes: this.codes.slice(0, rowCount), categories: this.categories };
  }
}

/** Builds a {@link Frame} from data rows that all have one field per column. */
export class FrameBuilder {
  private readonly columns: ColumnBuilder[];
  private capacity = INITIAL_CAPACITY;
  /** Data rows added so far. */
  rowCount = 0;

  constructor(readonly names: readonly string[]) {
    this.columns = names.map((name) => new ColumnBuilder(name, INITIAL_CAPACITY));
  }

  /** Adds one data row; `fields.length` must equal the column count. */
  add(fields: readonly string[]): void {
    const r = this.rowCount;
    if (r === this.capacity) {
      // Grow by 1.5x past 1M rows to limit the transient copy on big files.
      this.capacity = r < 1 << 20 ? r * 2 : Math.floor(r * 1.5);
      for (const c of this.columns) c.grow(this.capacity);
    }
    const cols = this.columns;
    for (let c = 0; c < cols.length; c++) cols[c].push(fields[c], r);
    this.rowCount = r + 1;
  }

  /**
   * For each column whose earlier texts must be re-read: its index and the number of leading data
   * rows to re-read. Empty when the frame is complete.
   */
  pendingRows(): { column: number; before: number }[] {
    const out: { column: number; before: number }[] = [];
    this.columns.forEach((c, i) => {
      if (c.pendingBefore > 0) out.push({ column: i, before: c.pendingBefore });
    });
    return out;
  }

  /** Hands back the texts asked for by {@link pendingRows}: `texts[k][row]` for the k-th entry. */
  recover(pending: readonly { column: number }[], texts: readonly (readonly (string | undefined)[])[]): void {
    pending.forEach((p, k) => this.columns[p.column].recover(texts[k], this.rowCount));
  }

  finish(): Frame {
    if (this.pendingRows().length > 0) throw new Error('FrameBuilder.finish called before recover');
    return { rowCount: this.rowCount, columns: this.columns.map((c) => c.finish(this.rowCount)) };
  }
}
