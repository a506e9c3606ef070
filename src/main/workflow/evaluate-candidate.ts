/**
 * Cross-validates one candidate as a persisted task and records it everywhere it belongs:
 * a trial, a `cv_score` metric point, the leaderboard and the run's best score.
 */
import { crossValidate } from './cross-validate';
import { saveEvaluation } from './evaluation-store';
import type { PhaseContext } from './phase';
import { addToLeaderboard, type Candidate, type EvaluatedCandidate } from './run-state';

/** `deadline` (epoch ms): tree fits stop growing at their share of it, so the budget holds. */
export async function evaluateCandidate(ctx: PhaseContext, candidate: Candidate, label: string, deadline?: number): Promise<EvaluatedCandidate> {
  const data = ctx.state.data;
  if (!data) throw new Error('The search phase has not prepared the data.');
  const started = Date.now();
  const { result: evaluated, taskId } = await ctx.task(label, async (task) => {
    const result = await crossValidate(data, candidate, { rng: ctx.rng.fork(), signal: task.signal, deadline });
    saveEvaluation(ctx.runDir, task.id, result);
    task.summarize(`${data.metric.name} ${result.cvScore.toFixed(4)} ± ${result.cvStd.toFixed(4)}`);
    return { result, taskId: task.id };
  });
  recordEvaluation(ctx, evaluated, taskId, Date.now() - started);
  return evaluated;
}

/** Records an evaluation as a trial, metric points, a leaderboard entry and the best score. */
function recordEvaluation(ctx: PhaseContext, evaluated: EvaluatedCandidate, taskId: number, durationMs: number): void {
  const candidate = evaluated.candidate;
  ctx.trial({ taskId, model: candidate.model, params: { ...candidate.params }, score: evaluated.cvScore, status: 'complete', durationMs });
  addToLeaderboard(ctx.state, evaluated);
  const step = ctx.state.leaderboard.length;
  ctx.metric('cv_score', step, evaluated.cvScore);
  ctx.metric('best_cv_score', step, ctx.state.leaderboard[0].cvScore);
  ctx.bestScore(ctx.state.leaderboard[0].cvScore);
}
