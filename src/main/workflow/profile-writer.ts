/**
 * Writes one exported config profile as a folder (model.onnx, profile.json, model-card.md).
 * The folder is written under a temporary name and renamed into place, so a crash never
 * leaves a half-written profile behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TaskKind } from '../../shared/domain';
import type { ColumnTransform } from '../ml/column-schema';
import { metaLearnerName, type StackModel } from '../ml/ensemble/meta-learner';
import type { InputSpec } from '../ml/models/linear';
import type { TargetTransform } from '../ml/target-transform';

export interface ProfileDocument {
  format: 'mlestar.profile';
  version: 1;
  name: string;
  /** Why this model was chosen for this profile, with the figures. */
  reason: string;
  runId: string;
  createdAt: string;
  dataset: string;
  target: string;
  task: TaskKind;
  classes: string[] | null;
  /** Raw columns the model takes, in order, with how each is fed (numbers as float, categories as strings). */
  inputs: InputSpec[];
  /**
   * Steps that turn raw columns into inputs, replayed before the model runs (ml/column-schema.ts):
   * a datetime column becomes `<column>.year`, `.month`… inputs; numbers held as categories are
   * fed as the text of the number. Absent in profiles written before transforms existed.
   */
  transforms?: ColumnTransform[];
  outputs: { label?: string; probabilities?: string; value?: string };
  preprocessing: string[];
  /**
   * How the members combine: one model, a soft vote (`weight` each), or stacking / blending, where
   * `metaLearner` (ml/ensemble/meta-learner.ts) sits on the members' outputs and `weight` is its
   * member weight: the linear meta-learner's, the MLP's linear part's, or for the tree
   * meta-learner (`metaLearner.kind` 'trees') the member's share of the trees' split gain.
   */
  model: {
    kind: 'single' | 'soft-vote' | 'hard-vote' | 'stacking' | 'blending';
    /** `targetTransform`: the member was fitted on log(1 + y) or √y (its output is turned back inside the graph). */
    members: { family: string; params: Record<string, unknown>; weight: number; targetTransform?: TargetTransform }[];
    metaLearner?: StackModel;
  };
  metrics: { name: string; greaterIsBetter: boolean; cv: number; holdout: number; holdoutCi95: [number, number] };
  /** Decision threshold on the positive class probability (binary only). */
  threshold: number | null;
  runtime: { threads: number; executionProvider: 'cpu' | 'cuda'; batchSize: number };
  /**
   * Rows the exported models were fitted on. `holdoutIncluded`: refit on every row after the
   * holdout was scored, so `metrics.holdout` is the estimate of the same configuration fitted
   * without the holdout. Absent in profiles written before the final refit existed.
   */
  training?: { rows: number; holdoutIncluded: boolean };
  measured: { latencyMs: { p50: number; p95: number; p99: number }; throughputRowsPerSecond: number; modelBytes: number; peakMemoryBytes: number; onnxParityMaxDiff: number };
}

