/**
 * Ensemble phase: compares ensemble kinds over the best distinct configurations' out-of-fold
 * predictions (the best of each family first) — soft voting (equal weights), weighted voting (1/rank), hard voting (classes only), greedy selection with
 * replacement (Caruana et al. 2004), blending (a linear meta-learner fitted on a holdout slice)
 * and stacking on all out-of-fold rows with a linear, a small-MLP or a small boosted-tree
 * meta-learner (ml/ensemble/meta-learner.ts and its neighbours). Each kind is scored on held-out
 * folds it was not fitted on (nested: the weights or meta-learner come from the other folds'
 * rows) and is adoptable only if it beats the best single model there (decideAdoption). The best
 * adoptable kind wins, refitted on all rows; with none, the single best model stays. The report
 * says what was tried, the scores, and why the winner (or none) won. Every kind exports as one
 * ONNX graph (onnx/ensemble-graph.ts).
 */
import { sampleRows } from '../../ml/sample-rows';
import type { EnsembleReport, EnsembleTrialReport } from '../../../shared/domain';
import { compareEnsembles, type Comparison, type EnsembleKind } from '../../ml/ensemble/compare';
import { isBetter, type Metric } from '../../ml/metrics';
import { selectPredictionRows, takeRows } from '../cross-validate';
import { candidateKey } from '../fit-candidate';
import { solutionLabel } from '../measure-solution';
import type { Phase } from '../phase';
import { trainingRowsRefitMs } from '../refit-time';
import type { EvaluatedCandidate, RunState } from '../run-state';

const POOL_SIZE = 8;
const ROUNDS = 20;
/** Members the equal and weighted votes, blending and stacking combine (each is refitted at validation). */
const DENSE_POOL = 5;
/**
 * Kinds not started by this share of the time budget are skipped (the votes always run), leaving
 * the validation its refits. Not applied under an iteration budget, whose runs must repeat exactly.
 */
const ENSEMBLE_BUDGET_SHARE = 0.8;
/** The validation should end by this share of the budget (writing the profiles follows it). */
const VALIDATION_END_SHARE = 0.95;
/** Export, parity, latency and memory measurements of the four profiles, beyond the refits (ms). */
const VALIDATION_OVERHEAD_MS = 4000;
/** Selection runs on at most this many rows (a seeded sample), to stay quick on large data. */
const MAX_SELECTION_ROWS = 30_000;

const KIND_NAMES: Record<EnsembleKind, string> = {
  'soft-vote': 'soft vote (equal weights)',
  'weighted-vote': 'weighted vote (1/rank)',
  'hard-vote': 'hard vote (majority of predicted classes)',
  greedy: 'greedy selection (Caruana)',
  blending: 'blending (linear meta-learner on a 30% slice)',
  stacking: 'stacking (linear meta-learner on out-of-fold rows)',
  'stacking-mlp': 'stacking (small-MLP meta-learner on out-of-fold rows)',
  'stacking-trees': 'stacking (boosted-tree meta-learner on out-of-fold rows)',
};

export const ensemblePhase: Phase = {
  name: 'ensemble',
  async run(ctx): Promise<void> {
    const data = ctx.state.data;
    const best = ctx.state.leaderboard[0];
    if (!data || !best) throw new Error('Nothing to ensemble: the earlier phases produced no model.');
    ctx.state.solution = { members: [best], weights: [1], cvScore: best.cvScore, kind: 'single' };
    const pool = diversePool(ctx.state.leaderboard, POOL_SIZE);
    if (pool.length < 2 || ctx.settings.ensemble === false) {
      const reason = ctx.settings.ensemble === false ? 'Ensembles are off in the run settings: the best single model is kept.' : 'Only one distinct configuration: the single model is kept.';
      ctx.state.ensembleReport = { bestSingle: { model: best.candidate.model, heldOutScore: best.cvScore }, tried: [], chosen: 'single', reason, markdown: `# Ensemble\n\n${reason}\n` };
      ctx.log('info', `Ensemble: ${reason}`);
      return;
    }
    await ctx.task(`compare ensembles over the top ${pool.length}`, async (task) => {
      const rng = ctx.rng.fork();
      const yTrain = takeRows(data.y, data.train);
      const rows = sampleRows(yTrain.length, MAX_SELECTION_ROWS, () => rng.next());
      const y = takeRows(yTrain, rows);
      const members = pool.map((m) => selectPredictionRows(m.oof, rows));
      // RunSettings.iterations (an iteration budget) is read loosely: older settings have none.
      const iterationBudget = (ctx.settings as { iterations?: number }).iterations !== undefined;
      // The validation after it refits the pool's models on the training rows, exports and measures: leave it that time.
      // (Its refit on every row only takes what is left: the ensemble is worth more than it on a tight budget.)
      const validationMs = trainingRowsRefitMs(pool.slice(0, DENSE_POOL)) + VALIDATION_OVERHEAD_MS;
      const deadline = iterationBudget ? undefined : Math.min(ctx.budget.deadlineAt(ENSEMBLE_BUDGET_SHARE), ctx.budget.deadlineAt(VALIDATION_END_SHARE) - validationMs);
      const result = await compareEnsembles(members, y, data.metric, rng, { greedyRounds: ROUNDS, densePool: DENSE_POOL, deadline, signal: task.signal });
      result.trials.forEach((t, i) => ctx.metric(`ensemble_${t.kind}`, i + 1, t.decision.ensembleScore));

      const chosen = result.chosen;
      if (chosen) {
        ctx.metric('ensemble_heldout_score', 1, chosen.decision.ensembleScore);
        const used = chosen.members.map((i) => pool[i]);
        if ('stack' in chosen.final) {
          ctx.state.solution = { members: used, weights: chosen.final.stack.weights, cvScore: chosen.decision.ensembleScore, kind: chosen.kind === 'blending' ? 'blending' : 'stacking', stack: chosen.final.stack };
        } else {
          const weights = chosen.final.weights;
          const kept = used.map((m, i) => ({ m, w: weights[i] })).filter((c) => c.w > 0);
          ctx.state.solution = { members: kept.map((c) => c.m), weights: kept.map((c) => c.w), cvScore: chosen.decision.ensembleScore, kind: kept.length > 1 ? (chosen.final.hard ? 'hard-vote' : 'soft-vote') : 'single' };
        }
      }
      const report = ensembleReport(result, pool, data.metric, ctx.state);
      ctx.state.ensembleReport = report;
      task.summarize(report.reason);
      ctx.log('info', `Ensemble: ${report.reason}`);
    });
  },
};

