/**
 * The columnar cache of an imported dataset: its frame's typed arrays written as raw bytes, so
 * reopening a million-row dataset is one file read instead of a CSV parse.
 *
 * Layout (little-endian): the column blocks, each starting at a multiple of 8 bytes; then a JSON
 * footer (row count, per column its name, kind, byte offset and length, and the dictionary of a
 * categorical column; the SHA-256 of the blocks); then the footer's length (u32) and the magic
 * `MLSFRAM1`. The footer comes last because the checksum is only known once the blocks are written.
 *
 * Writes go to `<file>.partial`, are flushed to disk and then renamed, so a crash or a failure
 * never leaves a file that looks complete. Reads verify the magic, the sizes and the checksum and
 * reject anything else with {@link FrameCacheError}.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Column, Frame } from '../frame';

const MAGIC = 'MLSFRAM1';
const VERSION = 1;
const TRAILER = 12; // u32 footer length + 8-byte magic

/** The cache file is missing, damaged or not one of ours. */
export class FrameCacheError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameCacheError';
  }
}

interface ColumnEntry {
  name: string;
  kind: 'numeric' | 'categorical';
  offset: number;
  bytes: number;
  categories?: string[];
}

interface Footer {
  version: number;
  rowCount: number;
  columns: ColumnEntry[];
  bodyBytes: number;
  /** SHA-256 of bytes [0, bodyBytes), hex. */
  checksum: string;
}

/** Bytes of the frame's own typed arrays (the measure "frame size" in the import benchmark). */
export function frameBytes(frame: Frame): number {
  let n = 0;
  for (const c of frame.columns) n += c.kind === 'numeric' ? c.values.byteLength : c.codes.byteLength;
  return n;
}

/** The file at `file + '.partial'` while it is being written. */
export const partialPath = (file: string): string => `${file}.partial`;

/**
 * Writes `frame` to `file` (through `file.partial` and a rename). Returns the body's checksum.
 * On failure the partial file is removed and the error rethrown.
 */
