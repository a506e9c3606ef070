/**
 * A category dictionary keyed by the value's UTF-8 bytes, so a categorical cell costs a hash and a
 * byte compare instead of a JavaScript string and a Map lookup; a string is only decoded the first
 * time a category is seen. Open addressing over an Int32Array of codes; the bytes of every
 * category live in one growing arena.
 */

const EMPTY = -1;

/** FNV-1a over `b[start, end)`. */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

export class ByteDictionary {
  private table = new Int32Array(256).fill(EMPTY);
  private hashes = new Uint32Array(64);
  private offsets = new Int32Array(65);
  private arena = Buffer.allocUnsafe(1 << 12);
  /** Categories in code order. */
  size = 0;

  /** The code of `b[start, end)`, or -1 when it is not in the dictionary. */
  find(b: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (;;) {
      const code = this.table[slot];
      if (code === EMPTY) return EMPTY;
      if (this.hashes[code] === hash && this.equals(code, b, start, end)) return code;
      slot = (slot + 1) & mask;
    }
  }

  /** Adds `b[start, end)` (known to be absent) and returns its code. */
  add(b: Uint8Array, start: number, end: number, hash: number): number {
    const code = this.size;
    const len = end - start;
    if (code + 1 >= this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
      const h = new Uint32Array(this.hashes.length * 2);
      h.set(this.hashes);
      this.hashes = h;
    }
    const at = this.offsets[code];
    if (at + len > this.arena.length) {
      const next = Buffer.allocUnsafe(Math.max(this.arena.length * 2, at + len));
      this.arena.copy(next, 0, 0, at);
      this.arena = next;
    }
    for (let i = 0; i < len; i++) this.arena[at + i] = b[start + i];
    this.offsets[code + 1] = at + len;
    this.hashes[code] = hash;
    this.size = code + 1;
    if (this.size * 2 > this.table.length) this.rehash();
    else this.place(code, hash);
    return code;
  }

  private equals(code: number, b: Uint8Array, start: number, end: number): boolean {
    const at = this.offsets[code];
    const len = this.offsets[code + 1] - at;
    if (len !== end - start) return false;
    const arena = this.arena;
    for (let i = 0; i < len; i++) if (arena[at + i] !== b[start + i]) return false;
    return true;
  }

  private place(code: number, hash: number): void {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.table[slot] = code;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(EMPTY);
    for (let c = 0; c < this.size; c++) this.place(c, this.hashes[c]);
  }
}
