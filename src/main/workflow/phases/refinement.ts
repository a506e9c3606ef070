/**
 * Refinement phase: MLE-STAR's nested loop over a structured solution (DESIGN.md §2).
 *
 * The foundation's best candidate becomes a solution (solution/realize.ts). Each round (outer
 * loop, T rounds):
 *   1. ablation — the solution is cross-validated with each active block switched to its
 *      plainest alternative, on the run's folds, like every other candidate of the run;
 *   2. the blocks are ranked by effect (|baseline − score|) and the largest not yet exhausted is
 *      chosen (rankAblation); one already at its plainest is explored when nothing has an effect;
 *   3. inner loop (K attempts): TPE inside that block's space, seeded with the incumbent's point,
 *      with a median pruner on the running mean of the fold scores;
 *   4. the best attempt replaces the solution when it beats it; the block is exhausted.
 * Scores are reused by configuration (candidateKey): an ablation of an unchanged solution or an
 * attempt that lands on a known configuration costs nothing.
 *
 * Budget: with a time budget, the phase plans K from the time a cross-validation takes and what
 * is left of its share (what a reserve for the ensemble and validation leaves, 50–80 % of the run), stops starting work that would end past it, and keeps
 * the best so far. With an iteration budget (settings.iterations = N), rounds × attempts are
 * fixed (K = min(N, 6), T = ⌈N/K⌉, N attempts in all) and fits have no wall-clock
 * deadline, so the same seed gives the same leaderboard and ablation table.
 *
 * Every evaluation is a persisted task and trial (pruned ones as `pruned`); the ablation table,
 * the rounds and the block statuses go to the run state (and the report), and to
 * `refinement.json` beside the run after every round, so a resumed run carries on after the last
 * finished round.
 */
import { canTransformTarget } from '../../ml/target-transform';
import { mutualInformation, nearConstantColumns } from '../../ml/features/column-scores';
import fs from 'node:fs';
import path from 'node:path';
import type { AblationRow, RefinementRound } from '../../../shared/domain';
import { selectRows } from '../../ml/frame';
import { isBetter } from '../../ml/metrics';
import { directionOf } from '../../ml/search/direction';
import { MedianPruner } from '../../ml/search/median-pruner';
import type { Params } from '../../ml/search/space';
import { contains } from '../../ml/search/space';
import { Study } from '../../ml/search/study';
import { TpeSampler } from '../../ml/search/tpe-sampler';
import { completeTrial, startTrial, withIntermediate, type FrozenTrial } from '../../ml/search/trial';
import { runFolds, selectPredictionRows, takeRows } from '../cross-validate';
import { evaluateOrPrune } from '../evaluate-candidate';
import { candidateKey, fitCandidate } from '../fit-candidate';
import { runExecutionProvider } from '../run-options';
import { ALL_ROWS_TIME_SCALE, trainingRowsRefitMs } from '../refit-time';
import type { Phase, PhaseContext } from '../phase';
import type { Candidate, EvaluatedCandidate, PreparedData } from '../run-state';
import { ablationPlan, rankAblation } from '../solution/ablation';
import { applyBlockPoint, currentPoint } from '../solution/block-search';
import { BLOCK_NAMES, type BlockName } from '../solution/blocks';
import { activeBlocks, activeSpace, blockStatuses, describeSolution, realize, solutionFromCandidate, spaceSize, type Family, type RealizeContext } from '../solution/realize';
import { describeChanges, diffSolutions, parseSolution, serializeSolution, type Solution } from '../solution/solution';

/**
 * The refinement's share of the time budget is what is left after a reserve for the ensemble and
 * validation (which refit the chosen models on all training rows, export and measure them): the
 * reserve is estimated from the measured fold-fit times of the best model of each family (the
 * ensemble's members), so slow data (many classes, many rows) leaves more, and fast data less.
 */
const MIN_REFINEMENT_SHARE = 0.5;
/** The validation's refit on every row is reserved when expected to take at most this share of the budget. */
const ALL_ROWS_RESERVE_SHARE = 0.15;
const MAX_REFINEMENT_SHARE = 0.8;

