/**
 * Refinement phase: searches the best configuration's hyperparameters around where it stands
 * (log-scale perturbations of learning rate, weight decay and epochs), keeping whatever improves
 * the cross-validated score, until its share of the budget is spent.
 */
import type { LinearParams } from '../../ml/models/linear';
import type { Rng } from '../../ml/rng';
import { evaluateCandidate } from '../evaluate-candidate';
import type { Phase } from '../phase';

const REFINEMENT_BUDGET_SHARE = 0.75;
const MAX_TRIALS = 12;

export const refinementPhase: Phase = {
  name: 'refinement',
  async run(ctx): Promise<void> {
    const start = ctx.state.leaderboard[0];
    if (!start) throw new Error('The foundation phase produced no model to refine.');
    let trials = ctx.earlierTrials().filter((t) => t.phase === 'refinement').length;
    while (trials < MAX_TRIALS && !ctx.budget.spent(REFINEMENT_BUDGET_SHARE)) {
      const incumbent = ctx.state.leaderboard[0];
      const params = perturb(incumbent.candidate.params, ctx.rng);
      trials++;
      await evaluateCandidate(ctx, { model: 'linear', params, reason: `refinement trial ${trials} around the incumbent` }, `refinement trial ${trials}`);
    }
    const best = ctx.state.leaderboard[0];
    const gain = best.cvScore - start.cvScore;
    ctx.log('info', `Refinement: ${trials} trials in all; CV ${start.cvScore.toFixed(4)} → ${best.cvScore.toFixed(4)} (${gain >= 0 ? '+' : ''}${gain.toFixed(4)}).`);
  },

  /** Its trials are back on the leaderboard already (restored with the foundation's). */
  async restore(): Promise<void> {},
};

function logUniformAround(value: number, factor: number, rng: Rng, floor: number): number {
  const base = Math.max(value, floor);
  return base * Math.exp((rng.next() * 2 - 1) * Math.log(factor));
}

export function perturb(params: LinearParams, rng: Rng): LinearParams {
  return {
    ...params,
    learningRate: Math.min(0.5, logUniformAround(params.learningRate, 3, rng, 1e-4)),
    l2: rng.next() < 0.2 ? 0 : Math.min(0.1, logUniformAround(params.l2, 10, rng, 1e-6)),
    epochs: Math.max(3, Math.min(100, Math.round(logUniformAround(params.epochs, 1.6, rng, 3)))),
  };
}
