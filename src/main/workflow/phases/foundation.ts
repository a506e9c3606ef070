/**
 * Foundation phase: cross-validates every candidate the search proposed (while the budget allows)
 * and builds the leaderboard the later phases start from.
 */
import { evaluateCandidate } from '../evaluate-candidate';
import type { Phase } from '../phase';
import { evaluatedKeys, restoreEvaluations } from '../restore-evaluations';

/** Share of the budget after which no new candidate is started. */
const FOUNDATION_BUDGET_SHARE = 0.4;

export const foundationPhase: Phase = {
  name: 'foundation',
  async run(ctx): Promise<void> {
    restoreEvaluations(ctx);
    const done = evaluatedKeys(ctx);
    const candidates = ctx.state.candidates;
    for (const [i, candidate] of candidates.entries()) {
      if (done.has(JSON.stringify(candidate.params))) continue;
      if (i > 0 && ctx.budget.spent(FOUNDATION_BUDGET_SHARE)) {
        ctx.log('warn', `Time budget: skipped ${candidates.length - i} of ${candidates.length} candidates.`);
        break;
      }
      await evaluateCandidate(ctx, candidate, `cross-validate candidate ${i + 1} (${candidate.model})`);
    }
    const best = ctx.state.leaderboard[0];
    if (!best) throw new Error('No candidate could be evaluated within the budget.');
    ctx.log('info', `Foundation: best ${best.candidate.model} with CV ${ctx.state.data?.metric.name} ${best.cvScore.toFixed(4)}.`);
  },

  async restore(ctx): Promise<void> {
    restoreEvaluations(ctx);
  },
};
