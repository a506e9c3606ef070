/**
 * One candidate solution, made real and measured: refit on all training rows, scored on the
 * holdout with a bootstrap interval, exported as one ONNX graph, checked against the in-app
 * prediction, and timed (single-row latency, batch throughput) and sized (file, memory) on the
 * graph in ONNX Runtime. A solution chosen for export is then refit once more on every row,
 * holdout included (refitOnAllRows): the holdout score stays the estimate of the same
 * configuration, and the exported model learns from the rows the estimate needed to hold back.
 */
import { isTargetTransformed } from '../ml/target-transform';
import { selectRows, type Frame } from '../ml/frame';
import type { FittedPipeline, InputSpec } from '../ml/models/pipeline';
import type { Prediction } from '../ml/prediction';
import { applyMetaLearner, type StackModel } from '../ml/ensemble/meta-learner';
import { hardVote } from '../ml/ensemble/voting';
import { exportSolutionOnnx, solutionInputs } from '../onnx/ensemble-graph';
import { OnnxModel, feedsFromFrame, measureLatency } from '../onnx/runtime';
import { blendPredictions } from './blend';
import { bootstrapInterval } from './bootstrap';
import { takeRows } from './cross-validate';
import { candidateKey, cutByDeadline, fitCandidate, forFullRefit, REFIT_ROUNDS_SCALE } from './fit-candidate';
import { maxPredictionDiff } from './parity';
import type { PhaseContext } from './phase';
import { runExecutionProvider } from './run-options';
import type { EvaluatedCandidate, SolutionKind } from './run-state';

const LATENCY_ITERATIONS = 300;
/** Largest disagreement tolerated between the graph and the in-app model (DESIGN.md §4 asks ≤ 1e-5). */
const PARITY_TOLERANCE = 1e-5;
const RUNTIME = { threads: 2, executionProvider: 'cpu' as const, batchSize: 1024 };

/** "gbdt", "soft vote of 3 (gbdt, gbdt, linear)", "stacking of 4 (…)", "stacking of 4 (…) with an MLP meta-learner". */
export function solutionLabel(kind: SolutionKind, members: readonly EvaluatedCandidate[], stack?: StackModel): string {
  if (members.length === 1 && kind !== 'stacking' && kind !== 'blending') return members[0].candidate.model;
  const name = kind === 'stacking' ? 'stacking' : kind === 'blending' ? 'blend' : kind === 'hard-vote' ? 'hard vote' : 'soft vote';
  const meta = stack?.kind === 'mlp' ? ' with an MLP meta-learner' : stack?.kind === 'trees' ? ' with a boosted-tree meta-learner' : '';
  return `${name} of ${members.length} (${members.map((m) => m.candidate.model).join(', ')})${meta}`;
}

/** The exported graph's predictions differ from the in-app model's beyond PARITY_TOLERANCE. */
export class ParityError extends Error {
  override readonly name = 'ParityError';
}

export interface SolutionSpec {
  label: string;
  kind: SolutionKind;
  /** The meta-learner of a stacked or blended solution (`weights` then only describe it). */
  stack?: StackModel;
  members: EvaluatedCandidate[];
  weights: number[];
  cvScore: number;
}

export interface MeasuredSolution {
  spec: SolutionSpec;
  models: FittedPipeline[];
  inputs: InputSpec[];
  preprocessing: string[];
  bytes: Uint8Array;
  holdoutScore: number;
  holdoutCi95: [number, number];
  /** The in-app prediction of the holdout rows (what the score and the parity were computed from). */
  holdoutPrediction: Prediction;
  parity: number;
  latencyMs: { p50: number; p95: number; p99: number };
  throughputRowsPerSecond: number;
  /** Resident memory the graph's session added while loading and predicting the holdout (approximate). */
  peakMemoryBytes: number;
  runtime: typeof RUNTIME;
  /** Rows the exported models were fitted on: the training rows, or every row (training and holdout) after refitOnAllRows. */
  fittedOn: { rows: number; holdoutIncluded: boolean };
}