export function writeFrameCache(file: string, frame: Frame): { checksum: string; bytes: number } {
  const temp = partialPath(file);
  const fd = fs.openSync(temp, 'w');
  let closed = false;
  const writeAll = (bytes: Uint8Array): void => {
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
  };
  try {
    const hash = crypto.createHash('sha256');
    const pad = Buffer.alloc(8);
    let offset = 0;
    const columns: ColumnEntry[] = [];
    const write = (bytes: Uint8Array): void => {
      writeAll(bytes);
      hash.update(bytes);
      offset += bytes.length;
    };
    for (const c of frame.columns) {
      const array = c.kind === 'numeric' ? c.values.subarray(0, frame.rowCount) : c.codes.subarray(0, frame.rowCount);
      const start = offset;
      write(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      columns.push({ name: c.name, kind: c.kind, offset: start, bytes: array.byteLength, ...(c.kind === 'categorical' ? { categories: c.categories } : {}) });
      if (offset % 8 !== 0) write(pad.subarray(0, 8 - (offset % 8)));
    }
    const checksum = hash.digest('hex');
    const footer: Footer = { version: VERSION, rowCount: frame.rowCount, columns, bodyBytes: offset, checksum };
    const json = Buffer.from(JSON.stringify(footer), 'utf8');
    const trailer = Buffer.alloc(TRAILER);
    trailer.writeUInt32LE(json.length, 0);
    trailer.write(MAGIC, 4, 'latin1');
    writeAll(json);
    writeAll(trailer);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    closed = true;
    fs.renameSync(temp, file);
    return { checksum, bytes: offset + json.length + TRAILER };
  } catch (error) {
    // Never close twice: by then the number may belong to another open file.
    if (!closed) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Reads a frame written by {@link writeFrameCache}, checking its checksum. */
export function readFrameCache(file: string): Frame {
  const fd = openCache(file);
  try {
    const footer = readFooter(fd, file);
    // One ArrayBuffer of our own, so every block is 8-byte aligned for the typed-array views.
    // Hashing each chunk right after reading it touches the bytes while they are still in cache.
    const body = new Uint8Array(new ArrayBuffer(footer.bodyBytes));
    const hash = crypto.createHash('sha256');
    for (let done = 0; done < body.length; ) {
      const n = fs.readSync(fd, body, done, Math.min(body.length - done, 1 << 20), done);
      if (n === 0) throw new FrameCacheError('The dataset cache file ended early.');
      hash.update(body.subarray(done, done + n));
      done += n;
    }
    if (hash.digest('hex') !== footer.checksum) throw damaged(file, 'checksum mismatch');
    const n = footer.rowCount;
    const columns = footer.columns.map((c): Column => {
      if (c.kind === 'numeric') return { kind: 'numeric', name: c.name, values: new Float64Array(body.buffer, c.offset, n) };
      return { kind: 'categorical', name: c.name, codes: new Int32Array(body.buffer, c.offset, n), categories: c.categories ?? [] };
    });
    return { rowCount: n, columns };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * An open cache file from which row ranges are read on demand: what the preview grid needs when
 * a dataset is reopened, without reading (and hashing) the whole file first. The footer is
 * checked as in {@link readFrameCache}; the blocks' checksum is checked when the whole frame is
 * loaded for a run.
 */
export class FrameCacheReader {
  readonly rowCount: number;
  private readonly entries: ColumnEntry[];

  private constructor(
    private readonly fd: number,
    footer: Footer,
  ) {
    this.rowCount = footer.rowCount;
    this.entries = footer.columns;
  }

  /** Opens `file` and reads its footer. */
  static open(file: string): FrameCacheReader {
    const fd = openCache(file);
    try {
      return new FrameCacheReader(fd, readFooter(fd, file));
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  get columnNames(): string[] {
    return this.entries.map((e) => e.name);
  }

  /** Rows `offset .. offset+limit` (clipped to the frame) as a small frame of their own. */
  readRows(offset: number, limit: number): Frame {
    const start = Math.max(0, Math.min(offset, this.rowCount));
    const count = Math.max(0, Math.min(limit, this.rowCount - start));
    const columns = this.entries.map((e): Column => {
      if (e.kind === 'numeric') {
        const values = new Float64Array(count);
        readFully(this.fd, new Uint8Array(values.buffer), e.offset + start * 8);
        return { kind: 'numeric', name: e.name, values };
      }
      const codes = new Int32Array(count);
      readFully(this.fd, new Uint8Array(codes.buffer), e.offset + start * 4);
      return { kind: 'categorical', name: e.name, codes, categories: e.categories ?? [] };
    });
    return { rowCount: count, columns };
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function openCache(file: string): number {
  try {
    return fs.openSync(file, 'r');
  } catch (e) {
    throw new FrameCacheError(`The dataset's cache file ${file} cannot be opened: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

/** Reads and checks the trailer and footer (sizes, magic, version). */
function readFooter(fd: number, file: string): Footer {
  const size = fs.fstatSync(fd).size;
  if (size < TRAILER) throw damaged(file, 'too short');
  const trailer = Buffer.alloc(TRAILER);
  readFully(fd, trailer, size - TRAILER);
  if (trailer.toString('latin1', 4) !== MAGIC) throw damaged(file, 'not a frame cache');
  const footerLength = trailer.readUInt32LE(0);
  if (footerLength > size - TRAILER) throw damaged(file, 'bad footer length');
  const footerBytes = Buffer.alloc(footerLength);
  readFully(fd, footerBytes, size - TRAILER - footerLength);
  let footer: Footer;
  try {
    footer = JSON.parse(footerBytes.toString('utf8')) as Footer;
  } catch {
    throw damaged(file, 'unreadable footer');
  }
  if (footer.version !== VERSION) throw damaged(file, `version ${footer.version}, expected ${VERSION}`);
  if (footer.bodyBytes + footerLength + TRAILER !== size) throw damaged(file, 'size does not match');
  for (const c of footer.columns) {
    if (c.offset + c.bytes > footer.bodyBytes || c.bytes !== footer.rowCount * (c.kind === 'numeric' ? 8 : 4)) throw damaged(file, `bad block for column "${c.name}"`);
  }
  return footer;
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const n = fs.readSync(fd, into, done, Math.min(into.length - done, 1 << 30), position + done);
    if (n === 0) throw new FrameCacheError('The dataset cache file ended early.');
    done += n;
  }
}

function damaged(file: string, why: string): FrameCacheError {
  return new FrameCacheError(`The dataset's cache file ${file} is damaged (${why}). Delete the dataset and import its file again.`);
}