function refinementShare(ctx: PhaseContext): number {
  const bestOfFamily = new Map<string, EvaluatedCandidate>();
  for (const e of ctx.state.leaderboard) if (!bestOfFamily.has(e.candidate.model)) bestOfFamily.set(e.candidate.model, e);
  const members = [...bestOfFamily.values()].slice(0, 5);
  // The validation's first refits (on the training rows), and its refit on every row where that
  // is cheap (at most ALL_ROWS_RESERVE_SHARE of the budget: small data, where a quarter more rows
  // is worth more than the last refinement rounds; spam's refinement had left 6 s for an 8 s
  // refit). A dearer one comes out of the slack and the ensemble's time, as before: reserving it
  // too starved the ensembles of larger data.
  const refitMs = trainingRowsRefitMs(members);
  const allRowsMs = refitMs * ALL_ROWS_TIME_SCALE;
  const allRowsReserveMs = ctx.settings.refitOnAllRows !== false && allRowsMs <= ALL_ROWS_RESERVE_SHARE * ctx.budget.totalMs ? allRowsMs : 0;
  const reserveMs = refitMs + allRowsReserveMs + ensembleEstimateMs(ctx, members.length) + 4000 + 0.1 * ctx.budget.totalMs;
  return Math.min(MAX_REFINEMENT_SHARE, Math.max(MIN_REFINEMENT_SHARE, 1 - reserveMs / ctx.budget.totalMs));
}
/**
 * The ensemble comparison's expected time: its meta-learners work on rows × outputs × members
 * cells of out-of-fold predictions (letters: 16k rows × 26 classes × 5 members took about 7 s
 * for the linear kinds), on at most the ensemble's 30,000-row sample.
 */
const ENSEMBLE_MS_PER_CELL = 0.0035;
function ensembleEstimateMs(ctx: PhaseContext, members: number): number {
  const data = ctx.state.data;
  if (!data || members < 2) return 0;
  const outputs = data.classes && data.classes.length > 2 ? data.classes.length : 1;
  return ENSEMBLE_MS_PER_CELL * Math.min(data.train.length, 30_000) * outputs * members;
}

/** With a time budget the time decides how many rounds run; this only bounds a runaway loop. */
const MAX_TIMED_ROUNDS = 40;
const MIN_ATTEMPTS = 2;
const MAX_ATTEMPTS = 8;
const STATE_FILE = 'refinement.json';

interface SavedState {
  format: 'mlestar.refinement';
  version: 1;
  /** Rounds finished. */
  round: number;
  attemptsUsed: number;
  solution: string;
  /** Blocks refined (or with nothing left to try), each with the solution it was exhausted for. */
  exhausted: [BlockName, string][];
  base: Partial<Record<Family, Candidate>>;
  importance?: { feature: string; importance: number }[];
  ablations: AblationRow[];
  rounds: RefinementRound[];
}

/** Rows the model-free column scores read at most (a seeded sample beyond). */
const COLUMN_SCORE_ROWS = 30_000;

/**
 * Mutual information and near-constant columns of the training rows (every k-th beyond
 * COLUMN_SCORE_ROWS: no draw from the run's random stream, which the refinement's search reads):
 * feature selection's model-free scores.
 */
function columnScoresOf(data: PreparedData): NonNullable<RealizeContext['columnScores']> {
  const step = Math.ceil(data.train.length / COLUMN_SCORE_ROWS);
  const rows = step <= 1 ? data.train : data.train.filter((_, i) => i % step === 0);
  return { mutualInformation: mutualInformation(data.features, data.y, rows, data.task), nearConstant: nearConstantColumns(data.features, rows) };
}

const statePath = (ctx: PhaseContext): string => path.join(ctx.runDir, STATE_FILE);

function loadState(ctx: PhaseContext): SavedState | null {
  const file = statePath(ctx);
  if (!fs.existsSync(file)) return null;
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedState;
    return saved.format === 'mlestar.refinement' && saved.version === 1 ? saved : null;
  } catch {
    return null;
  }
}

function saveState(ctx: PhaseContext, saved: SavedState): void {
  const file = statePath(ctx);
  fs.writeFileSync(`${file}.partial`, JSON.stringify(saved));
  fs.renameSync(`${file}.partial`, file);
}

