/**
 * Search phase: reads and profiles the data, fixes the holdout split and the fold count, and
 * proposes candidate configurations with the reasons for each (the "search findings").
 */
import { profileFrame } from '../../ml/profile';
import { metricForTask } from '../../ml/metrics';
import { trainTestSplit } from '../../ml/splits';
import { prepareTarget } from '../../ml/target';
import { DEFAULT_LINEAR_PARAMS, type LinearParams } from '../../ml/models/linear';
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

/** Starting configurations for the linear family, adapted to the data's size and shape. */
export function proposeCandidates(meta: MetaFeatures): Candidate[] {
  const epochs = Math.max(8, Math.min(60, Math.round(400_000 / Math.max(1, meta.rows))));
  const batchSize = meta.rows > 100_000 ? 2048 : 256;
  const base: LinearParams = { ...DEFAULT_LINEAR_PARAMS, epochs, batchSize };
  const wide = meta.features > 50 || meta.categoricalLevels > 100;
  return [
    { model: 'linear', params: { ...base }, reason: 'library default, scaled to the data size' },
    { model: 'linear', params: { ...base, l2: wide ? 1e-2 : 1e-3, learningRate: base.learningRate / 2 }, reason: wide ? 'many encoded features: stronger weight decay against overfitting' : 'moderate weight decay, gentler steps' },
    { model: 'linear', params: { ...base, l2: 0, learningRate: base.learningRate * 2, epochs: Math.max(5, Math.round(epochs / 2)) }, reason: 'no weight decay, larger steps: best when rows far outnumber features' },
  ];
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
