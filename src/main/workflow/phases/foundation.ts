/**
 * Foundation phase: cross-validates every candidate the search proposed (while the budget allows)
 * and builds the leaderboard the later phases start from.
 */
import { evaluateCandidate } from '../evaluate-candidate';
import type { Phase } from '../phase';
import { evaluatedKeys, restoreEvaluations } from '../restore-evaluations';
import { candidateKey } from '../fit-candidate';

/** Share of the budget the foundation may use; a candidate expected to end past it is skipped. */
const FOUNDATION_BUDGET_SHARE = 0.45;

export const foundationPhase: Phase = {
  name: 'foundation',
  async run(ctx): Promise<void> {
    restoreEvaluations(ctx);
    const done = evaluatedKeys(ctx);
    const candidates = ctx.state.candidates;
    let slowestMs = 0;
    const skipped: string[] = [];
    for (const [i, candidate] of candidates.entries()) {
      if (done.has(candidateKey(candidate))) continue;
      if (ctx.state.leaderboard.length > 0 && ctx.budget.wouldExceed(slowestMs, FOUNDATION_BUDGET_SHARE)) {
        skipped.push(`${i + 1} (${candidate.model})`);
        continue;
      }
      const started = Date.now();
      const left = candidates.length - i;
      const fairShare = Date.now() + Math.max(0, ctx.budget.deadlineAt(FOUNDATION_BUDGET_SHARE) - Date.now()) / left;
      await evaluateCandidate(ctx, candidate, `cross-validate candidate ${i + 1} (${candidate.model})`, fairShare);
      slowestMs = Math.max(slowestMs, Date.now() - started);
    }
    if (skipped.length) ctx.log('warn', `Time budget: skipped candidate(s) ${skipped.join(', ')}; a larger budget would evaluate them.`);
    const best = ctx.state.leaderboard[0];
    if (!best) throw new Error('No candidate could be evaluated within the budget.');
    ctx.log('info', `Foundation: best ${best.candidate.model} with CV ${ctx.state.data?.metric.name} ${best.cvScore.toFixed(4)}.`);
  },

  async restore(ctx): Promise<void> {
    restoreEvaluations(ctx);
  },
};
