/**
 * The per-row passes of a boosting round, cut into the same ROW_PARTS row parts as histogram
 * builds so the fit's thread and its helpers (hist-threads.ts) can share them: gradients (with
 * class weights and each part's largest |g| and h, for the quantisation scale), quantising
 * (each part with its own rounding stream, seeded from the round's seed and the part index),
 * the leaves' exact gradient sums (leaf values are renewed from them) and the score update after
 * a tree. Without helpers the fit runs the same parts one after
 * another, so a model is bit-identical whatever the thread count.
 *
 * Why: once histograms were built in parallel, these single-threaded passes were about half of
 * a fit's time on tall, narrow tables (fertility: 204k × 7).
 */
import { partRange, ROW_PARTS } from './histogram';
import { Command, sharedView, type RowPassInit, type SharedView } from './hist-protocol';
import type { Objective, ObjectiveSpec } from './objectives';
import { packRange } from './quantize';
import { leafOutput } from './split';
import type { Tree } from './tree';

/** What the passes read and write; views of SharedArrayBuffers when helpers share them. */
export interface RowPassArrays {
  /** Targets and raw scores (n × outputs), indexed by rows[i]. */
  y: Float64Array;
  scores: Float64Array;
  /** The round's rows: row indexes, or positions 0, 1, … for leaf-ordered rows. */
  rows: Int32Array;
  grads: Float64Array[];
  hesses: Float64Array[];
  /** Packed quantised gradients (quantize.ts), one per output; empty when not quantising. */
  packed: Float64Array[];
  /** Weight of each class (class weighting), or null. */
  classWeights: Float64Array | null;
  /** Weight of each row, indexed like `y` (a grouped fit's row counts: row-groups.ts), or null. */
  rowWeights: Float64Array | null;
  /** outputs × ROW_PARTS × 2: each part's largest |g| and h per output (gradientPart writes). */
  partMax: Float64Array;
  /**
   * The last tree's leaves for the score update: [0] the leaf count L, then L begins, L ends
   * (positions into `rows`) and L values.
   */
  leaves: Float64Array;
  /** ROW_PARTS × leaves × 2: each part's gradient and hessian sums per leaf (renewPart writes). */
  leafSums: Float64Array;
}

/** Part i of rows[begin..end): gradients of every output, class and row weights, and (withMaxima: a quantising fit) the part's maxima. */
export function gradientPart(objective: Objective, a: RowPassArrays, begin: number, end: number, i: number, withMaxima = true): void {
  const [lo, hi] = partRange(begin, end, i);
  const { rows, y, grads, hesses } = a;
  objective.gradients(y, a.scores, rows, grads, hesses, lo, hi);
  const K = grads.length;
  const weights = a.classWeights;
  const rowWeights = a.rowWeights;
  for (let k = 0; k < K; k++) {
    const g = grads[k];
    const h = hesses[k];
    if (weights) {
      for (let j = lo; j < hi; j++) {
        const r = rows[j];
        const w = weights[y[r]];
        g[r] *= w;
        h[r] *= w;
      }
    }
    if (rowWeights) {
      for (let j = lo; j < hi; j++) {
        const r = rows[j];
        g[r] *= rowWeights[r];
        h[r] *= rowWeights[r];
      }
    }
    // The maxima only set the quantisation scales (on multiclass letters the loop was 5 % of a float fit).
    if (!withMaxima) continue;
    let gMax = 0;
    let hMax = 0;
    // Math.max over branches: measured 0.8 against 5 ns per row.
    for (let j = lo; j < hi; j++) {
      const r = rows[j];
      gMax = Math.max(gMax, Math.abs(g[r]));
      hMax = Math.max(hMax, h[r]);
    }
    a.partMax[(k * ROW_PARTS + i) * 2] = gMax;
    a.partMax[(k * ROW_PARTS + i) * 2 + 1] = hMax;
  }
}

/** Scales of output k's packed gradients from the parts' maxima: g ≈ g_q · grad, h ≈ h_q · hess. */
export function quantScale(a: RowPassArrays, k: number, levels: number): { grad: number; hess: number } {
  let gMax = 0;
  let hMax = 0;
  for (let i = 0; i < ROW_PARTS; i++) {
    gMax = Math.max(gMax, a.partMax[(k * ROW_PARTS + i) * 2]);
    hMax = Math.max(hMax, a.partMax[(k * ROW_PARTS + i) * 2 + 1]);
  }
  return { grad: gMax > 0 ? gMax / levels : 1, hess: hMax > 0 ? hMax / levels : 1 };
}

/**
 * Part i of rows[begin..end): packs output k's gradient and hessian with `levels` levels at
 * scales gScale/hScale (quantize.ts), with the part's own rounding stream.
 */
export function quantizePart(a: RowPassArrays, k: number, begin: number, end: number, i: number, levels: number, seed: number, gScale: number, hScale: number): void {
  const [lo, hi] = partRange(begin, end, i);
  packRange(a.grads[k], a.hesses[k], a.rows, lo, hi, a.packed[k], levels, (seed + Math.imul(i + 1, 0x9e3779b9)) | 0, gScale, hScale);
}

