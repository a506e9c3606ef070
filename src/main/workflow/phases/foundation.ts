/**
 * Foundation phase: cross-validates every candidate the search proposed (while the budget allows)
 * and builds the leaderboard the later phases start from.
 */
import { evaluateCandidate } from '../evaluate-candidate';
import type { Phase } from '../phase';
import { evaluatedKeys, restoreEvaluations } from '../restore-evaluations';
import { candidateKey } from '../fit-candidate';
import type { Candidate } from '../run-state';

/** Share of the budget the foundation may use; a candidate expected to end past it is skipped. */
const FOUNDATION_BUDGET_SHARE = 0.45;

/**
 * Each candidate's weight in splitting the foundation's remaining time (1 when absent): the
 * MLP gets a small share, since its epochs stop at the deadline and it is rarely the best alone.
 */
const TIME_WEIGHT: Partial<Record<Candidate['model'], number>> = { mlp: 0.5 };
const timeWeight = (candidate: Candidate): number => TIME_WEIGHT[candidate.model] ?? 1;

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
      const left = candidates.slice(i).reduce((a, c) => a + timeWeight(c), 0);
      const fairShare = Date.now() + (Math.max(0, ctx.budget.deadlineAt(FOUNDATION_BUDGET_SHARE) - Date.now()) * timeWeight(candidate)) / left;
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
