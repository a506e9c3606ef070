/**
 * Text that is mostly UTF-8 with some bytes that are not (a file edited in two programs, values
 * pasted from a Windows-1252 sheet into a UTF-8 one). Decoding such bytes as UTF-8 would turn
 * every stray byte into U+FFFD (the value is lost); decoding the whole value as Windows-1252 would
 * turn its valid UTF-8 characters into mojibake ("ZÃ¼rich"). So each valid UTF-8 sequence is
 * decoded as UTF-8 and each byte that is not part of one as Windows-1252 (Latin-1 plus the
 * printable characters Windows puts in 0x80–0x9F); the reader says which values it did this for.
 */
import { isUtf8 } from 'node:buffer';

/** Windows-1252 characters of the bytes 0x80–0xFF. */
const CP1252: string[] = (() => {
  const decoder = new TextDecoder('windows-1252');
  const out: string[] = [];
  for (let b = 0x80; b <= 0xff; b++) out.push(decoder.decode(Uint8Array.of(b)));
  return out;
})();

const isCont = (c: number): boolean => (c & 0xc0) === 0x80;

/** Length of the valid UTF-8 sequence starting at `b[i]` (a byte ≥ 0x80), or 0 when there is none. */
function sequenceLength(b: Uint8Array, i: number, e: number): number {
  const c = b[i];
  if (c >= 0xc2 && c <= 0xdf) return i + 1 < e && isCont(b[i + 1]) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (i + 2 >= e) return 0;
    const c1 = b[i + 1];
    const ok1 = c === 0xe0 ? c1 >= 0xa0 && c1 <= 0xbf : c === 0xed ? c1 >= 0x80 && c1 <= 0x9f : isCont(c1);
    return ok1 && isCont(b[i + 2]) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (i + 3 >= e) return 0;
    const c1 = b[i + 1];
    const ok1 = c === 0xf0 ? c1 >= 0x90 && c1 <= 0xbf : c === 0xf4 ? c1 >= 0x80 && c1 <= 0x8f : isCont(c1);
    return ok1 && isCont(b[i + 2]) && isCont(b[i + 3]) ? 4 : 0;
  }
  return 0;
}

/**
 * `b[s, e)` as text, and whether any of its bytes were not UTF-8 (then read as Windows-1252).
 * Valid UTF-8 costs one check and one decode.
 */
export function decodeMixed(b: Buffer, s: number, e: number): { text: string; mixed: boolean } {
  const bytes = b.subarray(s, e);
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), mixed: false };
  let text = '';
  let run = 0; // start of the current run of valid UTF-8
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i, n);
    if (len > 0) {
      i += len;
      continue;
    }
    if (i > run) text += bytes.toString('utf8', run, i);
    text += CP1252[c - 0x80];
    i++;
    run = i;
  }
  if (n > run) text += bytes.toString('utf8', run, n);
  return { text, mixed: true };
}
