/**
 * Compares ensemble kinds on the members' out-of-fold predictions, honestly: each kind is
 * fitted on the other folds' rows and scored on the fold it never saw (nested: a meta-learner
 * or a weight search never sees the rows it is scored on), then gated by {@link decideAdoption}
 * against the best single member on the same folds. The winner is the adoptable kind with the
 * best held-out score (ties to the simpler kind, the earlier in {@link ENSEMBLE_KINDS}); it is
 * then refitted on all rows.
 *
 * Kinds: soft voting with equal weights; weighted voting (weights 1/rank by the fit rows' score);
 * greedy selection with replacement (Caruana); blending (the linear meta-learner fitted on a
 * holdout slice of the fit rows only); stacking (the linear meta-learner on the fit rows);
 * stacking with the small-MLP meta-learner and with the small boosted-tree meta-learner
 * (mlp-meta-learner.ts, tree-meta-learner.ts: for members that are complementary in a way a
 * weighted average cannot use), nested the same way. The fitted kinds learn from a seeded sample
 * of at most a few thousand rows (the linear meta-learner has only members + classes − 1
 * parameters, the MLP a few thousand), so 26 classes × 16,000 rows stay within seconds. Hard
 * voting is left out: its vote shares rank rows poorly (AUC, log loss) and it would need its own
 * graph. Every kind here exports as one ONNX graph (onnx/ensemble-graph.ts).
 */
import { isBetter, type Metric } from '../metrics';
import type { Prediction } from '../prediction';
import type { Rng } from '../rng';
import { kFold } from '../splits';
import { decideAdoption, type AdoptionDecision } from './adoption';
import { greedyEnsembleSelection } from './greedy-selection';
import { applyMetaLearner, fitStackModel, type MetaLearnerKind, type StackModel } from './meta-learner';
import { memberShape, predictionOf, predictionRows, takeRows, valuesOf } from './members';
import { hardVote, softVote } from './voting';

export const ENSEMBLE_KINDS = ['soft-vote', 'weighted-vote', 'hard-vote', 'greedy', 'blending', 'stacking', 'stacking-mlp', 'stacking-trees'] as const;
export type EnsembleKind = (typeof ENSEMBLE_KINDS)[number];
/** The kinds that fit nothing (cheap at any size): compared even past the deadline. */
const VOTES: ReadonlySet<EnsembleKind> = new Set<EnsembleKind>(['soft-vote', 'weighted-vote', 'hard-vote']);

/**
 * Row × column × tree-per-round cells the tree meta-learner learns from at most: all the meta
 * rows (5,000) up to 5 members × 10 classes; with more classes fewer rows, at least
 * TREE_META_MIN_ROWS (26 classes × 5 members: 2,000 rows and 10 rounds, treeMetaParams, about
 * 1.3 s a fit on a busy 2-core machine instead of 8 s).
 */
const TREE_META_CELLS = 2_500_000;
const TREE_META_MIN_ROWS = 2000;

/**
 * A fitted ensemble over the members it was given: vote weights (zeros allowed; `hard`: a vote of
 * the members' predicted classes, classification only), or a meta-learner.
 */
export type FittedEnsemble = { weights: number[]; hard?: boolean } | { stack: StackModel };

export interface EnsembleTrial {
  kind: EnsembleKind;
  /** Indexes (into the members) the kind combines. */
  members: number[];
  decision: AdoptionDecision;
  /** The kind refitted on all rows (over `members`). */
  final: FittedEnsemble;
}

export interface CompareOptions {
  /** Outer folds (default 5). */
  folds?: number;
  /** Greedy selection rounds (default 20). */
  greedyRounds?: number;
  /** Members the dense kinds (equal and weighted vote, blending, the stackings) combine: the first n (default 5). */
  densePool?: number;
  /** Share of the fit rows a blend's meta-learner learns from (default 0.3). */
  blendShare?: number;
  /** Smallest mean gain over the best single member that counts (default 1e-4). */
  minGain?: number;
  kinds?: readonly EnsembleKind[];
  /** Rows a meta-learner (the stackings, blending) is fitted on at most, a seeded sample (default 5,000; the tree meta-learner fewer with many classes). */
  maxMetaRows?: number;
  /** Rows greedy selection hill-climbs on at most (default 10,000). */
  maxGreedyRows?: number;
  /** Epoch ms after which kinds not yet started are skipped (listed in `skipped`); the votes always run (they fit nothing). */
  deadline?: number;
  /** Cancels the tree meta-learner's fits. */
  signal?: AbortSignal;
}

