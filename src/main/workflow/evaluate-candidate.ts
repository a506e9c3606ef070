/**
 * Cross-validates one candidate as a persisted task and records it everywhere it belongs:
 * a trial, a `cv_score` metric point, the leaderboard and the run's best score. Every candidate
 * of a run is cross-validated on the run's folds (see {@link runFolds}), so scores compare.
 */
import { TrialPruned } from '../ml/search/study';
import { crossValidate, runFolds } from './cross-validate';
import { saveEvaluation } from './evaluation-store';
import type { PhaseContext } from './phase';
import { runExecutionProvider } from './run-options';
import { addToLeaderboard, candidateParams, type Candidate, type EvaluatedCandidate } from './run-state';

/**
 * `deadline` (epoch ms): tree fits stop growing at their share of it, so the budget holds. With an
 * iteration budget (settings.iterations) there is no per-fit deadline: a fit that stops at a
 * wall-clock time would not be reproducible.
 */
export async function evaluateCandidate(ctx: PhaseContext, candidate: Candidate, label: string, deadline?: number): Promise<EvaluatedCandidate> {
  const outcome = await evaluateOrPrune(ctx, candidate, label, { deadline });
  if ('pruned' in outcome) throw new Error('Unreachable: an evaluation without a pruner was pruned.');
  return outcome;
}

/** A trial the pruner stopped: its mean score over the folds it finished. */
export interface PrunedEvaluation {
  pruned: true;
  candidate: Candidate;
  meanSoFar: number;
  folds: number;
}

/**
 * {@link evaluateCandidate} with a pruner: `onFold` sees the mean score after each fold and may
 * stop the cross-validation. A pruned candidate is recorded as a `pruned` trial (its task still
 * succeeds: pruning is an outcome, not a failure) and stays off the leaderboard, since its
 * out-of-fold predictions are incomplete.
 */
export async function evaluateOrPrune(
  ctx: PhaseContext,
  candidate: Candidate,
  label: string,
  options: { deadline?: number; onFold?: (done: number, meanSoFar: number) => boolean } = {},
): Promise<EvaluatedCandidate | PrunedEvaluation> {
  const data = ctx.state.data;
  if (!data) throw new Error('The search phase has not prepared the data.');
  const started = Date.now();
  const deadline = ctx.settings.iterations === undefined ? options.deadline : undefined;
  const folds = runFolds(data, ctx.settings.seed);
  let lastMean = Number.NaN;
  let done = 0;
  const onFold = options.onFold
    ? (n: number, mean: number): boolean => {
        done = n;
        lastMean = mean;
        return options.onFold?.(n, mean) ?? false;
      }
    : undefined;
  const { result, taskId } = await ctx.task(label, async (task) => {
    try {
      const evaluated = await crossValidate(data, candidate, { rng: ctx.rng.fork(), signal: task.signal, deadline, folds, onFold, pool: ctx.fitPool, executionProvider: runExecutionProvider(ctx.settings) });
      saveEvaluation(ctx.runDir, task.id, evaluated);
      task.summarize(`${data.metric.name} ${evaluated.cvScore.toFixed(4)} ± ${evaluated.cvStd.toFixed(4)}`);
      return { result: evaluated as EvaluatedCandidate | PrunedEvaluation, taskId: task.id };
    } catch (error) {
      if (!(error instanceof TrialPruned)) throw error;
      task.summarize(`pruned after ${done} of ${folds.length} folds (${data.metric.name} ${lastMean.toFixed(4)} so far)`);
      return { result: { pruned: true as const, candidate, meanSoFar: lastMean, folds: done }, taskId: task.id };
    }
  });
  if ('pruned' in result) {
    ctx.trial({ taskId, model: candidate.model, params: candidateParams(candidate), score: Number.isFinite(result.meanSoFar) ? result.meanSoFar : null, status: 'pruned', durationMs: Date.now() - started });
    return result;
  }
  recordEvaluation(ctx, result, taskId, Date.now() - started);
  return result;
}

/** Records an evaluation as a trial, metric points, a leaderboard entry and the best score. */
function recordEvaluation(ctx: PhaseContext, evaluated: EvaluatedCandidate, taskId: number, durationMs: number): void {
  const candidate = evaluated.candidate;
  ctx.trial({ taskId, model: candidate.model, params: candidateParams(candidate), score: evaluated.cvScore, status: 'complete', durationMs });
  addToLeaderboard(ctx.state, evaluated);
  const step = ctx.state.leaderboard.length;
  ctx.metric('cv_score', step, evaluated.cvScore);
  ctx.metric('best_cv_score', step, ctx.state.leaderboard[0].cvScore);
  ctx.bestScore(ctx.state.leaderboard[0].cvScore);
}