function ensembleReport(result: Comparison, pool: EvaluatedCandidate[], metric: Metric, state: RunState): EnsembleReport {
  const fmt = (v: number): string => v.toFixed(4);
  const first = result.trials[0]?.decision;
  const bestIndex = first?.bestSingleIndex ?? 0;
  const bestSingle = { model: pool[bestIndex].candidate.model, heldOutScore: first?.bestSingleScore ?? pool[0].cvScore };
  const tried: EnsembleTrialReport[] = result.trials.map((t) => ({
    kind: t.kind,
    members: t.members.map((i) => pool[i].candidate.model),
    heldOutScore: t.decision.ensembleScore,
    gain: t.decision.gain,
    wins: t.decision.wins,
    folds: result.folds.length,
    adopted: t === result.chosen,
    passed: t.decision.adopt,
    reason: t.decision.reason,
  }));
  const chosen = result.chosen;
  const solution = state.solution;
  let reason: string;
  if (!chosen || !solution) {
    reason = `No ensemble beat the best single model (${bestSingle.model}, held-out ${metric.name} ${fmt(bestSingle.heldOutScore)}) on the held-out folds: the single model is kept.`;
  } else {
    const others = result.trials.filter((t) => t !== chosen && t.decision.adopt);
    const beaten = others.length ? `; it scored better than the other adoptable kinds (${others.map((t) => `${t.kind} ${fmt(t.decision.ensembleScore)}`).join(', ')})` : '; no other kind passed the gate';
    reason = `${KIND_NAMES[chosen.kind]} adopted: held-out ${metric.name} ${fmt(chosen.decision.ensembleScore)} vs best single ${fmt(bestSingle.heldOutScore)} (${bestSingle.model}), gain ${chosen.decision.gain >= 0 ? '+' : ''}${fmt(chosen.decision.gain)}, better on ${chosen.decision.wins} of ${result.folds.length} folds${beaten}. Solution: ${solutionLabel(solution.kind, solution.members, solution.stack)}${solution.kind === 'soft-vote' ? `, weights ${solution.weights.join(':')}` : ''}.`;
  }
  const lines = [
    `# Ensemble`,
    ``,
    `Out-of-fold predictions of ${pool.length} distinct configurations (the best of each family, then the next best) (${pool.map((m) => m.candidate.model).join(', ')}); each kind fitted on ${result.folds.length - 1} folds and scored on the fifth, in turn (${metric.name}, ${metric.greaterIsBetter ? 'higher' : 'lower'} is better). Best single model on these folds: ${bestSingle.model}, ${fmt(bestSingle.heldOutScore)}.`,
    ``,
    `| kind | members | held-out ${metric.name} | gain | folds won | adopted |`,
    `|---|---|---|---|---|---|`,
    ...tried.map((t) => `| ${KIND_NAMES[t.kind]} | ${t.members.length} | ${fmt(t.heldOutScore)} | ${t.gain >= 0 ? '+' : ''}${fmt(t.gain)} | ${t.wins}/${t.folds} | ${t.adopted ? '**chosen**' : result.trials.find((x) => x.kind === t.kind)?.decision.adopt ? 'passed, not best' : 'refused'} |`),
    ``,
    ...(result.skipped.length ? [`Not tried, out of time (past ${ENSEMBLE_BUDGET_SHARE * 100}% of the budget): ${result.skipped.map((k) => KIND_NAMES[k]).join(', ')}.`, ``] : []),
    reason,
    ``,
  ];
  const best = result.trials.reduce<(typeof result.trials)[number] | null>((a, t) => (!a || isBetter(metric, t.decision.ensembleScore, a.decision.ensembleScore) ? t : a), null);
  if (!chosen && best) lines.splice(lines.length - 1, 0, `Closest: ${best.decision.reason}`, ``);
  return { bestSingle, tried, chosen: chosen ? chosen.kind : 'single', reason, markdown: lines.join('\n') };
}

/**
 * Up to `n` distinct configurations, diverse first: the best of each model family (best first),
 * then the next best of any family. The refinement fills the leaderboard's top with near-copies
 * of one family, which an ensemble cannot gain from; members of other families err differently.
 */
function diversePool(leaderboard: EvaluatedCandidate[], n: number): EvaluatedCandidate[] {
  const seen = new Set<string>();
  const families = new Set<string>();
  const out: EvaluatedCandidate[] = [];
  for (const entry of leaderboard) {
    if (out.length === n) break;
    if (families.has(entry.candidate.model)) continue;
    families.add(entry.candidate.model);
    seen.add(candidateKey(entry.candidate));
    out.push(entry);
  }
  for (const entry of leaderboard) {
    if (out.length === n) break;
    const key = candidateKey(entry.candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}
