/**
 * Ensemble phase: greedy ensemble selection with replacement (Caruana et al. 2004) over the best
 * distinct configurations' out-of-fold predictions. Whether to adopt it is decided honestly: the
 * selection is itself cross-validated (weights chosen on four fifths of the rows, scored on the
 * fifth), and the ensemble is kept only if it beats the best single model on those held-out folds.
 */
import { decideAdoption } from '../../ml/ensemble/adoption';
import { greedyEnsembleSelection } from '../../ml/ensemble/greedy-selection';
import type { Prediction } from '../../ml/prediction';
import { kFold } from '../../ml/splits';
import { blendPredictions } from '../blend';
import { emptyPrediction, scatterRows, selectPredictionRows, takeRows } from '../cross-validate';
import { candidateKey } from '../fit-candidate';
import type { Phase } from '../phase';
import type { EvaluatedCandidate } from '../run-state';

const POOL_SIZE = 8;
const ROUNDS = 20;
/** Selection runs on at most this many rows (a seeded sample), to stay quick on large data. */
const MAX_SELECTION_ROWS = 30_000;

export const ensemblePhase: Phase = {
  name: 'ensemble',
  async run(ctx): Promise<void> {
    const data = ctx.state.data;
    const best = ctx.state.leaderboard[0];
    if (!data || !best) throw new Error('Nothing to ensemble: the earlier phases produced no model.');
    ctx.state.solution = { members: [best], weights: [1], cvScore: best.cvScore, kind: 'single' };
    const pool = distinctTop(ctx.state.leaderboard, POOL_SIZE);
    if (pool.length < 2) {
      ctx.log('info', 'Ensemble: only one distinct configuration, keeping the single model.');
      return;
    }
    await ctx.task(`greedy ensemble selection over the top ${pool.length}`, async (task) => {
      const rng = ctx.rng.fork();
      const yTrain = takeRows(data.y, data.train);
      const rows = sampleRows(yTrain.length, MAX_SELECTION_ROWS, () => rng.next());
      const y = takeRows(yTrain, rows);
      const members = pool.map((m) => selectPredictionRows(m.oof, rows));
      const folds = kFold(y, data.task, 5, rng);
      const heldOut = emptyPrediction(data, y.length);
      for (const fold of folds) {
        const { weights } = greedyEnsembleSelection(members.map((m) => selectPredictionRows(m, fold.train)), takeRows(y, fold.train), data.metric, { rounds: ROUNDS });
        scatterRows(heldOut, blendSome(members.map((m) => selectPredictionRows(m, fold.test)), weights), fold.test);
      }
      const decision = decideAdoption({ ensemble: heldOut, members, y, metric: data.metric, folds: folds.map((f) => f.test) });
      ctx.metric('ensemble_heldout_score', 1, decision.ensembleScore);
      if (decision.adopt) {
        const { weights } = greedyEnsembleSelection(members, y, data.metric, { rounds: ROUNDS });
        const chosen = pool.map((m, i) => ({ m, w: weights[i] })).filter((c) => c.w > 0);
        ctx.state.solution = { members: chosen.map((c) => c.m), weights: chosen.map((c) => c.w), cvScore: decision.ensembleScore, kind: chosen.length > 1 ? 'soft-vote' : 'single' };
      }
      const summary = decision.adopt ? `adopted: ${ctx.state.solution?.members.length} member(s), weights ${ctx.state.solution?.weights.join(':')}` : 'refused';
      task.summarize(`${summary}; ${decision.reason}`);
      ctx.log('info', `Ensemble ${summary}. ${decision.reason}`);
    });
  },
};

function blendSome(members: Prediction[], weights: number[]): Prediction {
  const used = weights.map((w, i) => ({ w, p: members[i] })).filter((x) => x.w > 0);
  return blendPredictions(used.map((x) => x.p), used.map((x) => x.w));
}

function sampleRows(n: number, max: number, random: () => number): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const picked = new Uint8Array(n);
  let count = 0;
  while (count < max) {
    const i = Math.floor(random() * n);
    if (!picked[i]) {
      picked[i] = 1;
      count++;
    }
  }
  const out = new Int32Array(max);
  for (let i = 0, j = 0; i < n; i++) if (picked[i]) out[j++] = i;
  return out;
}

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
