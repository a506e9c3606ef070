/**
 * Validation phase: refits the candidate solutions on all training rows, scores each on the
 * holdout (with a bootstrap interval), exports each as one ONNX graph checked against the in-app
 * model, measures latency, throughput, memory and size on the graph, runs the data checks
 * (leakage, train/holdout overlap, data usage), then picks the four config profiles from the
 * measured candidates and writes each as a folder.
 */
import { isTargetTransformed } from '../../ml/target-transform';
import path from 'node:path';
import type { ExportedProfile, ValidationChecks } from '../../../shared/domain';
import { selectRows } from '../../ml/frame';
import { directionOf } from '../../ml/search/direction';
import { checkRowOverlap, checkTargetLeakage, dataUsageReport } from '../checks';
import { takeRows } from '../cross-validate';
import type { Phase, PhaseContext } from '../phase';
import { candidateKey } from '../fit-candidate';
import { measureSolution, ParityError, refitOnAllRows, solutionLabel, type MeasuredSolution, type SolutionSpec } from '../measure-solution';
import type { ColumnTransform } from '../../ml/column-schema';
import { modelCard, writeProfileFolder, type ProfileDocument } from '../profile-writer';
import { selectProfiles, type ProfileName } from '../profiles/select-profiles';
import type { FittedPipeline } from '../../ml/models/pipeline';
import { holdoutCharts } from '../../ml/holdout-charts';
import { createRng } from '../../ml/rng';
import { ALL_ROWS_TIME_SCALE, REFIT_TIME_PER_FOLD_FIT } from '../refit-time';
import { memberWeights, solutionImportance, solutionMembers } from '../solution-insights';

/** p95 single-row latency goal of the fast-inference profile when the user set none. */
const LATENCY_GOAL_MS = 1;
/** A refit on every row must be expected to end by this share of the budget (it is optional; the budget is not). */
const ALL_ROWS_END_SHARE = 0.97;
/** Training rows the leakage check looks at, at most. */
const LEAKAGE_CHECK_ROWS = 20_000;

export const validationPhase: Phase = {
  name: 'validation',
  async run(ctx: PhaseContext): Promise<void> {
    const data = ctx.state.data;
    const solution = ctx.state.solution;
    if (!data || !solution) throw new Error('Nothing to validate: the earlier phases produced no solution.');
    const specs = candidateSolutions(ctx);

    const measured: MeasuredSolution[] = [];
    const refits = new Map<string, FittedPipeline>();
    // The chosen solution's refit on every row comes before any alternative: its time is kept.
    const mainOnAllRowsMs = ctx.settings.refitOnAllRows === false ? 0 : refitEstimateMs(specs[0], new Map(), ALL_ROWS_TIME_SCALE);
    for (const [i, spec] of specs.entries()) {
      // The chosen solution is always measured; the cheaper alternatives (best single model, best
      // linear) only while the budget has room for their refits, so the run ends near its budget.
      // With an iteration budget the run must not depend on wall-clock time, so nothing is skipped.
      if (i > 0 && ctx.settings.iterations === undefined && ctx.budget.wouldExceed(refitEstimateMs(spec, refits) + mainOnAllRowsMs)) {
        ctx.log('info', `Validation: skipped measuring ${spec.label} as a profile alternative: about ${(refitEstimateMs(spec, refits) / 1000).toFixed(1)} s would pass the time budget, with the chosen solution's refit on all rows still to come.`);
        continue;
      }
      measured.push(await ctx.task(`refit, export and measure: ${spec.label}`, async (task) => {
        const m = await measureHardVoteSafely(ctx, spec, task.signal, refits);
        task.summarize(`${data.metric.name} ${m.holdoutScore.toFixed(4)}, p95 ${m.latencyMs.p95.toFixed(3)} ms, ${(m.bytes.length / 1024).toFixed(1)} KiB, parity ${m.parity.toExponential(1)}`);
        return m;
      }));
    }
    const selection = selectProfiles(
      measured.map((m, i) => ({ id: String(i), score: m.holdoutScore, greaterIsBetter: data.metric.greaterIsBetter, latencyP95Ms: m.latencyMs.p95, modelBytes: m.bytes.length, peakMemoryBytes: m.peakMemoryBytes })),
      { latencyGoalMs: ctx.settings.goals?.latencyP95Ms ?? LATENCY_GOAL_MS, metricName: data.metric.name },
    );
    await refitChosenOnAllRows(ctx, measured, [...new Set(selection.profiles.map((p) => Number(p.candidateId)))]);
    const main = measured[0];
    ctx.metric('holdout_score', 1, main.holdoutScore);
    const insights = solutionInsights(ctx, main);

    const checks = await ctx.task('check leakage, overlap and data usage', async (task) => {
      const result = await runChecks(ctx);
      task.summarize(`${result.leakage.length} leakage finding(s); ${result.rowOverlap}`);
      return result;
    });
    for (const line of checks.leakage) ctx.log('warn', line);

    const profiles = await ctx.task('choose and write the config profiles', async (task) => {
      const { transforms } = await ctx.loadFrame();
      const written: ExportedProfile[] = selection.profiles.map((choice) => {
        const m = measured[Number(choice.candidateId)];
        const reason = choice.note ? `${choice.reason} ${choice.note}` : choice.reason;
        const doc = profileDocument(ctx, choice.profile, m, reason, transforms);
        const dir = writeProfileFolder(path.join(ctx.runDir, 'profiles'), doc, m.bytes, modelCard(doc));
        ctx.artifact('profile', dir, { name: choice.profile });
        ctx.artifact('onnx-model', path.join(dir, 'model.onnx'), { profile: choice.profile });
        return { name: choice.profile, dir, modelBytes: m.bytes.length, holdoutScore: m.holdoutScore, model: m.spec.label, latencyP95Ms: m.latencyMs.p95, peakMemoryBytes: m.peakMemoryBytes, reason };
      });
      task.summarize(written.map((p) => `${p.name}: ${p.model}`).join('; '));
      return written;
    });

    ctx.state.validation = {
      holdoutScore: main.holdoutScore,
      holdoutCi95: main.holdoutCi95,
      parityMaxDiff: Math.max(...measured.map((m) => m.parity)),
      latencyMs: main.latencyMs,
      throughputRowsPerSecond: main.throughputRowsPerSecond,
      profiles,
      checks,
      ...(insights ? { insights } : {}),
    };
    ctx.log('info', `Validation: holdout ${data.metric.name} ${main.holdoutScore.toFixed(4)}; ${profiles.length} profiles written.`);
  },
};

