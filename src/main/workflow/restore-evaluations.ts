/**
 * Resuming a run: puts the candidates evaluated before the interruption back on the leaderboard
 * (from their trials and the out-of-fold predictions saved beside the run), so the foundation and
 * refinement phases carry on instead of starting over.
 */
import { loadEvaluation } from './evaluation-store';
import type { PhaseContext } from './phase';
import { candidateKey } from './fit-candidate';
import { addToLeaderboard } from './run-state';

export function restoreEvaluations(ctx: PhaseContext): number {
  if (ctx.state.leaderboard.length > 0) return 0;
  let restored = 0;
  for (const trial of ctx.earlierTrials()) {
    if (trial.status !== 'complete' || trial.taskId === null) continue;
    const evaluated = loadEvaluation(ctx.runDir, trial.taskId);
    if (!evaluated) continue;
    addToLeaderboard(ctx.state, evaluated);
    restored++;
  }
  if (restored > 0) ctx.log('info', `Resumed with ${restored} evaluated candidate(s) from before the interruption.`);
  return restored;
}

/** The parameters already evaluated, to skip them. */
export function evaluatedKeys(ctx: PhaseContext): Set<string> {
  return new Set(ctx.state.leaderboard.map((e) => candidateKey(e.candidate)));
}