export interface Comparison {
  trials: EnsembleTrial[];
  /** The adopted trial, or null when no kind beat the best single member. */
  chosen: EnsembleTrial | null;
  /** The outer folds' test rows. */
  folds: Int32Array[];
  /** Kinds not tried because the deadline had passed. */
  skipped: EnsembleKind[];
}

/** Combines member predictions with a fitted ensemble. */
export function applyEnsemble(fitted: FittedEnsemble, members: readonly Prediction[]): Prediction {
  if ('stack' in fitted) return applyMetaLearner(fitted.stack, members);
  return fitted.hard ? hardVote(members, fitted.weights) : softVote(members, fitted.weights);
}

/**
 * `members` are out-of-fold predictions over the same n rows, best first (the leaderboard's
 * order); `y` the targets of those rows.
 */
export async function compareEnsembles(members: readonly Prediction[], y: Float64Array, metric: Metric, rng: Rng, options: CompareOptions = {}): Promise<Comparison> {
  const shape = memberShape(members);
  const dense = Array.from({ length: Math.min(members.length, options.densePool ?? 5) }, (_, i) => i);
  const all = members.map((_, i) => i);
  const outer = kFold(y, shape.task, options.folds ?? 5, rng.fork());
  const metaRows = options.maxMetaRows ?? 5000;
  const greedyRows = options.maxGreedyRows ?? 10_000;
  // The trees' cost grows with rows × members·classes columns × trees per round (classes, or 1 when binary).
  const treeCells = Math.max(1, dense.length) * shape.width * (shape.width > 2 ? shape.width : 1);
  const treeRows = Math.min(metaRows, Math.max(TREE_META_MIN_ROWS, Math.floor(TREE_META_CELLS / treeCells)));
  const fitOn = async (kind: MetaLearnerKind, p: readonly Prediction[], yy: Float64Array, rows: Int32Array): Promise<FittedEnsemble> => ({
    stack: await fitStackModel(
      kind,
      p.map((m) => predictionRows(m, rows)),
      takeRows(yy, rows),
      // The linear fits draw nothing (so the kinds before these draw as they always did).
      kind === 'linear' ? {} : { rng: rng.fork(), signal: options.signal },
    ),
  });
  const fitters: Record<EnsembleKind, { members: number[]; fit: (p: readonly Prediction[], y: Float64Array) => FittedEnsemble | Promise<FittedEnsemble> }> = {
    'soft-vote': { members: dense, fit: (p) => ({ weights: p.map(() => 1) }) },
    'weighted-vote': { members: dense, fit: (p, yy) => ({ weights: rankWeights(p, yy, metric) }) },
    // Majority of the predicted classes (vote shares as probabilities); no classes to count in a regression.
    'hard-vote': { members: shape.task === 'regression' ? [] : dense, fit: (p) => ({ weights: p.map(() => 1), hard: true }) },
    greedy: {
      members: all,
      fit: (p, yy) => {
        const rows = sample(yy.length, greedyRows, rng.fork());
        return { weights: greedyEnsembleSelection(p.map((m) => predictionRows(m, rows)), takeRows(yy, rows), metric, { rounds: options.greedyRounds ?? 20 }).weights };
      },
    },
    blending: { members: dense, fit: (p, yy) => fitOn('linear', p, yy, sample(yy.length, Math.min(metaRows, Math.max(20, Math.round(yy.length * (options.blendShare ?? 0.3)))), rng.fork())) },
    stacking: { members: dense, fit: (p, yy) => fitOn('linear', p, yy, sample(yy.length, metaRows, rng.fork())) },
    'stacking-mlp': { members: dense, fit: (p, yy) => fitOn('mlp', p, yy, sample(yy.length, metaRows, rng.fork())) },
    'stacking-trees': { members: dense, fit: (p, yy) => fitOn('trees', p, yy, sample(yy.length, treeRows, rng.fork())) },
  };

  const trials: EnsembleTrial[] = [];
  const skipped: EnsembleKind[] = [];
  // Wall time of the linear stacking (ms), from which the costlier meta-learners' time is projected.
  let linearMs: number | null = null;
  for (const kind of options.kinds ?? ENSEMBLE_KINDS) {
    if (!VOTES.has(kind) && options.deadline !== undefined && !fitsBefore(kind, linearMs, options.deadline)) {
      skipped.push(kind);
      continue;
    }
    const started = Date.now();
    const { members: used, fit } = fitters[kind];
    if (used.length < 2) continue;
    const mine = used.map((i) => members[i]);
    const heldOut = new Float64Array(shape.rows * shape.width);
    for (const fold of outer) {
      const fitted = await fit(
        mine.map((m) => predictionRows(m, fold.train)),
        takeRows(y, fold.train),
      );
      const predicted = valuesOf(
        applyEnsemble(
          fitted,
          mine.map((m) => predictionRows(m, fold.test)),
        ),
      );
      for (let i = 0; i < fold.test.length; i++) heldOut.set(predicted.subarray(i * shape.width, (i + 1) * shape.width), fold.test[i] * shape.width);
    }
    const decision = decideAdoption({ ensemble: predictionOf(shape, heldOut), members, y, metric, folds: outer.map((f) => f.test), minGain: options.minGain });
    trials.push({ kind, members: used, decision, final: await fit(mine, y) });
    if (kind === 'stacking') linearMs = Date.now() - started;
  }

  let chosen: EnsembleTrial | null = null;
  for (const t of trials) if (t.decision.adopt && (!chosen || isBetter(metric, t.decision.ensembleScore, chosen.decision.ensembleScore))) chosen = t;
  return { trials, chosen, folds: outer.map((f) => Int32Array.from(f.test)), skipped };
}

