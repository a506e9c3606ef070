/**
 * Typed columns built straight from field bytes (the fast CSV path's counterpart of typing.ts,
 * with the same rules): a column stays numeric while every present value is a decimal number,
 * and turns categorical at the first one that is not; the missing tokens are typing.ts's.
 *
 * Numbers are parsed from the bytes without making a string: up to 15 significant digits and no
 * exponent, the value is `digits / 10^k`, one correctly rounded division of two exact doubles
 * (Clinger's fast path), so it equals what `Number(text)` gives. Anything else goes to the
 * string path (typing.ts's `parseNumber`).
 *
 * When a column turns categorical after holding numbers, the earlier cells' texts are gone;
 * they are marked PENDING and re-read by a second pass, as in typing.ts.
 */
import type { Column } from '../frame';
import { cleanCell, parseNumber } from '../typing';
import { ByteDictionary, hashBytes } from './byte-dictionary';
import { decodeMixed } from './mixed-text';

/** frame.ts's MISSING_CODE, as a local constant (a cross-module read is a getter call under tsx). */
const MISSING_CODE = -1;
/** Code for a cell whose text must be recovered by a second pass. */
export const PENDING = -2;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
/** Result of {@link parseNumberBytes} when the bytes need the string path. */
const SLOW = Number.POSITIVE_INFINITY;

/**
 * The number in `b[s, e)` (already trimmed), NaN when the bytes are not a plain decimal number,
 * or {@link SLOW} when they might be one the fast path does not handle (exponent, many digits).
 */
export function parseNumberBytes(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let negative = false;
  const first = b[i];
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let seenDot = false;
  for (; i < e; i++) {
    const c = b[i];
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      if (mantissa === 0 && d === 0) {
        if (seenDot) fraction++;
        digits++;
        continue;
      }
      mantissa = mantissa * 10 + d;
      digits++;
      if (seenDot) fraction++;
      continue;
    }
    if (c === 46 /* . */ && !seenDot) {
      seenDot = true;
      continue;
    }
    if (c === 101 || c === 69) return digits > 0 ? SLOW : Number.NaN; // e / E
    return Number.NaN;
  }
  if (digits === 0) return Number.NaN;
  if (mantissa > 9007199254740991 || fraction > 22) return SLOW;
  const v = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  return negative ? -v : v;
}

/** True for typing.ts's missing tokens, from trimmed bytes. */
function isMissingBytes(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n === 0) return true;
  if (n > 4) return false;
  const c0 = b[s] | 32;
  if (n === 1) return b[s] === 63 || b[s] === 45;
  if (c0 !== 110) return false; // n
  if (n === 2) return (b[s + 1] | 32) === 97;
  if (n === 3) {
    const c1 = b[s + 1];
    const c2 = b[s + 2] | 32;
    return (c1 === 47 && c2 === 97) || ((c1 | 32) === 97 && c2 === 110);
  }
  return (b[s + 1] | 32) === 117 && (b[s + 2] | 32) === 108 && (b[s + 3] | 32) === 108;
}

/** Cells whose bytes were not all UTF-8 (those bytes were read as Windows-1252, see mixed-text.ts). */
export interface EncodingNote {
  count: number;
  firstLine: number;
}

export class ByteColumn {
  kind: 'numeric' | 'categorical' = 'numeric';
  values: Float64Array;
  codes: Int32Array = new Int32Array(0);
  categories: string[] = [];
  private dict = new ByteDictionary();
  private numbersSeen = 0;
  /** Rows before this one may hold PENDING codes (0 when none). */
  pendingBefore = 0;
  latin1: EncodingNote | null = null;
  private scratch = Buffer.allocUnsafe(256);

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