/** Boosting rounds of a refit on every row, against a fold's: its rows are more again (1 / (1 − holdout share)). */
const ALL_ROWS_ROUNDS_SCALE = REFIT_ROUNDS_SCALE * 1.1;

/**
 * `refits` carries models already refitted by an earlier measurement in the same phase (keyed by
 * configuration), so a model that is both an ensemble member and a profile of its own is fitted once.
 */
export async function measureSolution(ctx: PhaseContext, spec: SolutionSpec, signal: AbortSignal, refits: Map<string, FittedPipeline>): Promise<MeasuredSolution> {
  const data = ctx.state.data;
  if (!data) throw new Error('The search phase has not prepared the data.');
  const holdoutFrame = selectRows(data.features, data.holdout);
  const yHoldout = takeRows(data.y, data.holdout);
  const models = await refitMembers(ctx, spec, data.train, { signal, refits, roundsScale: REFIT_ROUNDS_SCALE, endFraction: 0.95 });
  const inApp = combine(spec, models.map((m) => m.predict(holdoutFrame)));
  const holdoutScore = data.metric.score(yHoldout, inApp);
  const holdoutCi95 = bootstrapInterval(data.metric, yHoldout, inApp, ctx.rng.fork());
  const graph = await exportAndMeasure(ctx, spec, models, holdoutFrame, inApp);
  return { spec, models, preprocessing: describePreprocessing(models), holdoutScore, holdoutCi95, holdoutPrediction: inApp, runtime: RUNTIME, fittedOn: { rows: data.train.length, holdoutIncluded: false }, ...graph };
}

/**
 * `measured` refit on every row, holdout included, exported and measured again (graph parity on
 * the holdout rows, latency, throughput, size, memory). Its holdout score, interval and
 * predictions stay those of `measured`: the honest estimate of this configuration, which the
 * refit no longer could give. `refits` carries members already refitted on all rows. Null when
 * the budget's end cut a boosted member's rounds short: fewer rounds than validated would make
 * a worse model than the one the holdout scored.
 */
export async function refitOnAllRows(ctx: PhaseContext, measured: MeasuredSolution, signal: AbortSignal, refits: Map<string, FittedPipeline>): Promise<MeasuredSolution | null> {
  const data = ctx.state.data;
  if (!data) throw new Error('The search phase has not prepared the data.');
  const all = allRows(data.train, data.holdout);
  const holdoutFrame = selectRows(data.features, data.holdout);
  const models = await refitMembers(ctx, measured.spec, all, { signal, refits, roundsScale: ALL_ROWS_ROUNDS_SCALE, endFraction: 1 });
  if (models.some(cutByDeadline)) return null;
  const inApp = combine(measured.spec, models.map((m) => m.predict(holdoutFrame)));
  const graph = await exportAndMeasure(ctx, measured.spec, models, holdoutFrame, inApp);
  return { ...measured, models, preprocessing: describePreprocessing(models), fittedOn: { rows: all.length, holdoutIncluded: true }, ...graph };
}

/** Training rows then holdout rows, in one index list. */
function allRows(train: Int32Array, holdout: Int32Array): Int32Array {
  const out = new Int32Array(train.length + holdout.length);
  out.set(train, 0);
  out.set(holdout, train.length);
  return out;
}

/**
 * Fits `spec`'s members on `rows` (those not in `refits` yet). Each fit may use its share of what
 * is left of the budget up to `endFraction` of it, and never less than 1.5× the time one
 * cross-validation fold took (scaled by the rows), so it grows about as many trees as were validated.
 */