/** Per fold, the score of an evaluation's out-of-fold predictions on that fold. */
function foldScores(data: PreparedData, folds: ReturnType<typeof runFolds>, evaluated: EvaluatedCandidate): number[] {
  const yTrain = takeRows(data.y, data.train);
  return folds.map((f) => data.metric.score(takeRows(yTrain, f.test), selectPredictionRows(evaluated.oof, f.test)));
}

/** Running means of fold scores: the intermediate values the pruner compares at each fold. */
const runningMeans = (scores: readonly number[]): number[] => scores.map((_, i) => scores.slice(0, i + 1).reduce((a, b) => a + b, 0) / (i + 1));

const fmtScore = (v: number): string => v.toFixed(4);
const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(4)}`;

export const refinementPhase: Phase = {
  name: 'refinement',
  async run(ctx): Promise<void> {
    const data = ctx.state.data;
    const start = ctx.state.leaderboard[0];
    if (!data || !start) throw new Error('The foundation phase produced no model to refine.');
    const metric = data.metric;
    const better = (a: number, b: number): boolean => isBetter(metric, a, b);
    const folds = runFolds(data, ctx.settings.seed);
    const iterations = ctx.settings.iterations;
    const saved = loadState(ctx);

    // The run's families and their starting configurations (the best foundation candidate of each).
    const families: Family[] = [];
    for (const c of ctx.state.candidates) if (!families.includes(c.model)) families.push(c.model);
    for (const e of ctx.state.leaderboard) if (!families.includes(e.candidate.model)) families.push(e.candidate.model);
    const base: Partial<Record<Family, Candidate>> = saved?.base ?? {};
    if (!saved) for (const e of [...ctx.state.leaderboard].reverse()) base[e.candidate.model] = e.candidate;

    const trainFrame = selectRows(data.features, data.train);
    const rctx: RealizeContext = {
      task: data.task,
      families,
      base,
      columns: trainFrame.columns.map((c) => c.name),
      numericColumns: trainFrame.columns.filter((c) => c.kind === 'numeric').map((c) => c.name),
      hasMissingNumeric: trainFrame.columns.some((c) => c.kind === 'numeric' && c.values.some((v) => !Number.isFinite(v))),
      hasCategorical: trainFrame.columns.some((c) => c.kind === 'categorical'),
      nonNegativeTarget: data.task === 'regression' && canTransformTarget(Float64Array.from(data.train, (r) => data.y[r])),
      columnScores: columnScoresOf(data),
      importance: saved?.importance,
    };

    // Every configuration the run has cross-validated (all on the run's folds), by key.
    const known = new Map<string, EvaluatedCandidate>();
    const remember = (e: EvaluatedCandidate): void => {
      const key = candidateKey(e.candidate);
      const had = known.get(key);
      if (!had || better(e.cvScore, had.cvScore)) known.set(key, e);
    };
    ctx.state.leaderboard.forEach(remember);

    let solution: Solution = saved ? parseSolution(saved.solution) : solutionFromCandidate(start.candidate, data.task);
    const startSolution = solution;
    // A block is exhausted for the solution it was refined on; once another block changes the
    // solution, it may be worth refining again.
    const exhaustedFor = new Map<BlockName, string>(saved?.exhausted ?? []);
    const exhaust = (b: BlockName): void => void exhaustedFor.set(b, serializeSolution(solution));
    const exhaustedNow = (): BlockName[] => [...exhaustedFor].filter(([, key]) => key === serializeSolution(solution)).map(([b]) => b);
    const ablations: AblationRow[] = [...(saved?.ablations ?? [])];
    const rounds: RefinementRound[] = [...(saved?.rounds ?? [])];
    let attemptsUsed = saved?.attemptsUsed ?? 0;
    let round = saved?.round ?? 0;
    const publish = (): void => {
      ctx.state.refinement = { ablations: [...ablations], rounds: [...rounds], blocks: blockStatuses(solution, rctx) };
      ctx.refinementChanged?.();
    };
    const persist = (): void => {
      saveState(ctx, { format: 'mlestar.refinement', version: 1, round, attemptsUsed, solution: serializeSolution(solution), exhausted: [...exhaustedFor], base, importance: rctx.importance ? [...rctx.importance] : undefined, ablations, rounds });
      publish();
    };
    if (saved) ctx.log('info', `Refinement resumes after round ${saved.round} (${saved.attemptsUsed} attempts done).`);

    // Time planning: a cross-validation's expected duration, updated from the phase's own evaluations.
    const share = refinementShare(ctx);
    const deadline = ctx.budget.deadlineAt(share);
    if (iterations === undefined) ctx.log('info', `Refinement: ${Math.round(share * 100)}% of the time budget, the rest kept for the ensemble and validation.`);
    let cvMs = Math.max(50, (start.foldFitMs ?? 200) * folds.length * 1.2);
    let measured = 0;
    const timeFor = (n: number): number => n * cvMs;
    const outOfTime = (ms: number): boolean => (iterations === undefined ? ctx.budget.wouldExceed(ms, share) : ctx.budget.spent(0.9));
    let timeNoted = false;
    const noteTime = (): void => {
      if (timeNoted) return;
      timeNoted = true;
      if (iterations !== undefined) ctx.log('warn', 'Refinement: the time budget ran out before the iteration budget; this run is not reproducible from its seed alone.');
      else ctx.log('info', `Refinement: its share of the time budget is spent; keeping the best so far.`);
    };

    let evalCount = 0;
    /** Attempts without improvement per block and solution. */
    const fruitless = new Map<string, number>();
    /** The cross-validated score of a solution (reused when its configuration is known). */
    const evaluate = async (s: Solution, label: string, onFold?: (done: number, mean: number) => boolean): Promise<{ evaluated: EvaluatedCandidate | null; candidate: Candidate; failed?: string }> => {
      const candidate = realize(s, rctx);
      const hit = known.get(candidateKey(candidate));
      if (hit) return { evaluated: hit, candidate };
      const t0 = Date.now();
      let outcome: Awaited<ReturnType<typeof evaluateOrPrune>>;
      try {
        outcome = await evaluateOrPrune(ctx, candidate, label, { deadline: iterations === undefined ? deadline : undefined, onFold });
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        const message = error instanceof Error ? error.message : String(error);
        ctx.log('warn', `Refinement: ${label} failed: ${message}`);
        return { evaluated: null, candidate, failed: message };
      }
      const ms = Date.now() - t0;
      evalCount++;
      if ('pruned' in outcome) return { evaluated: null, candidate };
      cvMs = measured === 0 ? ms : (cvMs * measured + ms) / (measured + 1);
      measured++;
      remember(outcome);
      return { evaluated: outcome, candidate };
    };

    // The foundation compared the families already: only search them again once something else changed.
    if (!saved && families.every((f) => base[f] !== undefined)) exhaust('modelFamily');

    const maxRounds = Math.min(ctx.settings.refinementRounds ?? Number.POSITIVE_INFINITY, iterations === undefined ? MAX_TIMED_ROUNDS : Math.ceil(iterations / attemptsPerRound(iterations)));
    let stopReason = '';
    while (round < maxRounds) {
      if (ctx.signal.aborted) return;
      if (iterations !== undefined && attemptsUsed >= iterations) {
        stopReason = `the iteration budget (${iterations} attempts) is used`;
        break;
      }
      const current = await evaluate(solution, `refinement round ${round + 1}: the solution itself`);
      if (!current.evaluated) throw new Error('The solution being refined could not be evaluated.');
      const baseline = current.evaluated.cvScore;

      // 1. Ablation.
      const active = new Set(activeBlocks(solution, rctx));
      const variants = ablationPlan(solution).filter((v) => active.has(v.block));
      const unknown = variants.filter((v) => !known.has(candidateKey(realize(v.solution, rctx)))).length;
      if (iterations === undefined && ctx.budget.wouldExceed(timeFor(unknown + MIN_ATTEMPTS), share)) {
        stopReason = `${((deadline - Date.now()) / 1000).toFixed(1)} s left of its share, a round needs about ${(timeFor(unknown + MIN_ATTEMPTS) / 1000).toFixed(1)} s`;
        break;
      }
      const results: { block: BlockName; score: number }[] = [];
      for (const v of variants) {
        const r = await evaluate(v.solution, `refinement round ${round + 1}: ablation ${v.label}`);
        results.push({ block: v.block, score: r.evaluated ? r.evaluated.cvScore : Number.NaN });
      }
      const notActive = BLOCK_NAMES.filter((b) => !active.has(b));
      const minEffect = 1e-3 * Math.max(Math.abs(baseline) * 0.1, current.evaluated.cvStd);
      const rank = (): ReturnType<typeof rankAblation> => {
        const exhausted = [...exhaustedNow(), ...notActive];
        const r = rankAblation({ baseline, results, greaterIsBetter: metric.greaterIsBetter, solution, exhausted, minEffect });
        // Among blocks still at their plainest, tune the hyperparameters first: usually the largest gain.
        if (r.chosen && r.untested.includes(r.chosen) && r.untested.includes('hyperparameters') && !exhausted.includes('hyperparameters')) return { ...r, chosen: 'hyperparameters' };
        return r;
      };
      let ranking = rank();
      round++;
      for (const e of ranking.entries) ablations.push({ round, block: e.block, baseline, score: e.score, effect: Number.isFinite(e.effect) ? e.effect : Number.NaN });
      publish(); // the live view shows the round's ablation while its attempts run

      // 2. Choose a block with something left to try.
      let block = ranking.chosen;
      let space = block ? activeSpace(block, solution, rctx) : {};
      while (block && spaceSize(space) !== Number.POSITIVE_INFINITY && untriedPoints(solution, block, space, rctx, known) === 0) {
        exhaust(block);
        ranking = rank();
        block = ranking.chosen;
        space = block ? activeSpace(block, solution, rctx) : {};
      }
      if (!block && iterations === undefined && active.has('hyperparameters') && spaceSize(activeSpace('hyperparameters', solution, rctx)) === Number.POSITIVE_INFINITY) {
        // Every block is exhausted but time is left (the check above): a continuous space is never
        // searched out, so the hyperparameter search goes on rather than leaving the budget unused.
        exhaustedFor.delete('hyperparameters');
        fruitless.delete(`hyperparameters@${serializeSolution(solution)}`);
        block = 'hyperparameters';
        space = activeSpace(block, solution, rctx);
        ctx.log('info', `Round ${round}: every block is exhausted and time is left, so the hyperparameter search goes on.`);
      }
      if (!block) {
        rounds.push({ round, block: null, attempts: 0, best: baseline, improved: false, change: ranking.reason });
        ctx.log('info', `Round ${round}: ${ablationSummary(ranking.entries, metric.name, metric.greaterIsBetter)}; ${ranking.reason}`);
        persist();
        stopReason = 'every block is exhausted';
        break;
      }
      if (block === 'featureSelection' && !rctx.importance) rctx.importance = await incumbentImportance(ctx, current.candidate, data);

      // 3. Inner loop: TPE inside the block's space, pruned on folds.
      const k = Math.min(
        ctx.settings.refinementAttempts ?? Number.POSITIVE_INFINITY,
        iterations !== undefined
          ? Math.min(attemptsPerRound(iterations), iterations - attemptsUsed)
          : Math.max(MIN_ATTEMPTS, Math.min(MAX_ATTEMPTS, Math.floor((deadline - Date.now() - timeFor(1)) / Math.max(1, cvMs) / 2))),
      );
      const finite = spaceSize(space);
      const history = incumbentHistory(solution, block, space, rctx, current.evaluated, foldScores(data, folds, current.evaluated));
      const study = new Study({
        space,
        direction: directionOf(metric),
        sampler: new TpeSampler(ctx.rng.fork(), { startupTrials: Math.min(3, k) }),
        pruner: new MedianPruner({ startupTrials: 2, warmupSteps: Math.max(1, Math.floor(folds.length / 2)) }),
        history,
      });
      let best: { solution: Solution; score: number } = { solution, score: baseline };
      let attempts = 0;
      let pruned = 0;
      const tried = new Set<string>([candidateKey(current.candidate)]);
      for (let a = 0; a < k; a++) {
        if (ctx.signal.aborted) return;
        if (outOfTime(iterations === undefined ? cvMs : 0)) {
          noteTime();
          break;
        }
        if (tried.size >= finite) break;
        const trial = study.ask();
        const next = applyBlockPoint(solution, block, trial.params);
        attempts++;
        attemptsUsed++;
        const r = await evaluate(next, `refinement round ${round}: ${block} attempt ${attempts}`, (done, mean) => {
          study.report(trial.number, done, mean);
          return study.shouldPrune(trial.number);
        });
        tried.add(candidateKey(r.candidate));
        if (r.failed !== undefined) {
          study.tell(trial.number, { state: 'failed', note: r.failed });
          continue;
        }
        if (!r.evaluated) {
          pruned++;
          study.tell(trial.number, { state: 'pruned' });
          continue;
        }
        runningMeans(foldScores(data, folds, r.evaluated)).forEach((m, i) => study.report(trial.number, i + 1, m));
        study.tell(trial.number, { state: 'complete', value: r.evaluated.cvScore });
        if (better(r.evaluated.cvScore, best.score)) best = { solution: next, score: r.evaluated.cvScore };
      }

      // 4. Keep the best.
      const improved = best.solution !== solution;
      const changes = describeChanges(diffSolutions(solution, best.solution));
      const effect = ranking.entries.find((e) => e.block === block);
      const why = effect
        ? `ablation says '${block}' matters most (${metric.name} ${signed(effect.score - baseline)} when plain)`
        : `${ranking.entries.length ? `${ablationSummary(ranking.entries, metric.name, metric.greaterIsBetter)} (refined already or below ${minEffect.toPrecision(2)})` : 'nothing to ablate'}; exploring '${block}', still at its plainest`;
      const found = improved ? `best ${changes.join('; ')} ${signed(best.score - baseline)} → kept` : 'none beat the solution';
      ctx.log('info', `Round ${round}: ${why}; ${attempts} attempt${attempts === 1 ? '' : 's'}${pruned ? ` (${pruned} pruned)` : ''}, ${found} (CV ${fmtScore(best.score)}).`);
      rounds.push({ round, block, attempts, best: best.score, improved, change: improved ? changes.join('; ') : 'none beat the solution' });
      // A block with a finite space is exhausted by one round; one with a continuous space gets
      // more rounds (while time lasts) until MAX_ATTEMPTS attempts in all found nothing.
      const key = `${block}@${serializeSolution(solution)}`;
      fruitless.set(key, (fruitless.get(key) ?? 0) + attempts);
      if (improved) solution = best.solution;
      else if (finite !== Number.POSITIVE_INFINITY || (fruitless.get(key) ?? 0) >= MAX_ATTEMPTS || attempts === 0) exhaust(block);
      ctx.metric('refinement_round_best', round, best.score);
      persist();
      if (timeNoted) {
        stopReason = 'the time budget';
        break;
      }
    }
    if (!stopReason && round >= maxRounds) stopReason = iterations !== undefined ? `the iteration budget (${iterations} attempts) is used` : `the ${maxRounds}-round limit`;
    persist();
    const startScore = known.get(candidateKey(realize(startSolution, rctx)))?.cvScore ?? start.cvScore;
    const endScore = known.get(candidateKey(realize(solution, rctx)))?.cvScore ?? startScore;
    const changes = describeChanges(diffSolutions(startSolution, solution));
    ctx.log(
      'info',
      `Refinement: ${rounds.length} round(s), ${attemptsUsed} attempt(s), ${evalCount} cross-validation(s); stopped: ${stopReason || 'done'}. CV ${fmtScore(startScore)} → ${fmtScore(endScore)} (${signed(endScore - startScore)}); solution: ${describeSolution(solution, rctx)}${changes.length ? ` (changed ${changes.join('; ')})` : ''}.`,
    );
  },

  /** Its evaluations are back on the leaderboard already (restored with the foundation's); the tables come from refinement.json. */
  async restore(ctx): Promise<void> {
    const saved = loadState(ctx);
    if (!saved) return;
    ctx.state.refinement = { ablations: saved.ablations, rounds: saved.rounds, blocks: [] };
    const data = ctx.state.data;
    if (!data) return;
    const frame = selectRows(data.features, data.train);
    const families = Object.keys(saved.base) as Family[];
    const rctx: RealizeContext = {
      task: data.task,
      families,
      base: saved.base,
      columns: frame.columns.map((c) => c.name),
      numericColumns: frame.columns.filter((c) => c.kind === 'numeric').map((c) => c.name),
      hasMissingNumeric: frame.columns.some((c) => c.kind === 'numeric' && c.values.some((v) => !Number.isFinite(v))),
      hasCategorical: frame.columns.some((c) => c.kind === 'categorical'),
      nonNegativeTarget: data.task === 'regression' && canTransformTarget(Float64Array.from(data.train, (r) => data.y[r])),
      importance: saved.importance,
    };
    ctx.state.refinement.blocks = blockStatuses(parseSolution(saved.solution), rctx);
  },
};

/** Attempts per round for an iteration budget of `n` attempts. */
const attemptsPerRound = (n: number): number => Math.max(1, Math.min(6, n));

/** Points of a finite space whose configuration has not been evaluated yet. */
function untriedPoints(solution: Solution, block: BlockName, space: ReturnType<typeof activeSpace>, rctx: RealizeContext, known: Map<string, EvaluatedCandidate>): number {
  let points: Params[] = [{}];
  for (const [name, spec] of Object.entries(space)) {
    if (spec.kind !== 'categorical') return Number.POSITIVE_INFINITY;
    points = points.flatMap((p) => spec.choices.map((c) => ({ ...p, [name]: c })));
  }
  const keys = new Set(points.map((p) => candidateKey(realize(applyBlockPoint(solution, block, p), rctx))));
  let n = 0;
  for (const key of keys) if (!known.has(key)) n++;
  return n;
}

/** The incumbent as trial 0 of the block's study (so TPE and the pruner know it), when it is a point of the space. */
function incumbentHistory(solution: Solution, block: BlockName, space: ReturnType<typeof activeSpace>, rctx: RealizeContext, evaluated: EvaluatedCandidate, scores: number[]): FrozenTrial[] {
  let point = currentPoint(solution, block, space);
  if (!point && block === 'hyperparameters') {
    // Family defaults: the starting configuration's own values, where they are a point of the space.
    const params = realize(solution, rctx).params as unknown as Record<string, unknown>;
    const candidate = Object.fromEntries(Object.keys(space).map((k) => [k, params[k]])) as Params;
    if (contains(space, candidate)) point = candidate;
  }
  if (!point) return [];
  let trial = startTrial(0, point, Date.now());
  runningMeans(scores).forEach((m, i) => (trial = withIntermediate(trial, i + 1, m)));
  return [completeTrial(trial, evaluated.cvScore, Date.now())];
}

/** Feature importance of the incumbent fitted once on the training rows (feature selection ranks columns by it). */
async function incumbentImportance(ctx: PhaseContext, candidate: Candidate, data: PreparedData): Promise<{ feature: string; importance: number }[]> {
  return ctx.task('refinement: feature importance of the incumbent', async (task) => {
    const model = await fitCandidate(candidate, selectRows(data.features, data.train), takeRows(data.y, data.train), data.task, data.classes, { rng: ctx.rng.fork(), signal: task.signal, executionProvider: runExecutionProvider(ctx.settings) });
    const importance = model.featureImportance();
    task.summarize(`most important: ${importance.slice(0, 3).map((e) => e.feature).join(', ')}`);
    return importance;
  });
}

function ablationSummary(entries: readonly { block: string; score: number; effect: number }[], metricName: string, greaterIsBetter: boolean): string {
  if (entries.length === 0) return 'nothing to ablate';
  const sign = greaterIsBetter ? -1 : 1;
  return `ablation: ${entries.map((e) => `${e.block} ${metricName} ${Number.isFinite(e.effect) ? signed(sign * e.effect) : 'failed'} when plain`).join(', ')}`;
}