/**
 * The chosen solution's holdout charts (drawn with the run's seed, not the run's generator, so the
 * rest of the run draws what it drew before), feature importance and members. A failure here
 * costs the Results charts, never the run.
 */
function solutionInsights(ctx: PhaseContext, m: MeasuredSolution): NonNullable<NonNullable<PhaseContext['state']['validation']>['insights']> | undefined {
  const data = ctx.state.data;
  if (!data) return undefined;
  try {
    const charts = holdoutCharts(takeRows(data.y, data.holdout), m.holdoutPrediction, createRng((ctx.settings.seed ^ 0x5eed) >>> 0));
    return { charts, importance: solutionImportance(m.models, memberWeights(m.spec)), members: solutionMembers(m.spec) };
  } catch (error) {
    ctx.log('warn', `Validation: the holdout charts could not be computed (${error instanceof Error ? error.message : String(error)}).`);
    return undefined;
  }
}

/**
 * measureSolution, except that a hard vote whose graph disagrees with the in-app vote is measured
 * as the soft vote of the same members instead of failing the run: a member whose two most
 * probable classes tie within float rounding on some row can count for another class in the graph
 * (ArgMax) than in the app, a whole vote apart.
 */
async function measureHardVoteSafely(ctx: PhaseContext, spec: SolutionSpec, signal: AbortSignal, refits: Map<string, FittedPipeline>): Promise<MeasuredSolution> {
  try {
    return await measureSolution(ctx, spec, signal, refits);
  } catch (error) {
    if (spec.kind !== 'hard-vote' || !(error instanceof ParityError)) throw error;
    ctx.log('warn', `Validation: ${error.message} A member's two most probable classes tie within rounding on some row; the same members are exported as a soft vote instead.`);
    return measureSolution(ctx, { ...spec, kind: 'soft-vote', label: solutionLabel('soft-vote', spec.members) }, signal, refits);
  }
}

/**
 * Refits each chosen solution (indexes into `measured`) on every row, holdout included, and puts
 * the refit in its place: the profiles export models that learnt from all the data, while their
 * holdout scores stay the estimates of the same configurations. A refit that would pass the time
 * budget is skipped, and that solution exports its models fitted on the training rows (said in
 * the log and in profile.json's `training`). Under an iteration budget every refit runs. The run
 * setting `refitOnAllRows: false` turns this off.
 */
async function refitChosenOnAllRows(ctx: PhaseContext, measured: MeasuredSolution[], chosen: number[]): Promise<void> {
  if (ctx.settings.refitOnAllRows === false) {
    ctx.log('info', 'Validation: the profiles export the models fitted on the training rows (the final refit on all rows is off in the run settings).');
    return;
  }
  const refits = new Map<string, FittedPipeline>();
  for (const i of chosen) {
    const m = measured[i];
    const estimate = refitEstimateMs(m.spec, refits, ALL_ROWS_TIME_SCALE);
    if (ctx.settings.iterations === undefined && ctx.budget.wouldExceed(estimate, ALL_ROWS_END_SHARE)) {
      ctx.log('info', `Validation: ${m.spec.label} is exported as fitted on the ${m.fittedOn.rows} training rows: refitting it on all rows (about ${(estimate / 1000).toFixed(1)} s) would pass the time budget.`);
      continue;
    }
    measured[i] = await ctx.task(`refit on all rows: ${m.spec.label}`, async (task) => {
      try {
        const all = await refitOnAllRows(ctx, m, task.signal, refits);
        if (!all) {
          ctx.log('info', `Validation: ${m.spec.label} is exported as fitted on the ${m.fittedOn.rows} training rows: the time budget ended its refit on all rows before it had grown the validated rounds.`);
          task.summarize(`kept the fit on the ${m.fittedOn.rows} training rows (the refit ran out of time)`);
          return m;
        }
        task.summarize(`${all.fittedOn.rows} rows, p95 ${all.latencyMs.p95.toFixed(3)} ms, ${(all.bytes.length / 1024).toFixed(1)} KiB, parity ${all.parity.toExponential(1)}`);
        return all;
      } catch (error) {
        // A hard vote's near-tie (see measureHardVoteSafely) can split graph and app on the refit too.
        if (m.spec.kind !== 'hard-vote' || !(error instanceof ParityError)) throw error;
        ctx.log('warn', `Validation: ${error.message} ${m.spec.label} is exported as fitted on the training rows.`);
        task.summarize(`kept the fit on the ${m.fittedOn.rows} training rows (graph parity)`);
        return m;
      }
    });
  }
}

