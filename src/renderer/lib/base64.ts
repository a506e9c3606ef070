/**
 * Base64 both ways for large payloads. Bytes → base64 without building one huge argument list or
 * string of char codes: the bytes are encoded in chunks whose length is a multiple of 3 (so no
 * chunk but the last is padded) and the pieces joined once; base64 → bytes decodes whole 4-character groups chunk by chunk into one
 * array. The async forms yield to the event loop between large slices so the window stays alive.
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

/** Base64 → bytes, decoded in chunks of whole 4-character groups into one preallocated array. */
const DECODE_CHUNK = 4 * 8192;

function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

function decodeRange(base64: string, start: number, end: number, out: Uint8Array, at: number): number {
  for (let i = start; i < end; i += DECODE_CHUNK) {
    const binary = atob(base64.slice(i, Math.min(i + DECODE_CHUNK, end)));
    for (let j = 0; j < binary.length; j++) out[at + j] = binary.charCodeAt(j);
    at += binary.length;
  }
  return at;
}

/** Synchronous, for small inputs and tests. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(decodedLength(base64));
  decodeRange(base64, 0, base64.length, out, 0);
  return out;
}

/** The same, in slices of 4 MiB of text with a pause between them so the window stays alive. */
export async function base64ToBytesAsync(base64: string): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Uint8Array(decodedLength(base64));
  const slice = 4 * 1024 * 1024;
  let at = 0;
  for (let start = 0; start < base64.length; start += slice) {
    at = decodeRange(base64, start, Math.min(start + slice, base64.length), out, at);
    if (start + slice < base64.length) await new Promise<void>((r) => setTimeout(r, 0));
  }
  return out;
}
