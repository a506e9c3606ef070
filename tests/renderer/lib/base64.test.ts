import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToBytesAsync, bytesToBase64, bytesToBase64Async } from '../../../src/renderer/lib/base64';

describe('base64', () => {
  it('matches Node for every length around the chunk boundaries', () => {
    for (const n of [0, 1, 2, 3, 4, 24_575, 24_576, 24_577, 100_000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7919) & 255);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('encodes large inputs in slices, reporting progress', async () => {
    const bytes = Uint8Array.from({ length: 7_000_001 }, (_, i) => (i * 31) & 255);
    const seen: number[] = [];
    expect(await bytesToBase64Async(bytes, (d) => seen.push(d))).toBe(Buffer.from(bytes).toString('base64'));
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen.length).toBe(3);
  });

  it('decodes back to Node’s bytes for every length around the chunk boundaries, sync and in slices', async () => {
    for (const n of [0, 1, 2, 3, 4, 24_575, 24_576, 24_577, 100_000, 3_145_729, 6_291_457]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7919) & 255);
      const text = Buffer.from(bytes).toString('base64');
      expect(Buffer.from(base64ToBytes(text)).equals(Buffer.from(bytes))).toBe(true);
      expect(Buffer.from(await base64ToBytesAsync(text)).equals(Buffer.from(bytes))).toBe(true);
    }
  });
});