/** Expected time to refit `spec`'s members not refitted yet, export and measure it. */
function refitEstimateMs(spec: SolutionSpec, refits: ReadonlyMap<string, FittedPipeline>, scale = 1): number {
  const fits = spec.members.filter((m) => !refits.has(candidateKey(m.candidate)));
  return fits.reduce((sum, m) => sum + (m.foldFitMs ?? 1000) * REFIT_TIME_PER_FOLD_FIT * scale, 0) + 1500;
}

/** The chosen solution, and where it is an ensemble, the best single model and the best linear one (cheaper to serve). */
function candidateSolutions(ctx: PhaseContext): SolutionSpec[] {
  const solution = ctx.state.solution;
  if (!solution) return [];
  const specs: SolutionSpec[] = [{ label: solutionLabel(solution.kind, solution.members, solution.stack), kind: solution.kind, members: solution.members, weights: solution.weights, cvScore: solution.cvScore, ...(solution.stack ? { stack: solution.stack } : {}) }];
  const best = ctx.state.leaderboard[0];
  if (solution.members.length > 1 && best) specs.push({ label: best.candidate.model, kind: 'single', members: [best], weights: [1], cvScore: best.cvScore });
  const linear = ctx.state.leaderboard.find((e) => e.candidate.model === 'linear');
  if (linear && !specs.some((s) => s.members.length === 1 && s.members[0] === linear)) specs.push({ label: 'linear', kind: 'single', members: [linear], weights: [1], cvScore: linear.cvScore });
  return specs;
}

async function runChecks(ctx: PhaseContext): Promise<ValidationChecks> {
  const data = ctx.state.data;
  if (!data) throw new Error('No data to check.');
  // A one-feature model that predicts the target almost perfectly shows on a few thousand rows too.
  // Evenly spaced, so a file sorted by the target still gives every class.
  const stride = Math.ceil(data.train.length / LEAKAGE_CHECK_ROWS);
  const rows = stride > 1 ? data.train.filter((_, i) => i % stride === 0) : data.train;
  const leakage = checkTargetLeakage(selectRows(data.features, rows), takeRows(data.y, rows), data.task, data.classes?.length ?? 0, ctx.rng.fork());
  const overlap = checkRowOverlap(data.features, { train: data.train, test: data.holdout });
  const { frame } = await ctx.loadFrame();
  const usage = dataUsageReport(frame, { target: ctx.settings.target });
  return {
    leakage: leakage.findings,
    rowOverlap: overlap.summary,
    dataUsage: usage.columns.map((c) => ({ column: c.column, used: c.usage === 'used', detail: c.detail })),
  };
}

function profileDocument(ctx: PhaseContext, name: ProfileName, m: MeasuredSolution, reason: string, transforms: ColumnTransform[]): ProfileDocument {
  const data = ctx.state.data;
  if (!data) throw new Error('No data.');
  return {
    format: 'mlestar.profile',
    version: 1,
    name,
    reason,
    runId: ctx.runId,
    createdAt: new Date().toISOString(),
    dataset: data.fileName,
    target: ctx.settings.target,
    task: data.task,
    classes: data.classes,
    inputs: m.inputs,
    transforms,
    outputs: data.task === 'regression' ? { value: 'variable' } : { label: 'label', probabilities: 'probabilities' },
    preprocessing: m.preprocessing,
    model: { kind: m.spec.kind, members: m.models.map((model, i) => ({ family: model.family, params: { ...model.params }, weight: m.spec.weights[i], ...(isTargetTransformed(model) ? { targetTransform: model.targetTransform } : {}) })), ...(m.spec.stack ? { metaLearner: m.spec.stack } : {}) },
    metrics: { name: data.metric.name, greaterIsBetter: directionOf(data.metric) === 'maximize', cv: m.spec.cvScore, holdout: m.holdoutScore, holdoutCi95: m.holdoutCi95 },
    threshold: data.task === 'binary' ? 0.5 : null,
    runtime: m.runtime,
    training: m.fittedOn,
    measured: { latencyMs: m.latencyMs, throughputRowsPerSecond: m.throughputRowsPerSecond, modelBytes: m.bytes.length, peakMemoryBytes: m.peakMemoryBytes, onnxParityMaxDiff: m.parity },
  };
}