  /** Adds the cell `b[s, e)` (field flags from the tokenizer) as row `row` of line `line`. */
  push(b: Buffer, s: number, e: number, escaped: boolean, row: number, line: number): void {
    while (s < e && b[s] <= 32) s++;
    while (e > s && b[e - 1] <= 32) e--;
    if (this.kind === 'numeric') {
      let v = parseNumberBytes(b, s, e);
      if (v === SLOW) v = parseNumber(b.toString('latin1', s, e));
      if (v === v) {
        this.values[row] = v;
        this.numbersSeen++;
        return;
      }
      if (isMissingBytes(b, s, e)) {
        this.values[row] = Number.NaN;
        return;
      }
      this.toCategorical(row);
    } else if (e - s <= 4 && isMissingBytes(b, s, e)) {
      this.codes[row] = MISSING_CODE;
      return;
    }
    if (escaped) {
      const n = this.unescape(b, s, e);
      b = this.scratch;
      s = 0;
      e = n;
    }
    this.codes[row] = this.codeOfBytes(b, s, e, line);
  }

  /** Copies `b[s, e)` into the scratch buffer with every `""` made `"`; returns the length. */
  private unescape(b: Buffer, s: number, e: number): number {
    if (this.scratch.length < e - s) this.scratch = Buffer.allocUnsafe((e - s) * 2);
    let n = 0;
    for (let i = s; i < e; i++) {
      this.scratch[n++] = b[i];
      if (b[i] === 34 && i + 1 < e && b[i + 1] === 34) i++;
    }
    return n;
  }

  private codeOfBytes(b: Buffer, s: number, e: number, line: number): number {
    const hash = hashBytes(b, s, e);
    const code = this.dict.find(b, s, e, hash);
    if (code >= 0) return code;
    const { text, mixed } = decodeMixed(b, s, e);
    if (mixed) {
      if (this.latin1) this.latin1.count++;
      else this.latin1 = { count: 1, firstLine: line };
    }
    this.categories.push(text);
    return this.dict.add(b, s, e, hash);
  }

  private codeOfText(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    const hash = hashBytes(bytes, 0, bytes.length);
    const code = this.dict.find(bytes, 0, bytes.length, hash);
    if (code >= 0) return code;
    this.categories.push(text);
    return this.dict.add(bytes, 0, bytes.length, hash);
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
   * Fills the PENDING cells from their texts (`texts[i]` for row i) and renumbers the dictionary
   * so its order is first appearance over the whole column.
   */
  recover(texts: readonly (string | undefined)[], rowCount: number): void {
    const old = this.categories;
    const oldToNew = new Int32Array(old.length).fill(-1);
    this.categories = [];
    this.dict = new ByteDictionary();
    const codes = this.codes;
    for (let i = 0; i < rowCount; i++) {
      const c = codes[i];
      if (c === PENDING) {
        const text = texts[i];
        codes[i] = text === undefined ? MISSING_CODE : this.codeOfText(cleanCell(text));
      } else if (c >= 0) {
        let mapped = oldToNew[c];
        if (mapped < 0) mapped = oldToNew[c] = this.codeOfText(old[c]);
        codes[i] = mapped;
      }
    }
    this.pendingBefore = 0;
  }

  /**
   * The finished column. Arrays are trimmed to `rowCount` by a view when little is unused (the
   * unused tail of a large zeroed allocation is never touched, so costs no memory), by a copy
   * otherwise.
   */
  finish(rowCount: number): Column {
    const trim = <T extends Float64Array | Int32Array>(a: T): T => (a.length <= rowCount * 1.25 + 1024 ? (a.subarray(0, rowCount) as T) : (a.slice(0, rowCount) as T));
    if (this.kind === 'numeric') return { kind: 'numeric', name: this.name, values: trim(this.values) };
    return { kind: 'categorical', name: this.name, codes: trim(this.codes), categories: this.categories };
  }
}

/** A text cell as the string path sees it, for the PENDING recovery pass. */
export function cellString(b: Buffer, s: number, e: number, escaped: boolean): string {
  const { text } = decodeMixed(b, s, e);
  return escaped ? text.replaceAll('""', '"') : text;
}