/** Writes a grown tree's leaf ranges and values into `a.leaves` for scorePart. */
export function publishLeaves(a: RowPassArrays, leafBegin: Int32Array, leafEnd: Int32Array, values: Float64Array): void {
  const L = leafBegin.length;
  if (a.leaves.length < 1 + 3 * L) throw new Error(`The score update holds ${(a.leaves.length - 1) / 3} leaves; this tree has ${L}.`);
  a.leaves[0] = L;
  for (let l = 0; l < L; l++) {
    a.leaves[1 + l] = leafBegin[l];
    a.leaves[1 + L + l] = leafEnd[l];
    a.leaves[1 + 2 * L + l] = values[l];
  }
}

/** Part i of positions [begin..end): adds each position's leaf value (a.leaves) to output k of its row's score. */
export function scorePart(a: RowPassArrays, k: number, outputs: number, begin: number, end: number, i: number): void {
  const [lo, hi] = partRange(begin, end, i);
  const { rows, scores, leaves } = a;
  const L = leaves[0];
  for (let l = 0; l < L; l++) {
    const from = Math.max(lo, leaves[1 + l]);
    const to = Math.min(hi, leaves[1 + L + l]);
    const v = leaves[1 + 2 * L + l];
    if (outputs === 1) for (let j = from; j < to; j++) scores[rows[j]] += v;
    else for (let j = from; j < to; j++) scores[rows[j] * outputs + k] += v;
  }
}

/** Part i of positions [begin..end): output k's exact gradient and hessian sums of each leaf (a.leaves) over the part's rows. */
export function renewPart(a: RowPassArrays, k: number, begin: number, end: number, i: number): void {
  const [lo, hi] = partRange(begin, end, i);
  const { rows, leaves } = a;
  const grad = a.grads[k];
  const hess = a.hesses[k];
  const L = leaves[0];
  for (let l = 0; l < L; l++) {
    const from = Math.max(lo, leaves[1 + l]);
    const to = Math.min(hi, leaves[1 + L + l]);
    let g = 0;
    let h = 0;
    for (let j = from; j < to; j++) {
      const r = rows[j];
      g += grad[r];
      h += hess[r];
    }
    a.leafSums[(i * L + l) * 2] = g;
    a.leafSums[(i * L + l) * 2 + 1] = h;
  }
}

/**
 * Leaf values from the parts' exact sums (renewPart), summed in part order: overwrites the
 * tree's leaf values, which the split search had computed from quantised sums (quantize.ts).
 */
export function renewedLeafValues(a: RowPassArrays, tree: Tree, lambdaL1: number, lambdaL2: number): void {
  const L = a.leaves[0];
  const stats = new Float64Array(3);
  for (let l = 0; l < L; l++) {
    let g = 0;
    let h = 0;
    for (let i = 0; i < ROW_PARTS; i++) {
      g += a.leafSums[(i * L + l) * 2];
      h += a.leafSums[(i * L + l) * 2 + 1];
    }
    stats[0] = g;
    stats[1] = h;
    stats[2] = a.leaves[1 + L + l] - a.leaves[1 + l];
    leafOutput(stats, 1, lambdaL1, lambdaL2, tree.leafValues, l);
  }
}

/** Which pass a job runs (hist-protocol.ts Command values). */
export interface RowPassJob {
  command: number;
  begin: number;
  end: number;
  /** The output (quantize, scores). */
  k: number;
  seed: number;
  levels: number;
  outputs: number;
}

/** Runs part i of a row-pass job: the same code on the fit's thread and on a helper. */
export function rowPassPart(objective: Objective, a: RowPassArrays, job: RowPassJob, i: number): void {
  if (job.command === Command.gradients) gradientPart(objective, a, job.begin, job.end, i, job.levels > 0);
  else if (job.command === Command.quantize) {
    const scale = quantScale(a, job.k, job.levels);
    quantizePart(a, job.k, job.begin, job.end, i, job.levels, job.seed, scale.grad, scale.hess);
  } else if (job.command === Command.scores) scorePart(a, job.k, job.outputs, job.begin, job.end, i);
  else if (job.command === Command.renew) renewPart(a, job.k, job.begin, job.end, i);
  else throw new Error(`Unknown row pass ${job.command}.`);
}

/** The shared views a helper needs to run the passes on the same arrays. */
export function rowPassInit(a: RowPassArrays, objective: ObjectiveSpec): RowPassInit {
  return {
    objective,
    y: sharedView(a.y),
    scores: sharedView(a.scores),
    rows: sharedView(a.rows),
    grads: a.grads.map(sharedView),
    hesses: a.hesses.map(sharedView),
    packed: a.packed.map(sharedView),
    classWeights: a.classWeights ? sharedView(a.classWeights) : null,
    rowWeights: a.rowWeights ? sharedView(a.rowWeights) : null,
    partMax: sharedView(a.partMax),
    leaves: sharedView(a.leaves),
    leafSums: sharedView(a.leafSums),
  };
}

const f64 = (v: SharedView): Float64Array => new Float64Array(v.buffer, v.byteOffset, v.length);

/** A helper's views of the fit's row-pass arrays. */
export function rowPassArrays(init: RowPassInit): RowPassArrays {
  return {
    y: f64(init.y),
    scores: f64(init.scores),
    rows: new Int32Array(init.rows.buffer, init.rows.byteOffset, init.rows.length),
    grads: init.grads.map(f64),
    hesses: init.hesses.map(f64),
    packed: init.packed.map(f64),
    classWeights: init.classWeights ? f64(init.classWeights) : null,
    rowWeights: init.rowWeights ? f64(init.rowWeights) : null,
    partMax: f64(init.partMax),
    leaves: f64(init.leaves),
    leafSums: f64(init.leafSums),
  };
}