/**
 * How many times the linear stacking's time a kind takes (measured at 5,000 rows × 26 classes ×
 * 5 members: MLP 1.9–2.5 s and trees 0.7–0.8 s on their smaller sample, against 0.4–0.7 s).
 */
const COST_OF_LINEAR: Partial<Record<EnsembleKind, number>> = { 'stacking-mlp': 5, 'stacking-trees': 3 };

/**
 * Whether `kind` may start at `now` with the comparison's deadline: any kind before the deadline,
 * and a non-linear meta-learner only when its time projected from the linear stacking's
 * (`linearMs`; never without that measure) ends before it. Its fits cannot stop halfway, and at
 * 26 classes one kind took longer than the whole run's slack.
 */
export function fitsBefore(kind: EnsembleKind, linearMs: number | null, deadline: number, now = Date.now()): boolean {
  if (now > deadline) return false;
  const cost = COST_OF_LINEAR[kind];
  if (cost === undefined) return true;
  return linearMs !== null && now + cost * linearMs <= deadline;
}

/** Weights 1, 1/2, 1/3… by each member's score on these rows (best first). */
function rankWeights(members: readonly Prediction[], y: Float64Array, metric: Metric): number[] {
  const scores = members.map((m) => metric.score(y, m));
  const order = scores.map((_, i) => i).sort((a, b) => (isBetter(metric, scores[a], scores[b]) ? -1 : isBetter(metric, scores[b], scores[a]) ? 1 : a - b));
  const weights = new Array<number>(members.length).fill(0);
  order.forEach((member, rank) => (weights[member] = 1 / (rank + 1)));
  return weights;
}

/** `take` of n row indexes, a seeded sample in increasing order (all rows when n ≤ take). */
function sample(n: number, take: number, rng: Rng): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= take) return order;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.subarray(0, take).sort();
}
