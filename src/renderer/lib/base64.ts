/**
 * Bytes → base64 without building one huge argument list or string of char codes: the bytes are
 * encoded in chunks whose length is a multiple of 3 (so no chunk but the last is padded) and the
 * pieces joined once. Yields to the event loop between large slices so the window stays alive.
 */
const CHUNK = 3 * 8192;
const SLICE = 3 * 1024 * 1024;

function encodeRange(bytes: Uint8Array, start: number, end: number, out: string[]): void {
  for (let i = start; i < end; i += CHUNK) {
    const part = bytes.subarray(i, Math.min(i + CHUNK, end));
    out.push(btoa(String.fromCharCode.apply(null, part as unknown as number[])));
  }
}

/** Synchronous, for small inputs and tests. */
export function bytesToBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  encodeRange(bytes, 0, bytes.length, out);
  return out.join('');
}

/** The same, in slices of 3 MiB with a pause between them; `onProgress` gets the bytes done. */
export async function bytesToBase64Async(bytes: Uint8Array, onProgress?: (done: number) => void): Promise<string> {
  const out: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE) {
    const end = Math.min(start + SLICE, bytes.length);
    encodeRange(bytes, start, end, out);
    onProgress?.(end);
    if (end < bytes.length) await new Promise<void>((r) => setTimeout(r, 0));
  }
  return out.join('');
}
