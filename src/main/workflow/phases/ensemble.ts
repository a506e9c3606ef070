/**
 * Ensemble phase: tries soft voting over the best distinct configurations on their out-of-fold
 * predictions and keeps the ensemble only if it beats the best single model on those same
 * held-out folds.
 */
import { blendPredictions } from '../blend';
import { candidateKey } from '../fit-candidate';
import type { Phase } from '../phase';
import type { EvaluatedCandidate } from '../run-state';

const MAX_MEMBERS = 3;
/** An ensemble must win by at least this much to be worth its extra inference cost. */
const MIN_GAIN = 1e-4;

export const ensemblePhase: Phase = {
  name: 'ensemble',
  async run(ctx): Promise<void> {
    const data = ctx.state.data;
    const best = ctx.state.leaderboard[0];
    if (!data || !best) throw new Error('Nothing to ensemble: the earlier phases produced no model.');
    const yTrain = new Float64Array(data.train.length);
    data.train.forEach((row, i) => (yTrain[i] = data.y[row]));
    const oofScore = (e: EvaluatedCandidate[]): number => data.metric.score(yTrain, blendPredictions(e.map((m) => m.oof), e.map(() => 1)));

    const single = oofScore([best]);
    ctx.state.solution = { members: [best], weights: [1], cvScore: single, kind: 'single' };
    const members = distinctTop(ctx.state.leaderboard, MAX_MEMBERS);
    if (members.length < 2) {
      ctx.log('info', 'Ensemble: only one distinct configuration, keeping the single model.');
      return;
    }
    await ctx.task(`soft vote of top ${members.length}`, async (task) => {
      const vote = oofScore(members);
      const gain = data.metric.greaterIsBetter ? vote - single : single - vote;
      const adopted = gain > MIN_GAIN;
      task.summarize(`out-of-fold ${data.metric.name}: vote ${vote.toFixed(4)} vs best single ${single.toFixed(4)} → ${adopted ? 'adopted' : 'not adopted'}`);
      ctx.metric('ensemble_oof_score', members.length, vote);
      if (adopted) ctx.state.solution = { members, weights: members.map(() => 1), cvScore: vote, kind: 'soft-vote' };
      ctx.log('info', adopted ? `Ensemble of ${members.length} adopted (+${gain.toFixed(4)}).` : `Ensemble refused: it does not beat the best single model (${gain.toFixed(4)}).`);
    });
  },
};

function distinctTop(leaderboard: EvaluatedCandidate[], n: number): EvaluatedCandidate[] {
  const seen = new Set<string>();
  const out: EvaluatedCandidate[] = [];
  for (const entry of leaderboard) {
    const key = candidateKey(entry.candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
    if (out.length === n) break;
  }
  return out;
}
