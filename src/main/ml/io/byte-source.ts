/**
 * A file as a stream of UTF-8 byte chunks, whatever it was stored as: gzip-compressed or not
 * (by its magic bytes, not its name), UTF-8 with or without a byte-order mark, or UTF-16 with
 * one (transcoded on the fly). Text that is not valid UTF-8 is passed through as bytes; the
 * readers decode those bytes as Windows-1252 (mixed-text.ts) and say so.
 *
 * Progress counts the bytes read from disk (compressed bytes for a .gz file), so it can be shown
 * against the file's size.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { createGunzip, gunzipSync, constants as zlibConstants } from 'node:zlib';
import { DataError } from '../data-error';
import { emptyFile, readFailed, tooLarge, truncatedFile } from './messages';
import { totalmem } from 'node:os';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** What the first bytes of a file say about it. */
export interface FileHead {
  size: number;
  gzip: boolean;
  encoding: TextEncodingName;
  /** The first (decompressed) bytes, as UTF-8, without a byte-order mark. */
  head: Buffer;
  /** The head is the whole (decompressed) file. */
  complete: boolean;
}

const HEAD_BYTES = 64 * 1024;
export const CHUNK_BYTES = 1 << 20;
const MAX_MEMORY_SHARE = 0.75;

/** Reads and classifies the first bytes of `path`. */
export async function readHead(path: string, file: string): Promise<FileHead> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw readFailed(file, Object.assign(new Error('is a folder'), { code: 'EISDIR' }));
    if (stat.size === 0) throw emptyFile(file);
    if (stat.size > totalmem() * MAX_MEMORY_SHARE) throw tooLarge(file, stat.size);
    const raw = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    const { bytesRead } = await handle.read(raw, 0, raw.length, 0);
    return classify(raw.subarray(0, bytesRead), stat.size, file);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw readFailed(file, e);
  } finally {
    await handle?.close();
  }
}

/** Classifies bytes already in memory (an upload) the same way. */
export function classify(raw: Buffer, size: number, file: string): FileHead {
  let bytes = raw;
  let complete = raw.length >= size;
  const gzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  if (gzip) {
    try {
      bytes = gunzipSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch (e) {
      throw readFailed(file, new Error(`it is gzip-compressed but cannot be decompressed (${e instanceof Error ? e.message : String(e)})`));
    }
    complete = complete && bytes.length < HEAD_BYTES * 16;
  }
  let encoding: TextEncodingName = 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  let head: Buffer;
  if (encoding !== 'utf-8') head = Buffer.from(new TextDecoder(encoding).decode(bytes.subarray(0, bytes.length & ~1)), 'utf8');
  else head = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  return { size, gzip, encoding, head, complete };
}

/** Counts the bytes read from disk so far. */
export interface ReadCounter {
  bytes: number;
}

/**
 * The file's content as UTF-8 chunks. Rejects with a READ_FAILED DataError when reading fails or
 * the file turns out shorter than it was when the import started (truncated mid-read).
 */
export async function* utf8Chunks(path: string, file: string, head: FileHead, counter: ReadCounter): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let stream: NodeJS.ReadableStream = raw;
  if (head.gzip) {
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
    raw.on('error', (e) => gunzip.destroy(e));
    stream = raw.pipe(gunzip);
  }
  yield* decodeChunks(stream, head.encoding, () => (counter.bytes = raw.bytesRead), file);
  if (raw.bytesRead < head.size) throw truncatedFile(file, raw.bytesRead, head.size);
}

/** The same for bytes in memory. */
export async function* utf8ChunksOf(bytes: Buffer, file: string, head: FileHead, counter: ReadCounter): AsyncGenerator<Buffer> {
  let data = bytes;
  if (head.gzip) {
    try {
      data = gunzipSync(bytes);
    } catch (e) {
      throw readFailed(file, e);
    }
  }
  async function* slices(): AsyncGenerator<Buffer> {
    for (let at = 0; at < data.length; at += CHUNK_BYTES) yield data.subarray(at, at + CHUNK_BYTES);
  }
  yield* decodeChunks(slices(), head.encoding, () => (counter.bytes = bytes.length), file);
}

async function* decodeChunks(stream: AsyncIterable<Buffer | string>, encoding: TextEncodingName, onChunk: () => void, file: string): AsyncGenerator<Buffer> {
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  let first = true;
  try {
    for await (const piece of stream) {
      let chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      onChunk();
      if (decoder) chunk = Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
      else if (first && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      first = false;
      if (chunk.length > 0) yield chunk;
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    const code = (e as { code?: unknown }).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw readFailed(file, new Error('its compressed data is damaged or cut off'));
    throw readFailed(file, e);
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest.length > 0) yield Buffer.from(rest, 'utf8');
  }
}
