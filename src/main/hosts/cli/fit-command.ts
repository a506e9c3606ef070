/**
 * `fit FILE --target COL --model FAMILY [--param NAME=VALUE ...] [--test-rows ROWS.txt]
 * [--out DIR] [--seed N]`: fits one model with the given settings (no search), exports
 * DIR/model.onnx with a profile.json that `predict --model DIR` reads, and prints one JSON line:
 * fit seconds, peak memory (process RSS high-water mark) and, with --test-rows, the test scores.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readCsvFile } from '../../ml/csv';
import { holdoutSplit, parseRowNumbers } from '../../ml/holdout';
import { ACCURACY, LOG_LOSS, metricForTask, type Metric } from '../../ml/metrics';
import { badInput } from '../../app/errors';
import { checkFamilyParams, CLI_FAMILIES, fitFamily, type CliFamily } from '../../ml/models/fit-family';
import type { FittedPipeline } from '../../ml/models/pipeline';
import type { Prediction } from '../../ml/prediction';
import { createRng } from '../../ml/rng';
import { prepareTarget } from '../../ml/target';
import { selectRows, type Frame } from '../../ml/frame';
import { OnnxModel, feedsFromFrame, measureLatency } from '../../onnx/runtime';
import { modelCard, writeProfileFolder, type ProfileDocument } from '../../workflow/profile-writer';

export const FIT_USAGE = `  fit FILE --target COL --model ${CLI_FAMILIES.join('|')} [--param NAME=VALUE ...]
      [--test-rows ROWS.txt] [--out DIR] [--seed N]   fit one model; write DIR/model.onnx + profile.json`;

/** Bad usage of `fit` (exit code 2). */
export class FitUsageError extends Error {}

function parseParams(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new FitUsageError(`--param needs NAME=VALUE, got "${pair}".`);
    params[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return params;
}

function maxDiff(a: Prediction, b: Prediction): number {
  const x = a.task === 'regression' ? a.value : a.proba;
  const y = b.task === 'regression' ? b.value : b.proba;
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - y[i]) / (a.task === 'regression' ? Math.max(1, Math.abs(x[i])) : 1));
  return max;
}

/** Exported-graph measurements: parity with in-app predictions, single-row latency, batch throughput. */
async function measure(model: FittedPipeline, bytes: Uint8Array, rows: Frame, threads: number) {
  const onnx = await OnnxModel.load(bytes, { threads });
  try {
    const feeds = feedsFromFrame(rows, model.inputs);
    const start = performance.now();
    const fromGraph = await onnx.predict(feeds, rows.rowCount, model.task, model.classes);
    const seconds = (performance.now() - start) / 1000;
    const latency = await measureLatency(onnx, feedsFromFrame(selectRows(rows, [0]), model.inputs), 200);
    return { parity: maxDiff(model.predict(rows), fromGraph), latency, throughput: rows.rowCount / Math.max(seconds, 1e-9) };
  } finally {
    await onnx.release();
  }
}

export async function fitCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { target: { type: 'string' }, model: { type: 'string' }, param: { type: 'string', multiple: true }, 'test-rows': { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '42' } },
  });
  const file = positionals[0];
  if (!file) throw new FitUsageError('fit needs a FILE');
  if (!values.target) throw new FitUsageError('fit needs --target COL');
  const family = values.model as CliFamily | undefined;
  if (!family || !CLI_FAMILIES.includes(family)) throw new FitUsageError(`--model must be one of ${CLI_FAMILIES.join(', ')}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new FitUsageError('--seed must be a non-negative whole number');
  const params = parseParams(values.param ?? []);
  // A bad name or value is the user's input, said plainly before any file is read.
  try {
    checkFamilyParams(family, params);
  } catch (error) {
    throw badInput(`--param: ${error instanceof Error ? error.message : String(error)}`);
  }

  const frame = await readCsvFile(file);
  const prepared = prepareTarget(frame, values.target, undefined, path.basename(file));
  if (prepared.droppedMissing > 0) console.error(`Dropped ${prepared.droppedMissing} rows whose target is missing.`);
  const testRowsFile = values['test-rows'];
  const split = testRowsFile ? holdoutSplit(prepared, parseRowNumbers(fs.readFileSync(testRowsFile, 'utf8'), testRowsFile)) : null;
  const train = split ? split.train : { features: prepared.features, y: prepared.y };

  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  const started = performance.now();
  let model: FittedPipeline;
  try {
    model = await fitFamily(family, params, train.features, train.y, prepared.task, prepared.classes, { rng: createRng(seed), signal: controller.signal });
  } finally {
    process.off('SIGINT', stop);
  }
  const fitSeconds = (performance.now() - started) / 1000;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;

  const metric = metricForTask(prepared.task);
  const scores: Record<string, number> = {};
  if (split) {
    const prediction = model.predict(split.test.features);
    const metrics: Metric[] = prepared.task === 'multiclass' ? [LOG_LOSS, ACCURACY] : [metric];
    for (const m of metrics) scores[m.name] = m.score(split.test.y, prediction);
  }

  const outDir = path.resolve(values.out ?? path.join('mlestar-output', `fit-${family}-${Date.now()}`));
  const bytes = model.toOnnx();
  const threads = Number(params.num_threads ?? 2) || 2;
  const measured = await measure(model, bytes, split ? split.test.features : selectRows(train.features, Array.from({ length: Math.min(train.features.rowCount, 10_000) }, (_, i) => i)), threads);
  const doc: ProfileDocument = {
    format: 'mlestar.profile',
    version: 1,
    name: path.basename(outDir),
    reason: 'fitted directly with the given settings (cli fit)',
    runId: 'cli-fit',
    createdAt: new Date().toISOString(),
    dataset: path.basename(file),
    target: values.target,
    task: prepared.task,
    classes: prepared.classes,
    inputs: model.inputs,
    outputs: prepared.task === 'regression' ? { value: 'variable' } : { label: 'label', probabilities: 'probabilities' },
    preprocessing: model.family === 'linear' || model.family === 'mlp' ? ['numeric: mean imputation, standardization', 'categorical: one-hot'] : ['quantile bins (missing in its own bin)', 'categorical: category index (missing and unseen go right)'],
    model: { kind: 'single', members: [{ family: model.family, params: { ...model.params }, weight: 1 }] },
    metrics: { name: metric.name, greaterIsBetter: metric.greaterIsBetter, cv: Number.NaN, holdout: scores[metric.name] ?? Number.NaN, holdoutCi95: [Number.NaN, Number.NaN] },
    threshold: prepared.task === 'binary' ? 0.5 : null,
    runtime: { threads, executionProvider: 'cpu', batchSize: 1024 },
    measured: { latencyMs: measured.latency, throughputRowsPerSecond: measured.throughput, modelBytes: bytes.length, peakMemoryBytes: bytes.length, onnxParityMaxDiff: measured.parity },
  };
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  writeProfileFolder(path.dirname(outDir), doc, bytes, modelCard(doc));
  const line = {
    model: family,
    rows: { train: train.features.rowCount, test: split?.test.features.rowCount ?? 0 },
    fitSeconds: Number(fitSeconds.toFixed(3)),
    peakRssMB: Math.round(peakRssMB),
    test: scores,
    onnx: { parityMaxDiff: measured.parity, latencyMsP50: measured.latency.p50, latencyMsP99: measured.latency.p99, rowsPerSecond: Math.round(measured.throughput) },
    out: outDir,
  };
  console.log(JSON.stringify(line));
  return 0;
}
