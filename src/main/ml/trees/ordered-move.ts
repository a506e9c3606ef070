/**
 * Moving leaf-ordered rows (ordered-rows.ts) for a split. A split partitions its leaf's rows in
 * place: left rows first, then right rows. It counts the left rows (so the boundary `mid` is
 * known), lists the right rows that sit before `mid` and the left rows at or after it (the
 * misplaced ones, as many of each), and swaps the k-th of the one list with the k-th of the
 * other. Rows already on their side never move, so a split writes 2·m rows where a stable copy
 * into a second buffer wrote all of them (m = L·R/N on a random order, N/4 at most): measured
 * 35–45% faster at 800k × 20 for any left share. The lists are filled branch-free (a swap loop
 * that searched for the next misplaced row with branches was slower than the copy: the branches
 * mispredict on every other row).
 *
 * The result depends only on the rows and the split, not on how the work is cut: on helper
 * threads (hist-threads.ts) the parts flag their rows and count their lefts, then each part
 * lists its misplaced rows at offsets known from the counts, then the pairs are swapped in
 * chunks; alone, the same lists come from one pass. So a model is bit-identical for any thread
 * count.
 *
 * Two row sets remain: bagging (ordered-rows.ts `bag`) copies the bagged rows stably through
 * the second. The row swaps and copies are generated code, specialised for the row width (a loop
 * over a row's words ran about twice as slow as the unrolled copy). Rows move as 32-bit words,
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
  /** Uint8 × rows: each position's side (1 = left) during a parallel split. */
  flags: ArrayBufferLike;
  /** Int32 × 2·(⌊rows/2⌋ + 1): the misplaced right rows' positions, then the misplaced left rows'. */
  misplaced: ArrayBufferLike;
  /**
   * Float64 × rows each: the exact gradient and hessian at each position of set 0. A split
   * swaps them with the rows, so the leaf values are renewed from the tree's gradients without a
   * second gradient pass; bagging's stable copies leave them behind (they are computed after it).
   */
  grad: ArrayBufferLike;
  hess: ArrayBufferLike;
}

/** Allocates the two row sets of `rowCount` rows. */
export function allocateMoveBuffers(rowCount: number, width: number, jointWidth: number, shared: boolean): MoveBuffers {
  const buffer = (bytes: number): ArrayBufferLike => {
    const size = Math.max(8, (bytes + 7) & ~7);
    return shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
  };
  const n = rowCount;
  const set = (): RowSetBuffers => ({ bins: buffer(n * width), joint: buffer(n * jointWidth * 2), packed: buffer(n * 8), y: buffer(n * 8), score: buffer(n * 8), rows: buffer(n * 4) });
  const half = (n >> 1) + 1;
  return { rowCount, width, jointWidth, sets: [set(), set()], flags: buffer(n), misplaced: buffer(8 * half), grad: buffer(n * 8), hess: buffer(n * 8) };
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
    grad: new Float64Array(b.grad, 0, n),
    hess: new Float64Array(b.hess, 0, n),
  };
}

type Views = ReturnType<typeof rowSetViews>;
/** Swaps the rows at positions wrong[k] and wrongLeft[k] for k in [k0..k1). */
type PairSwap = (k0: number, k1: number) => void;
type FlagsMove = (begin: number, end: number, flags: Uint8Array, leftAt: number, rightAt: number) => void;

/** The moves over one fit's buffers (each thread makes its own from the shared buffers). */
export class PartMover {
  private readonly views: [Views, Views];
  private readonly width: number;
  /** 32-bit words per row of bins and of joint cells. */
  private readonly words: number;
  private readonly jointWords: number;
  private readonly swapIn: [PairSwap, PairSwap];
  private readonly flagsFrom: [FlagsMove, FlagsMove];
  /** Each position's side during a parallel split (shared). */
  private readonly flags: Uint8Array;
  /** Positions of the right rows before mid, and of the left rows from mid on (shared). */
  private readonly wrongRight: Int32Array;
  private readonly wrongLeft: Int32Array;

