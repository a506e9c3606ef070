/**
 * Search phase: reads and profiles the data, fixes the holdout split and the fold count, and
 * proposes candidate configurations with the reasons for each (the "search findings").
 */
import { profileFrame } from '../../ml/profile';
import { metricForTask } from '../../ml/metrics';
import { trainTestSplit } from '../../ml/splits';
import { prepareTarget } from '../../ml/target';
import { DEFAULT_LINEAR_PARAMS, type LinearParams } from '../../ml/models/linear';
import { DEFAULT_MLP_PARAMS, type MlpParams } from '../../ml/models/mlp';
import { DEFAULT_EXTRA_TREES_PARAMS, DEFAULT_GBDT_PARAMS, DEFAULT_RANDOM_FOREST_PARAMS, type GbdtParams } from '../../ml/trees/params';
import { roundsFor } from '../search-spaces';
import type { Phase, PhaseContext } from '../phase';
import type { Candidate, PreparedData } from '../run-state';
import { computeMetaFeatures, type MetaFeatures } from '../meta-features';

const HOLDOUT_FRACTION = 0.2;

export const searchPhase: Phase = {
  name: 'search',
  async run(ctx: PhaseContext): Promise<void> {
    const data = await ctx.task('read and prepare the data', async (task) => {
      const result = await prepareData(ctx);
      task.summarize(`${result.task}, ${result.features.rowCount} rows, ${result.train.length} train / ${result.holdout.length} holdout`);
      if (result.droppedMissingTarget > 0) ctx.log('warn', `Dropped ${result.droppedMissingTarget} rows whose target "${ctx.settings.target}" is missing.`);
      return result;
    });
    ctx.state.data = data;

    const meta = await ctx.task('profile and compute meta-features', async (task) => {
      const m = metaFeaturesOf(data);
      task.summarize(`${m.features} features, ${(m.categoricalShare * 100).toFixed(0)}% categorical, ${(m.missingShare * 100).toFixed(1)}% missing`);
      return m;
    });

    await ctx.task('retrieve candidates', async (task) => {
      ctx.state.candidates = proposeCandidates(meta);
      ctx.state.findings = writeFindings(data, meta, ctx.state.candidates);
      task.summarize(`${ctx.state.candidates.length} candidates`);
    });
    ctx.log('info', `Task ${data.task}, metric ${data.metric.name}; ${ctx.state.candidates.length} candidates proposed.`);
  },

  /** Deterministic under the run's seed, so a resumed run gets the same split and candidates. */
  async restore(ctx: PhaseContext): Promise<void> {
    const data = await prepareData(ctx);
    const meta = metaFeaturesOf(data);
    ctx.state.data = data;
    ctx.state.candidates = proposeCandidates(meta);
    ctx.state.findings = writeFindings(data, meta, ctx.state.candidates);
  },
};

async function prepareData(ctx: PhaseContext): Promise<PreparedData> {
  const { frame, fileName } = await ctx.loadFrame();
  const prepared = prepareTarget(frame, ctx.settings.target, ctx.settings.task, fileName);
  const split = trainTestSplit(prepared.y, prepared.task, HOLDOUT_FRACTION, ctx.rng.fork());
  return {
    fileName,
    task: prepared.task,
    classes: prepared.classes,
    y: prepared.y,
    features: prepared.features,
    droppedMissingTarget: prepared.droppedMissing,
    metric: metricForTask(prepared.task),
    train: split.train,
    holdout: split.test,
    folds: split.train.length > 50_000 ? 3 : 5,
  };
}

function metaFeaturesOf(data: PreparedData): MetaFeatures {
  return computeMetaFeatures(data, profileFrame(data.features).columns);
}

/**
 * The default portfolio, adapted to the data's size and shape (rules keyed on meta-features):
 * gradient-boosted trees first (the strongest default on tabular data), a slower and subsampled
 * boosting variant, a linear model (fast to serve; good where the signal is additive), an MLP
 * below 100k rows (a smooth model that blends well with trees; a few seconds of CV on the shared
 * datasets, and its epochs stop at the fold's share of the budget), and randomized forests for
 * diversity in the ensemble where the data is small enough to afford them.
 */
