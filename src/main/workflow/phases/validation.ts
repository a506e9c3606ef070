/**
 * Validation phase: refits the chosen solution on all training rows, scores it on the holdout
 * (with a bootstrap interval), exports it as one ONNX graph, checks the graph against the in-app
 * model, measures latency and throughput on the graph, and writes the config profile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { selectRows } from '../../ml/frame';
import type { FittedPipeline } from '../../ml/models/pipeline';
import { fitCandidate } from '../fit-candidate';
import { exportSolutionOnnx, solutionInputs } from '../../onnx/ensemble-graph';
import { OnnxModel, feedsFromFrame, measureLatency } from '../../onnx/runtime';
import { blendPredictions } from '../blend';
import { bootstrapInterval } from '../bootstrap';
import { takeRows } from '../cross-validate';
import { maxPredictionDiff } from '../parity';
import type { Phase, PhaseContext } from '../phase';
import { modelCard, writeProfileFolder, type ProfileDocument } from '../profile-writer';

const LATENCY_ITERATIONS = 300;
const RUNTIME = { threads: 2, executionProvider: 'cpu' as const, batchSize: 1024 };

export const validationPhase: Phase = {
  name: 'validation',
  async run(ctx: PhaseContext): Promise<void> {
    const data = ctx.state.data;
    const solution = ctx.state.solution;
    if (!data || !solution) throw new Error('Nothing to validate: the earlier phases produced no solution.');
    const trainFrame = selectRows(data.features, data.train);
    const yTrain = takeRows(data.y, data.train);
    const holdoutFrame = selectRows(data.features, data.holdout);
    const yHoldout = takeRows(data.y, data.holdout);

    const models = await ctx.task(`refit ${solution.members.length === 1 ? 'the best model' : `${solution.members.length} ensemble members`} on all training rows`, async (task) => {
      const fitted: FittedPipeline[] = [];
      for (const [i, member] of solution.members.entries()) {
        // The refit may use its share of what is left of the budget, and never less than 1.5× the
        // time one cross-validation fold took, so it grows about as many trees as were validated.
        const share = Math.max(0, ctx.budget.deadlineAt(0.95) - Date.now()) / (solution.members.length - i);
        const deadline = Date.now() + Math.max(share, 1.5 * (member.foldFitMs ?? share));
        fitted.push(await fitCandidate(member.candidate, trainFrame, yTrain, data.task, data.classes, { rng: ctx.rng.fork(), signal: task.signal, deadline }));
      }
      task.summarize(`${fitted.length} model(s) on ${data.train.length} rows`);
      return fitted;
    });

    const inApp = blendPredictions(models.map((m) => m.predict(holdoutFrame)), solution.weights);
    const holdoutScore = data.metric.score(yHoldout, inApp);
    const ci = await ctx.task('holdout score with bootstrap interval', async (task) => {
      const interval = bootstrapInterval(data.metric, yHoldout, inApp, ctx.rng.fork());
      task.summarize(`${data.metric.name} ${holdoutScore.toFixed(4)} [${interval[0].toFixed(4)}, ${interval[1].toFixed(4)}]`);
      return interval;
    });
    ctx.metric('holdout_score', 1, holdoutScore);

    const exported = await ctx.task('export ONNX and check parity', async (task) => {
      const bytes = exportSolutionOnnx(models, solution.weights);
      const model = await OnnxModel.load(bytes, { threads: RUNTIME.threads, executionProvider: RUNTIME.executionProvider });
      try {
        const inputs = solutionInputs(models);
        const feeds = feedsFromFrame(holdoutFrame, inputs);
        const started = performance.now();
        const fromGraph = await model.predict(feeds, holdoutFrame.rowCount, data.task, data.classes);
        const seconds = Math.max(1e-6, (performance.now() - started) / 1000);
        const parity = maxPredictionDiff(inApp, fromGraph);
        if (!(parity <= 1e-4)) throw new Error(`The exported graph disagrees with the in-app model by ${parity} on the holdout.`);
        const oneRow = feedsFromFrame(selectRows(holdoutFrame, [0]), inputs);
        const latency = await measureLatency(model, oneRow, LATENCY_ITERATIONS);
        task.summarize(`parity ${parity.toExponential(2)}, p50 ${latency.p50.toFixed(3)} ms, ${(bytes.length / 1024).toFixed(1)} KiB`);
        return { bytes, inputs, parity, latency, throughput: holdoutFrame.rowCount / seconds };
      } finally {
        await model.release();
      }
    });

    const profileDir = await ctx.task('write the high-performance profile', async (task) => {
      const doc: ProfileDocument = {
        format: 'mlestar.profile',
        version: 1,
        name: 'high-performance',
        runId: ctx.runId,
        createdAt: new Date().toISOString(),
        dataset: data.fileName,
        target: ctx.settings.target,
        task: data.task,
        classes: data.classes,
        inputs: exported.inputs,
        outputs: data.task === 'regression' ? { value: 'variable' } : { label: 'label', probabilities: 'probabilities' },
        preprocessing: describePreprocessing(models),
        model: { kind: solution.kind, members: models.map((m, i) => ({ family: m.family, params: { ...m.params }, weight: solution.weights[i] })) },
        metrics: { name: data.metric.name, greaterIsBetter: data.metric.greaterIsBetter, cv: solution.cvScore, holdout: holdoutScore, holdoutCi95: ci },
        threshold: data.task === 'binary' ? 0.5 : null,
        runtime: RUNTIME,
        measured: { latencyMs: exported.latency, throughputRowsPerSecond: exported.throughput, modelBytes: exported.bytes.length, onnxParityMaxDiff: exported.parity },
      };
      const dir = writeProfileFolder(path.join(ctx.runDir, 'profiles'), doc, exported.bytes, modelCard(doc));
      ctx.artifact('profile', dir, { name: doc.name });
      ctx.artifact('onnx-model', path.join(dir, 'model.onnx'), { profile: doc.name });
      task.summarize(dir);
      return dir;
    });

    ctx.state.validation = {
      holdoutScore,
      holdoutCi95: ci,
      parityMaxDiff: exported.parity,
      latencyMs: exported.latency,
      throughputRowsPerSecond: exported.throughput,
      profiles: [{ name: 'high-performance', dir: profileDir, modelBytes: fs.statSync(path.join(profileDir, 'model.onnx')).size, holdoutScore }],
    };
    ctx.log('info', `Validation: holdout ${data.metric.name} ${holdoutScore.toFixed(4)}; profile written to ${profileDir}.`);
  },
};

function describePreprocessing(models: readonly FittedPipeline[]): string[] {
  const lines = new Set<string>();
  for (const m of models) {
    if (m.family === 'linear') {
      lines.add('linear: numeric mean imputation and standardization; categorical one-hot (missing and unseen → all zeros)');
    } else {
      lines.add(`${m.family}: numeric values as they are (missing follows the learned default branch); categorical values as native category splits`);
    }
  }
  return [...lines];
}