async function refitMembers(ctx: PhaseContext, spec: SolutionSpec, rows: Int32Array, options: { signal: AbortSignal; refits: Map<string, FittedPipeline>; roundsScale: number; endFraction: number }): Promise<FittedPipeline[]> {
  const data = ctx.state.data;
  if (!data) throw new Error('The search phase has not prepared the data.');
  const frame = selectRows(data.features, rows);
  const y = takeRows(data.y, rows);
  const rowsScale = rows.length / Math.max(1, data.train.length);
  const models: FittedPipeline[] = [];
  for (const [i, member] of spec.members.entries()) {
    const known = options.refits.get(candidateKey(member.candidate));
    if (known) {
      models.push(known);
      continue;
    }
    const share = Math.max(0, ctx.budget.deadlineAt(options.endFraction) - Date.now()) / (spec.members.length - i);
    const deadline = Date.now() + Math.max(share, 1.5 * rowsScale * (member.foldFitMs ?? share));
    const model = await fitCandidate(forFullRefit(member.candidate, member.foldRounds, options.roundsScale), frame, y, data.task, data.classes, { rng: ctx.rng.fork(), signal: options.signal, deadline, executionProvider: runExecutionProvider(ctx.settings) });
    options.refits.set(candidateKey(member.candidate), model);
    models.push(model);
  }
  return models;
}

/** The solution's prediction from its members' predictions: meta-learner, hard vote or weighted blend. */
function combine(spec: SolutionSpec, memberPredictions: Prediction[]): Prediction {
  return spec.stack ? applyMetaLearner(spec.stack, memberPredictions) : spec.kind === 'hard-vote' ? hardVote(memberPredictions, spec.weights) : blendPredictions(memberPredictions, spec.weights);
}

/** Exports `models` as one graph, checks it against `inApp` on the holdout rows, and times and sizes it. */
async function exportAndMeasure(ctx: PhaseContext, spec: SolutionSpec, models: FittedPipeline[], holdoutFrame: Frame, inApp: Prediction): Promise<Pick<MeasuredSolution, 'inputs' | 'bytes' | 'parity' | 'latencyMs' | 'throughputRowsPerSecond' | 'peakMemoryBytes'>> {
  const data = ctx.state.data;
  if (!data) throw new Error('The search phase has not prepared the data.');
  const bytes = exportSolutionOnnx(models, spec.weights, spec.stack, { hard: spec.kind === 'hard-vote' });
  const inputs = solutionInputs(models);
  const rssBefore = process.memoryUsage().rss;
  const model = await OnnxModel.load(bytes, { threads: RUNTIME.threads, executionProvider: RUNTIME.executionProvider });
  try {
    const feeds = feedsFromFrame(holdoutFrame, inputs);
    const started = performance.now();
    const fromGraph = await model.predict(feeds, holdoutFrame.rowCount, data.task, data.classes);
    const seconds = Math.max(1e-6, (performance.now() - started) / 1000);
    const peakMemoryBytes = Math.max(bytes.length, process.memoryUsage().rss - rssBefore);
    const parity = maxPredictionDiff(inApp, fromGraph);
    if (!(parity <= PARITY_TOLERANCE)) throw new ParityError(`The exported graph of ${spec.label} disagrees with the in-app model by ${parity} on the holdout.`);
    const latencyMs = await measureLatency(model, feedsFromFrame(selectRows(holdoutFrame, [0]), inputs), LATENCY_ITERATIONS);
    return { inputs, bytes, parity, latencyMs, throughputRowsPerSecond: holdoutFrame.rowCount / seconds, peakMemoryBytes };
  } finally {
    await model.release();
  }
}

function describePreprocessing(models: readonly FittedPipeline[]): string[] {
  const lines = new Set<string>();
  for (const m of models) {
    if (m.family === 'linear' || m.family === 'mlp') lines.add(`${m.family}: numeric mean imputation and standardization; categorical one-hot (missing and unseen → all zeros)`);
    else lines.add(`${m.family}: numeric values as they are (missing follows the learned default branch); categorical values as native category splits`);
    if (isTargetTransformed(m)) lines.add(`${m.family}: fitted on ${m.targetTransform === 'log1p' ? 'log(1 + target)' : '√target'}; its output is turned back (${m.targetTransform === 'log1p' ? 'exp(v) − 1' : 'v²'}) inside the graph`);
  }
  return [...lines];
}