export function proposeCandidates(meta: MetaFeatures): Candidate[] {
  const large = meta.rows > 100_000;
  const small = meta.rows < 3_000;
  const gbdt: GbdtParams = { ...DEFAULT_GBDT_PARAMS, numIterations: roundsFor(0.1), learningRate: 0.1, earlyStoppingRounds: 30, numThreads: 2 };
  const epochs = Math.max(8, Math.min(60, Math.round(400_000 / Math.max(1, meta.rows))));
  const linear: LinearParams = { ...DEFAULT_LINEAR_PARAMS, epochs, batchSize: large ? 2048 : 256 };
  const forestTrees = large ? 40 : meta.rows > 20_000 ? 80 : 150;
  const candidates: Candidate[] = [
    { model: 'gbdt', params: gbdt, reason: 'gradient-boosted trees with early stopping: the strongest default on tabular data' },
    {
      model: 'gbdt',
      params: { ...gbdt, learningRate: 0.05, numIterations: roundsFor(0.05), numLeaves: small ? 15 : 63, minDataInLeaf: small ? 5 : 20, featureFraction: 0.8, baggingFraction: 0.8, lambdaL2: 1 },
      reason: small ? 'smaller steps and leaves with row/feature subsampling: steadier on few rows' : 'smaller steps, wider trees, row/feature subsampling: more capacity without overfitting',
    },
    { model: 'linear', params: linear, reason: meta.categoricalShare > 0.5 ? 'mostly categorical columns: one-hot linear models are often competitive and fast to serve' : 'a fast-to-serve linear baseline and a different view of the data for the ensemble' },
  ];
  // One layer at 3e-3: on telco_churn and satellite as good as the default two layers, and faster to early-stop.
  const mlp: MlpParams = { ...DEFAULT_MLP_PARAMS, hiddenLayers: '64', learningRate: 0.003 };
  if (!large) candidates.push({ model: 'mlp', params: mlp, reason: 'a small neural network (one relu layer, early stopping): smooth interactions the trees approximate in steps, a diverse ensemble member' });
  if (!large) candidates.push({ model: 'extra-trees', params: { ...DEFAULT_EXTRA_TREES_PARAMS, numIterations: forestTrees }, reason: 'extremely randomized trees: low variance, a diverse ensemble member' });
  if (meta.rows <= 20_000) candidates.push({ model: 'random-forest', params: { ...DEFAULT_RANDOM_FOREST_PARAMS, numIterations: forestTrees }, reason: 'random forest: robust without tuning, a diverse ensemble member' });
  return candidates;
}

function writeFindings(data: PreparedData, meta: MetaFeatures, candidates: Candidate[]): string {
  const lines = [
    `# Search findings`,
    ``,
    `- Data: **${data.fileName}**, ${meta.rows} rows, ${meta.features} feature columns (${meta.numeric} numeric, ${meta.categorical} categorical).`,
    `- Task: **${data.task}**${data.classes ? ` with ${data.classes.length} classes (${data.classes.slice(0, 8).join(', ')}${data.classes.length > 8 ? ', …' : ''})` : ''}; metric **${data.metric.name}** (${data.metric.greaterIsBetter ? 'higher' : 'lower'} is better).`,
    `- Missing cells: ${(meta.missingShare * 100).toFixed(2)}%; categorical levels in all: ${meta.categoricalLevels}.`,
  ];
  if (meta.imbalance !== null) lines.push(`- Class balance: the rarest class is ${(meta.imbalance * 100).toFixed(1)}% of rows.`);
  if (data.droppedMissingTarget > 0) lines.push(`- ${data.droppedMissingTarget} rows without a target were dropped.`);
  lines.push(`- Holdout: ${data.holdout.length} rows kept aside (${data.task === 'regression' ? 'random' : 'stratified'}); ${data.folds}-fold cross-validation on ${data.train.length} rows.`, ``, `## Candidates`, ``);
  candidates.forEach((c, i) => lines.push(`${i + 1}. \`${c.model}\` ${JSON.stringify(c.params)}: ${c.reason}.`));
  return lines.join('\n');
}