export function writeProfileFolder(parentDir: string, profile: ProfileDocument, model: Uint8Array, modelCard: string): string {
  fs.mkdirSync(parentDir, { recursive: true });
  const finalDir = path.join(parentDir, profile.name);
  const tempDir = fs.mkdtempSync(path.join(parentDir, `.${profile.name}-`));
  try {
    fs.writeFileSync(path.join(tempDir, 'model.onnx'), model);
    fs.writeFileSync(path.join(tempDir, 'profile.json'), JSON.stringify(profile, null, 2));
    fs.writeFileSync(path.join(tempDir, 'model-card.md'), modelCard);
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(tempDir, finalDir);
  } catch (error) {
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  return finalDir;
}

export function readProfile(profileDir: string): ProfileDocument {
  const file = path.join(profileDir, 'profile.json');
  if (!fs.existsSync(file)) throw new Error(`${profileDir} is not a profile folder: it has no profile.json. Pass a folder written by "run" (for example OUT/high-performance).`);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as ProfileDocument;
  if (doc.format !== 'mlestar.profile') throw new Error(`${file} is not an MLE-STAR profile (format "${String(doc.format)}").`);
  return doc;
}

export function modelCard(p: ProfileDocument): string {
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
  return [
    `# Model card: ${p.name}`,
    ``,
    `Produced by MLE-STAR Studio run \`${p.runId}\` on ${p.createdAt}.`,
    ``,
    `**Why this model for the ${p.name} profile:** ${p.reason}`,
    ``,
    `## Intended use`,
    `Predicts **${p.target}** (${p.task}${p.classes ? `: ${p.classes.join(', ')}` : ''}) from the ${p.inputs.length} columns of **${p.dataset}** listed below. Scores are measured on a holdout the training never saw; data unlike that file may score worse.`,
    ``,
    `## Model`,
    `- ${modelKind(p.model)}: ${p.model.members.map((m) => `${m.family}${m.targetTransform ? ` on ${m.targetTransform === 'log1p' ? 'log(1 + target)' : '√target'}` : ''} ${JSON.stringify(m.params)}`).join('; ')}`,
    `- Preprocessing: ${p.preprocessing.join('; ')}`,
    ``,
    `## Metrics (${p.metrics.name}, ${p.metrics.greaterIsBetter ? 'higher' : 'lower'} is better)`,
    `- Cross-validated: ${f(p.metrics.cv)}`,
    `- Holdout: ${f(p.metrics.holdout)} (95% bootstrap interval ${f(p.metrics.holdoutCi95[0])} – ${f(p.metrics.holdoutCi95[1])})`,
    ...trainingNote(p.training),
    ``,
    `## Runtime (ONNX Runtime, ${p.runtime.executionProvider}, ${p.runtime.threads} threads)`,
    `- Single-row latency: p50 ${p.measured.latencyMs.p50.toFixed(3)} ms, p95 ${p.measured.latencyMs.p95.toFixed(3)} ms, p99 ${p.measured.latencyMs.p99.toFixed(3)} ms`,
    `- Batch throughput: ${Math.round(p.measured.throughputRowsPerSecond).toLocaleString('en-US')} rows/s; model size ${p.measured.modelBytes.toLocaleString('en-US')} bytes; memory while serving about ${(p.measured.peakMemoryBytes / 2 ** 20).toFixed(1)} MiB`,
    `- Exported graph vs in-app predictions: max difference ${p.measured.onnxParityMaxDiff.toExponential(2)}`,
    ``,
    `## Inputs`,
    ...p.inputs.map((i) => `- \`${i.name}\`: ${i.kind === 'numeric' ? 'number (float; empty = missing)' : 'category (string; empty = missing)'}`),
    ...transformNotes(p.transforms ?? []),
    ``,
  ].join('\n');
}

function trainingNote(training: ProfileDocument['training']): string[] {
  if (!training) return [];
  return training.holdoutIncluded
    ? [`- Trained on all ${training.rows.toLocaleString('en-US')} rows: after the holdout was scored, the same configuration was refit on every row, holdout included, so the exported model learnt from all the data and the holdout score estimates it.`]
    : [`- Trained on the ${training.rows.toLocaleString('en-US')} training rows (the holdout kept out).`];
}

function modelKind(model: ProfileDocument['model']): string {
  const n = model.members.length;
  const stack = model.metaLearner;
  const weighs = stack?.kind === 'trees' ? 'member importances (share of split gain)' : stack?.kind === 'mlp' ? 'linear-part member weights' : 'member weights';
  const meta = stack ? `${metaLearnerName(stack)}, ${weighs} ${stack.weights.map((w) => w.toFixed(3)).join(', ')}` : '';
  if (model.kind === 'stacking') return `Stacking of ${n} models (${meta}, fitted on out-of-fold predictions)`;
  if (model.kind === 'blending') return `Blend of ${n} models (${meta}, fitted on a holdout slice of out-of-fold predictions)`;
  if (model.kind === 'hard-vote') return `Hard vote of ${n} models (majority of their predicted classes; the vote shares are the probabilities)`;
  return model.kind === 'single' ? 'Single model' : `Soft vote of ${n} models`;
}

function transformNotes(transforms: readonly ColumnTransform[]): string[] {
  if (transforms.length === 0) return [];
  const lines = transforms.map((t) =>
    t.kind === 'datetime'
      ? `- \`${t.source}\` (dates, format ${t.format}) is fed as ${t.parts.map((part) => `\`${t.source}.${part}\``).join(', ')} (UTC; epoch_days = days since 1970-01-01).`
      : t.kind === 'text-stats'
        ? `- \`${t.source}\` (free text) is fed as ${t.stats.map((stat) => `\`${t.source}.${stat}\``).join(', ')}: characters (code points), words (runs of non-space characters) and decimal digits; missing text gives missing values.`
        : `- \`${t.source}\` holds numbers used as categories: feed the text of the number (\`3.0\` as \`3\`).`,
  );
  return ['', '## Derived inputs', '`mlestar predict` computes these from the raw columns; other callers must do the same:', ...lines];
}
