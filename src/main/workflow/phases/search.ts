/**
 * Search phase: reads and profiles the data, fixes the holdout split and the fold count, and
 * retrieves candidate configurations from the knowledge base (resources/knowledge/: a default
 * portfolio and rules keyed on the data's meta-features), with the rules that chose each (the
 * "search findings").
 */
import { profileFrame } from '../../ml/profile';
import { runFoldCount, runMetric } from '../run-options';
import { trainTestSplit } from '../../ml/splits';
import { prepareTarget } from '../../ml/target';
import { knowledgeBase, retrieveCandidates, writeFindings } from '../knowledge';
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
      const found = searchFindings(data, meta);
      ctx.state.candidates = found.candidates;
      ctx.state.findings = found.findings;
      task.summarize(`${ctx.state.candidates.length} candidates`);
    });
    ctx.log('info', `Task ${data.task}, metric ${data.metric.name}; ${ctx.state.candidates.length} candidates proposed.`);
  },

  /** Deterministic under the run's seed, so a resumed run gets the same split and candidates. */
  async restore(ctx: PhaseContext): Promise<void> {
    const data = await prepareData(ctx);
    const meta = metaFeaturesOf(data);
    ctx.state.data = data;
    const found = searchFindings(data, meta);
    ctx.state.candidates = found.candidates;
    ctx.state.findings = found.findings;
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
    metric: runMetric(ctx.settings, prepared.task),
    train: split.train,
    holdout: split.test,
    folds: runFoldCount(ctx.settings, split.train.length),
  };
}

function metaFeaturesOf(data: PreparedData): MetaFeatures {
  return computeMetaFeatures(data, profileFrame(data.features).columns);
}

/**
 * The candidates for `meta` (the knowledge base's default portfolio with its rules applied:
 * resources/knowledge/, workflow/knowledge/retrieve.ts) and the findings that explain them.
 */
function searchFindings(data: PreparedData, meta: MetaFeatures): { candidates: Candidate[]; findings: string } {
  const retrieval = retrieveCandidates(knowledgeBase(), meta);
  return { candidates: retrieval.candidates.map((c) => c.candidate), findings: writeFindings(data, meta, retrieval) };
}