  constructor(b: MoveBuffers) {
    const words = b.width >> 2;
    const jointWords = b.jointWidth >> 1;
    this.width = b.width;
    this.words = words;
    this.jointWords = jointWords;
    this.views = [rowSetViews(b, 0), rowSetViews(b, 1)];
    const [v0, v1] = this.views;
    const half = (b.rowCount >> 1) + 1;
    this.flags = new Uint8Array(b.flags, 0, b.rowCount);
    this.wrongRight = new Int32Array(b.misplaced, 0, half);
    this.wrongLeft = new Int32Array(b.misplaced, 4 * half, half);
    const swap = generateSwap(words, jointWords);
    this.swapIn = [swap(v0, this.wrongRight, this.wrongLeft) as PairSwap, swap(v1, this.wrongRight, this.wrongLeft) as PairSwap];
    const flags = generate(words, jointWords, 'flags[i]', 'flags');
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

  /**
   * Partitions positions [begin..end) of set `set` in place by row cell `feature`, `goLeft[bin]
   * = 1` first, on this thread; returns the first right position. The same result as the
   * parallel steps (`flagLeft`, `listMisplaced`, `swapPairs`).
   */
  partitionAlone(set: 0 | 1, begin: number, end: number, feature: number, goLeft: Uint8Array): number {
    const mid = begin + this.countLeft(set, begin, end, feature, goLeft);
    const bins = this.views[set].binsU8;
    const width = this.width;
    const wrongRight = this.wrongRight;
    const wrongLeft = this.wrongLeft;
    let m = 0;
    for (let i = begin; i < mid; i++) {
      wrongRight[m] = i;
      m += 1 - goLeft[bins[i * width + feature]];
    }
    let q = 0;
    for (let i = mid; i < end; i++) {
      wrongLeft[q] = i;
      q += goLeft[bins[i * width + feature]];
    }
    this.swapIn[set](0, m);
    return mid;
  }

  /** Parallel step 1, on part [a..b): flags each position's side (1 = left); returns the left count. */
  flagLeft(set: 0 | 1, a: number, b: number, feature: number, goLeft: Uint8Array): number {
    const bins = this.views[set].binsU8;
    const flags = this.flags;
    const width = this.width;
    let left = 0;
    for (let i = a; i < b; i++) {
      const g = goLeft[bins[i * width + feature]];
      flags[i] = g;
      left += g;
    }
    return left;
  }

  /** Left rows among the flagged positions [a..b). */
  flaggedLeft(a: number, b: number): number {
    const flags = this.flags;
    let left = 0;
    for (let i = a; i < b; i++) left += flags[i];
    return left;
  }

  /**
   * Parallel step 2, on part [a..b): lists the part's right rows before `mid` from index
   * `rightAt` of the misplaced-right list on, and its left rows from `mid` on from `leftAt`.
   */
  listMisplaced(a: number, b: number, mid: number, rightAt: number, leftAt: number): void {
    const flags = this.flags;
    const wrongRight = this.wrongRight;
    const wrongLeft = this.wrongLeft;
    // Branch-free appends write every position and keep the listed ones, so each loop stops at
    // its last listed position: a write past it would land in the next part's first entry.
    let e = Math.min(b, mid);
    while (e > a && flags[e - 1] === 1) e--;
    let m = rightAt;
    for (let i = a; i < e; i++) {
      wrongRight[m] = i;
      m += 1 - flags[i];
    }
    const from = Math.max(a, mid);
    e = b;
    while (e > from && flags[e - 1] === 0) e--;
    let q = leftAt;
    for (let i = from; i < e; i++) {
      wrongLeft[q] = i;
      q += flags[i];
    }
  }

  /** Parallel step 3: swaps misplaced pairs [k0..k1) of set `set`. */
  swapPairs(set: 0 | 1, k0: number, k1: number): void {
    this.swapIn[set](k0, k1);
  }

  /** Moves [begin..end) of set `set` into the other set stably, flags[i] = 1 (left) from leftAt on, the rest from rightAt on. */
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

function generateSwap(words: number, jointWords: number): (s: Views, wrongRight: Int32Array, wrongLeft: Int32Array) => unknown {
  const swap = (array: string, count: number, tag: string): string =>
    Array.from({ length: count }, (_, k) => `t = ${array}[x${tag} + ${k}]; ${array}[x${tag} + ${k}] = ${array}[z${tag} + ${k}]; ${array}[z${tag} + ${k}] = t;`).join('\n        ');
  const source = `
    const bins = s.bins, joint = s.joint, packed = s.packed, y = s.y, score = s.score, rows = s.rows, grad = s.grad, hess = s.hess;
    return function swap(k0, k1) {
      for (let k = k0; k < k1; k++) {
        const i = wrongRight[k], j = wrongLeft[k];
        let t = rows[i]; rows[i] = rows[j]; rows[j] = t;
        let f = packed[i]; packed[i] = packed[j]; packed[j] = f;
        f = y[i]; y[i] = y[j]; y[j] = f;
        f = score[i]; score[i] = score[j]; score[j] = f;
        f = grad[i]; grad[i] = grad[j]; grad[j] = f;
        f = hess[i]; hess[i] = hess[j]; hess[j] = f;
        const xB = i * ${words}, zB = j * ${words};
        ${swap('bins', words, 'B')}
        const xJ = i * ${jointWords}, zJ = j * ${jointWords};
        ${swap('joint', jointWords, 'J')}
      }
    };`;
  return new Function('s', 'wrongRight', 'wrongLeft', source) as (s: Views, wrongRight: Int32Array, wrongLeft: Int32Array) => unknown;
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
