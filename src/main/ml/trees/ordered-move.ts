/**
 * Moving leaf-ordered rows (ordered-rows.ts) for a split. The rows live in two row sets of the
 * same shape, and a split reads its leaf's rows from one set and writes them, stably
 * partitioned, into the other at the same positions: left rows first, then right rows. Each row
 * is read once and written once (an in-place partition wrote the right rows twice, to a side
 * buffer and back), and a range cut into parts moves in parallel with no merge: the parts count
 * their left rows first, then each writes at its own offsets (hist-threads.ts). Every leaf knows
 * which set holds its rows; after a tree the rows in set 1 are copied back (`gather`).
 *
 * The row move is generated code, specialised for the row width: with a loop over a row's words
 * a move ran about twice as slow as with the unrolled copy (~11 ns per row at 800k × 20). Rows move as 32-bit words,
 * never float64 words (an engine may rewrite a NaN bit pattern). Only numbers are spliced into
 * the generated source.
 */

/** One row set's buffers. */
export interface RowSetBuffers {
  bins: ArrayBufferLike;
  joint: ArrayBufferLike;
  packed: ArrayBufferLike;
  y: ArrayBufferLike;
  score: ArrayBufferLike;
  rows: ArrayBufferLike;
}

/** The buffers of one fit's leaf-ordered rows (SharedArrayBuffers when helpers move rows too). */
export interface MoveBuffers {
  rowCount: number;
  /** Bytes per row of `bins` and cells per row of `joint` (both multiples of 4). */
  width: number;
  jointWidth: number;
  sets: [RowSetBuffers, RowSetBuffers];
}

/** Allocates the two row sets of `rowCount` rows. */
export function allocateMoveBuffers(rowCount: number, width: number, jointWidth: number, shared: boolean): MoveBuffers {
  const buffer = (bytes: number): ArrayBufferLike => {
    const size = Math.max(8, (bytes + 7) & ~7);
    return shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
  };
  const n = rowCount;
  const set = (): RowSetBuffers => ({ bins: buffer(n * width), joint: buffer(n * jointWidth * 2), packed: buffer(n * 8), y: buffer(n * 8), score: buffer(n * 8), rows: buffer(n * 4) });
  return { rowCount, width, jointWidth, sets: [set(), set()] };
}

/** Typed views of one row set. */
export function rowSetViews(b: MoveBuffers, set: 0 | 1) {
  const n = b.rowCount;
  const s = b.sets[set];
  return {
    binsU8: new Uint8Array(s.bins, 0, n * b.width),
    bins: new Int32Array(s.bins, 0, n * (b.width >> 2)),
    joint: new Int32Array(s.joint, 0, n * (b.jointWidth >> 1)),
    packed: new Float64Array(s.packed, 0, n),
    y: new Float64Array(s.y, 0, n),
    score: new Float64Array(s.score, 0, n),
    rows: new Int32Array(s.rows, 0, n),
  };
}

type Views = ReturnType<typeof rowSetViews>;
/** Moves [begin..end) of one set into the other: left rows from leftAt on, right rows from rightAt on. */
type SplitMove = (begin: number, end: number, feature: number, goLeft: Uint8Array, leftAt: number, rightAt: number) => void;
type FlagsMove = (begin: number, end: number, flags: Uint8Array, leftAt: number, rightAt: number) => void;

/** The moves over one fit's buffers (each thread makes its own from the shared buffers). */
export class PartMover {
  private readonly views: [Views, Views];
  private readonly width: number;
  /** 32-bit words per row of bins and of joint cells. */
  private readonly words: number;
  private readonly jointWords: number;
  private readonly splitFrom: [SplitMove, SplitMove];
  private readonly flagsFrom: [FlagsMove, FlagsMove];

  constructor(b: MoveBuffers) {
    const words = b.width >> 2;
    const jointWords = b.jointWidth >> 1;
    this.width = b.width;
    this.words = words;
    this.jointWords = jointWords;
    this.views = [rowSetViews(b, 0), rowSetViews(b, 1)];
    const [v0, v1] = this.views;
    const split = generate(words, jointWords, `goLeft[src.binsU8[i * ${b.width} + feature]]`, 'feature, goLeft');
    const flags = generate(words, jointWords, 'flags[i]', 'flags');
    this.splitFrom = [split(v0, v1) as SplitMove, split(v1, v0) as SplitMove];
    this.flagsFrom = [flags(v0, v1) as FlagsMove, flags(v1, v0) as FlagsMove];
  }

  /** Rows of [begin..end) in set `set` that a split on row cell `feature` sends left. */
  countLeft(set: 0 | 1, begin: number, end: number, feature: number, goLeft: Uint8Array): number {
    const bins = this.views[set].binsU8;
    const width = this.width;
    let left = 0;
    for (let i = begin; i < end; i++) left += goLeft[bins[i * width + feature]];
    return left;
  }

  /** Moves [begin..end) from set `set` into the other set, left rows at leftAt…, right rows at rightAt…. */
  split(set: 0 | 1, begin: number, end: number, feature: number, goLeft: Uint8Array, leftAt: number, rightAt: number): void {
    this.splitFrom[set](begin, end, feature, goLeft, leftAt, rightAt);
  }

  /** As `split`, deciding by flags[i] = 1 (left). */
  byFlags(set: 0 | 1, begin: number, end: number, flags: Uint8Array, leftAt: number, rightAt: number): void {
    this.flagsFrom[set](begin, end, flags, leftAt, rightAt);
  }

  /** Copies positions [begin..end) of set `set` into the other set. */
  copy(set: 0 | 1, begin: number, end: number): void {
    const from = this.views[set];
    const to = this.views[set === 0 ? 1 : 0];
    const { words, jointWords } = this;
    to.rows.set(from.rows.subarray(begin, end), begin);
    to.packed.set(from.packed.subarray(begin, end), begin);
    to.y.set(from.y.subarray(begin, end), begin);
    to.score.set(from.score.subarray(begin, end), begin);
    to.bins.set(from.bins.subarray(begin * words, end * words), begin * words);
    if (jointWords > 0) to.joint.set(from.joint.subarray(begin * jointWords, end * jointWords), begin * jointWords);
  }
}

function generate(words: number, jointWords: number, decide: string, params: string): (src: Views, dst: Views) => unknown {
  const copy = (array: string, count: number, tag: string): string =>
    Array.from({ length: count }, (_, k) => `${array}D[d${tag} + ${k}] = ${array}S[s${tag} + ${k}];`).join('\n        ');
  const source = `
    const binsS = src.bins, jointS = src.joint, packedS = src.packed, yS = src.y, scoreS = src.score, rowsS = src.rows;
    const binsD = dst.bins, jointD = dst.joint, packedD = dst.packed, yD = dst.y, scoreD = dst.score, rowsD = dst.rows;
    return function move(begin, end, ${params}, leftAt, rightAt) {
      let l = leftAt;
      let r = rightAt;
      for (let i = begin; i < end; i++) {
        const g = ${decide};
        const at = g === 1 ? l : r;
        l += g;
        r += 1 - g;
        rowsD[at] = rowsS[i];
        packedD[at] = packedS[i];
        yD[at] = yS[i];
        scoreD[at] = scoreS[i];
        const sB = i * ${words}, dB = at * ${words};
        ${copy('bins', words, 'B')}
        const sJ = i * ${jointWords}, dJ = at * ${jointWords};
        ${copy('joint', jointWords, 'J')}
      }
    };`;
  return new Function('src', 'dst', source) as (src: Views, dst: Views) => unknown;
}
