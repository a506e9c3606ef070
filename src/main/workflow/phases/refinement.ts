/**
 * Refinement phase: a TPE search (Bayesian, Optuna's Tree-structured Parzen Estimator) over the
 * hyperparameters of the best configuration's model family, keeping whatever improves the
 * cross-validated score, until its share of the budget is spent. Ablation over the solution's
 * blocks (DESIGN.md §2) chooses what to refine once the solution has more than one block.
 */
import { directionOf } from '../../ml/search/direction';
import { Study } from '../../ml/search/study';
import { TpeSampler } from '../../ml/search/tpe-sampler';
import { evaluateCandidate } from '../evaluate-candidate';
import type { Phase } from '../phase';
import { applyPoint, SEARCH_SPACES } from '../search-spaces';

/** The rest is for the ensemble and validation (refits of every profile's models, export, measurement). */
const REFINEMENT_BUDGET_SHARE = 0.7;
const MAX_TRIALS = 40;

export const refinementPhase: Phase = {
  name: 'refinement',
  async run(ctx): Promise<void> {
    const data = ctx.state.data;
    const start = ctx.state.leaderboard[0];
    if (!data || !start) throw new Error('The foundation phase produced no model to refine.');
    const incumbent = start.candidate;
    const study = new Study({ space: SEARCH_SPACES[incumbent.model], direction: directionOf(data.metric), sampler: new TpeSampler(ctx.rng.fork(), { startupTrials: 6 }) });
    let trials = ctx.earlierTrials().filter((t) => t.phase === 'refinement').length;
    let lastMs = 0;
    while (trials < MAX_TRIALS && !ctx.budget.wouldExceed(lastMs, REFINEMENT_BUDGET_SHARE)) {
      const trial = study.ask();
      trials++;
      const started = Date.now();
      try {
        const evaluated = await evaluateCandidate(ctx, applyPoint(incumbent, trial.params, `TPE trial ${trials} over ${incumbent.model} hyperparameters`), `refinement trial ${trials} (${incumbent.model})`, ctx.budget.deadlineAt(REFINEMENT_BUDGET_SHARE));
        study.tell(trial.number, { state: 'complete', value: evaluated.cvScore });
        lastMs = Date.now() - started;
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        study.tell(trial.number, { state: 'failed', note: error instanceof Error ? error.message : String(error) });
        ctx.log('warn', `Refinement trial ${trials} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const best = ctx.state.leaderboard[0];
    const gain = best.cvScore - start.cvScore;
    ctx.log('info', `Refinement: ${trials} trials in all on ${incumbent.model}; CV ${start.cvScore.toFixed(4)} → ${best.cvScore.toFixed(4)} (${gain >= 0 ? '+' : ''}${gain.toFixed(4)}).`);
  },

  /** Its trials are back on the leaderboard already (restored with the foundation's). */
  async restore(): Promise<void> {},
};
