/**
 * Cross-validates one candidate as a persisted task and records it everywhere it belongs:
 * a trial, a `cv_score` metric point, the leaderboard and the run's best score.
 */
import { crossValidate } from './cross-validate';
import type { PhaseContext } from './phase';
import { addToLeaderboard, type Candidate, type EvaluatedCandidate } from './run-state';

export async function evaluateCandidate(ctx: PhaseContext, candidate: Candidate, label: string): Promise<EvaluatedCandidate> {
  const data = ctx.state.data;
  if (!data) throw new Error('The search phase has not prepared the data.');
  const started = Date.now();
  const evaluated = await ctx.task(label, async (task) => {
    const result = await crossValidate(data, candidate, { rng: ctx.rng.fork(), signal: task.signal });
    task.summarize(`${data.metric.name} ${result.cvScore.toFixed(4)} ± ${result.cvStd.toFixed(4)}`);
    return result;
  });
  ctx.trial({ taskId: null, model: candidate.model, params: { ...candidate.params }, score: evaluated.cvScore, status: 'complete', durationMs: Date.now() - started });
  addToLeaderboard(ctx.state, evaluated);
  const step = ctx.state.leaderboard.length;
  ctx.metric('cv_score', step, evaluated.cvScore);
  ctx.metric('best_cv_score', step, ctx.state.leaderboard[0].cvScore);
  ctx.bestScore(ctx.state.leaderboard[0].cvScore);
  return evaluated;
}
