/**
 * `npm run bench -- automl [--budget 60] [--datasets a,b] [--optuna]`: the whole app on each
 * shared dataset — train on the non-test rows with a time budget, score the fixed test rows
 * through the exported `model.onnx` — beside scikit-learn's default HistGradientBoosting rerun in
 * the same bench (and, with --optuna, 60 s of Optuna TPE over XGBoost), plus the peer scores of
 * ../shared/datasets/README.md for reference.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { createStudio } from '../src/main/app/composition';
import { accuracy, logLoss, rmse, rocAuc } from '../src/main/ml/metrics';
import { predictFile } from '../src/main/services/predict-service';
import type { TaskKind } from '../src/shared/domain';
import { writeResult } from './results';

const SHARED = path.resolve(__dirname, '../../shared/datasets');
const PYTHON = '/usr/bin/python3';

interface Spec {
  name: string;
  target: string;
  task: TaskKind;
  /** From the datasets README: sklearn HistGB default and Optuna + XGBoost (60 s). */
  readme: { histgb: number; optuna: number };
}

const DATASETS: Spec[] = [
  { name: 'telco_churn', target: 'churn', task: 'binary', readme: { histgb: 0.8344, optuna: 0.8523 } },
  { name: 'credit', target: 'Status', task: 'binary', readme: { histgb: 0.8362, optuna: 0.851 } },
  { name: 'satellite', target: 'classes', task: 'multiclass', readme: { histgb: 0.2937, optuna: 0.2242 } },
  { name: 'diamonds', target: 'price', task: 'regression', readme: { histgb: 547.8, optuna: 538.7 } },
  { name: 'spam', target: 'type', task: 'binary', readme: { histgb: 0.9897, optuna: 0.9897 } },
  { name: 'letters', target: 'lettr', task: 'multiclass', readme: { histgb: 0.1369, optuna: 0.1022 } },
  { name: 'fertility', target: 'morekids', task: 'binary', readme: { histgb: 0.6264, optuna: 0.6277 } },
];

function splitFiles(spec: Spec, dir: string): { train: string; test: string } {
  const lines = fs.readFileSync(path.join(SHARED, `${spec.name}.csv`), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const [header, ...rows] = lines;
  const test = new Set(fs.readFileSync(path.join(SHARED, 'splits', `${spec.name}.test-rows.txt`), 'utf8').split(/\s+/).filter(Boolean).map(Number));
  const train = path.join(dir, `${spec.name}.csv`);
  const testFile = path.join(dir, `${spec.name}.test.csv`);
  fs.writeFileSync(train, [header, ...rows.filter((_, i) => !test.has(i))].join('\n'));
  fs.writeFileSync(testFile, [header, ...rows.filter((_, i) => test.has(i))].join('\n'));
  return { train, test: testFile };
}

function scoreTest(spec: Spec, testFile: string, predsFile: string): Record<string, number> {
  const truth = Papa.parse<Record<string, string>>(fs.readFileSync(testFile, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const preds = Papa.parse<Record<string, string>>(fs.readFileSync(predsFile, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const keep = truth.map((r, i) => ({ t: r[spec.target], p: preds[i] })).filter((r) => r.t !== '' && r.t !== 'NA');
  if (spec.task === 'regression') return { rmse: rmse(Float64Array.from(keep, (r) => Number(r.t)), Float64Array.from(keep, (r) => Number(r.p.prediction))) };
  const classes = Object.keys(preds[0]).filter((k) => k.startsWith('proba:')).map((k) => k.slice(6));
  const y = Float64Array.from(keep, (r) => classes.indexOf(r.t));
  const proba = Float64Array.from(keep.flatMap((r) => classes.map((c) => Number(r.p[`proba:${c}`]))));
  if (spec.task === 'binary') return { roc_auc: rocAuc(y, Float64Array.from(keep, (r) => Number(r.p[`proba:${classes[1]}`]))) };
  return { log_loss: logLoss(y, proba, classes.length), accuracy: accuracy(y, Float64Array.from(keep, (r) => classes.indexOf(r.p.prediction))) };
}

function peers(spec: Spec, files: { train: string; test: string }, optuna: number): Record<string, unknown> {
  const r = spawnSync(PYTHON, [path.join(__dirname, 'peers', 'automl_peers.py'), '--train', files.train, '--test', files.test, '--target', spec.target, '--task', spec.task, ...(optuna ? ['--optuna', String(optuna)] : [])], { encoding: 'utf8', timeout: 20 * 60_000, env: { ...process.env, OMP_NUM_THREADS: '2' } });
  if (r.status !== 0) return { skipped: `peers not run: ${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}` };
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

export async function automl(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { budget: { type: 'string', default: '60' }, datasets: { type: 'string' }, optuna: { type: 'boolean', default: false } } });
  const budget = Number(values.budget);
  const chosen = values.datasets ? DATASETS.filter((d) => values.datasets?.split(',').includes(d.name)) : DATASETS;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-automl-'));
  const studio = createStudio({ dataDir: path.join(dir, 'data'), host: 'cli' });
  const results: Record<string, unknown>[] = [];
  try {
    for (const spec of chosen) {
      const files = splitFiles(spec, dir);
      const dataset = await studio.datasets.importPath(files.train);
      const started = Date.now();
      const { runId } = studio.runs.start({ datasetId: dataset.id, target: spec.target, task: spec.task, budgetSeconds: budget, seed: 42 });
      const status = await studio.runs.waitFor(runId);
      const seconds = (Date.now() - started) / 1000;
      const run = studio.runs.get(runId);
      if (status !== 'succeeded' || !run.report) {
        results.push({ dataset: spec.name, status, error: run.error });
        console.log(`${spec.name}: ${status} ${run.error ?? ''}`);
        continue;
      }
      const predsFile = path.join(dir, `${spec.name}.preds.csv`);
      await predictFile(run.report.profiles[0].dir, files.test, predsFile);
      const ours = scoreTest(spec, files.test, predsFile);
      const peer = peers(spec, files, values.optuna ? budget : 0);
      const metric = Object.keys(ours)[0];
      const greater = metric !== 'rmse' && metric !== 'log_loss';
      const histgb = (peer.histgb as Record<string, number> | undefined)?.[metric] ?? spec.readme.histgb;
      const optuna = (peer.optuna_xgboost as Record<string, number> | undefined)?.[metric] ?? spec.readme.optuna;
      const beats = (a: number, b: number): boolean => (greater ? a >= b : a <= b);
      const row = {
        dataset: spec.name,
        metric,
        ours,
        secondsUsed: seconds,
        budget,
        model: run.report.best.model,
        cvScore: run.report.best.cvScore,
        peers: peer,
        readmePeers: spec.readme,
        beatsHistGB: beats(ours[metric], histgb),
        matchesOrBeatsOptuna: beats(ours[metric], optuna),
      };
      results.push(row);
      console.log(`${spec.name.padEnd(12)} ${metric} ours ${ours[metric].toFixed(4)} | HistGB ${histgb.toFixed(4)} ${row.beatsHistGB ? '✓' : '✗'} | Optuna+XGB ${optuna.toFixed(4)} ${row.matchesOrBeatsOptuna ? '✓' : '✗'} | ${seconds.toFixed(1)} s of ${budget} | ${row.model}`);
    }
  } finally {
    await studio.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = writeResult('automl', { benchmark: 'automl', budget, results });
  console.log(`wrote ${out}`);
  return 0;
}
