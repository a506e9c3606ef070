/**
 * The headless host: `npm run cli -- <command>`. Used by people scripting the app and by the
 * benchmarks. Exit code 0 on success, 1 with a one-paragraph message on failure, 2 on bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COLUMN_TYPES, TASK_KINDS, type ColumnSetting, type ColumnType, type DatasetDetail, type RunGoals, type TaskKind } from '../../../shared/domain';
import { copyFolderAtomically, writeFileAtomically } from '../../app/atomic-copy';
import { createStudio, type StudioServices } from '../../app/composition';
import { resolveDataDir } from '../../app/data-dir';
import { toFailure } from '../../ipc/request-handler';
import { predictFile } from '../../services/predict-service';
import { datasetSummaryLines } from './dataset-summary';
import { createImportProgressPrinter } from './import-progress';
import { createRunProgressPrinter } from './progress-bar';
import { FIT_USAGE, FitUsageError, fitCommand } from './fit-command';
import { lowerHostPriority } from '../host-priority';

const USAGE = `MLE-STAR Studio CLI

  run FILE|DATASET_ID --target COL [--task binary|multiclass|regression] [--budget SECONDS]
      [--seed N] [--iterations N] [--out DIR] [--data-dir DIR] [--sample-rows N [--sample-seed S]]
      [--goal-score X] [--goal-latency-ms MS] [--goal-size-mb MB] [--goal-memory-mb MB]
                                              run the five phases, write DIR/report.json and profiles;
                                              --iterations fixes the refinement's attempts (same seed, same leaderboard);
                                              goals: the report's targets table says whether each was met
  resume RUN_ID [--out DIR] [--data-dir DIR]      continue an interrupted run from its last finished task
  predict --model PROFILE_DIR --input FILE.csv --output PREDS.csv
${FIT_USAGE}
  import FILE [--skip-bad-rows] [--sample-rows N [--sample-seed S]] [--data-dir DIR]
                                              import a CSV/TSV (.gz), Parquet or JSON lines file; print id and profile
  columns DATASET_ID [--type COL=TYPE]... [--exclude COL]... [--include COL]... [--data-dir DIR]
      show a dataset's columns; set a type (${COLUMN_TYPES.join('|')}|auto), leave a column out or put it back
  runs [--data-dir DIR]                           list runs
  datasets [--data-dir DIR]                       list imported datasets

  --memory-budget MB   memory a dataset may take once loaded (run, import); a file over it is
                       refused before it is read (default MLESTAR_MEMORY_BUDGET_MB, else 75% of memory),
                       saying how many rows would fit
  --sample-rows N      import a uniform random sample of N of the file's rows (run FILE, import),
                       streamed, never holding the whole file; --sample-seed S picks it (default 1)
`;

class UsageError extends Error {}

const OPTIONS = {
  target: { type: 'string' },
  task: { type: 'string' },
  budget: { type: 'string', default: '60' },
  seed: { type: 'string', default: '42' },
  iterations: { type: 'string' },
  'goal-score': { type: 'string' },
  'goal-latency-ms': { type: 'string' },
  'goal-size-mb': { type: 'string' },
  'goal-memory-mb': { type: 'string' },
  out: { type: 'string' },
  'data-dir': { type: 'string' },
  'memory-budget': { type: 'string' },
  'skip-bad-rows': { type: 'boolean' },
  'sample-rows': { type: 'string' },
  'sample-seed': { type: 'string' },
  type: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  include: { type: 'string', multiple: true },
  model: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'fit') return fitCommand(argv.slice(1));
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'predict') {
    if (!values.model || !values.input || !values.output) throw new UsageError('predict needs --model PROFILE_DIR --input FILE.csv --output PREDS.csv');
    const result = await predictFile(values.model, values.input, values.output);
    console.log(`Wrote ${result.rows} predictions to ${result.output}`);
    return 0;
  }
  if (command === 'run') {
    // Usage errors are reported before the data folder is opened.
    if (!rest[0]) throw new UsageError('run needs a FILE or a DATASET_ID');
    if (!values.target) throw new UsageError('run needs --target COL');
  }
  // A headless run yields the CPU to the desktop (MLESTAR_TRAIN_PRIORITY); `fit` (a measured fit) keeps its priority.
  if (command === 'run' || command === 'resume') lowerHostPriority();
  const memoryBudgetMB = values['memory-budget'] === undefined ? undefined : Number(values['memory-budget']);
  if (memoryBudgetMB !== undefined && !(Number.isFinite(memoryBudgetMB) && memoryBudgetMB > 0)) throw new UsageError(`--memory-budget must be a positive number of MB (got "${values['memory-budget']}")`);
  const sample = rowSampleFromArgs(values);
  const studio = createStudio({ dataDir: resolveDataDir(values['data-dir']), host: 'cli', ...(memoryBudgetMB !== undefined ? { memoryBudgetMB } : {}) });
  for (const notice of studio.notices) console.error(`Note: ${notice}`);
  try {
    switch (command) {
      case 'run':
        return await runCommand(studio, rest[0], values, sample);
      case 'resume':
        if (!rest[0]) throw new UsageError('resume needs a RUN_ID (see the runs command)');
        return await followRun(studio, studio.runs.resume(rest[0]).runId, values.out);
      case 'import': {
        if (!rest[0]) throw new UsageError('import needs a FILE');
        const printer = createImportProgressPrinter();
        const unsubscribe = studio.datasets.onImportProgress((e) => printer.update(e));
        const stop = (): void => void studio.datasets.cancelImport('cli');
        process.once('SIGINT', stop);
        let d;
        try {
          d = await studio.datasets.importPath(rest[0], { importId: 'cli', skipBadRows: values['skip-bad-rows'], ...sample });
        } finally {
          process.off('SIGINT', stop);
          unsubscribe();
          printer.done();
        }
        for (const line of datasetSummaryLines(d)) console.log(line);
        return 0;
      }
      case 'columns': {
        if (!rest[0]) throw new UsageError('columns needs a DATASET_ID (see the datasets command)');
        const d = studio.datasets.get(rest[0]);
        const settings = columnSettingsFromArgs(d, values);
        const updated = settings.length > 0 ? studio.datasets.updateColumns(d.id, settings) : d;
        for (const line of datasetSummaryLines(updated)) console.log(line);
        return 0;
      }
      case 'runs':
        for (const r of studio.runs.list()) console.log([r.id, r.status.padEnd(11), r.datasetName, r.target, r.metric ?? '-', r.bestScore?.toFixed(4) ?? '-', r.createdAt].join('\t'));
        return 0;
      case 'datasets':
        for (const d of studio.datasets.list()) console.log([d.id, d.name, `${d.rows}×${d.columns}`, d.createdAt].join('\t'));
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } finally {
    await studio.close();
  }
}

type SampleFlags = { 'sample-rows'?: string; 'sample-seed'?: string };

/** The import's `rowSample` asked for by --sample-rows N [--sample-seed S] (empty without them). */
function rowSampleFromArgs(values: SampleFlags): { rowSample?: { rows: number; seed?: number } } {
  const rowsText = values['sample-rows'];
  const seedText = values['sample-seed'];
  if (rowsText === undefined) {
    if (seedText !== undefined) throw new UsageError('--sample-seed needs --sample-rows N');
    return {};
  }
  const rows = Number(rowsText);
  if (!/^\d+$/.test(rowsText.trim()) || !Number.isSafeInteger(rows) || rows < 1 || rows > 1_000_000_000) throw new UsageError(`--sample-rows must be a whole number of rows from 1 to 1000000000 (got "${rowsText}")`);
  if (seedText === undefined) return { rowSample: { rows } };
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText.trim()) || !Number.isSafeInteger(seed) || seed > 2 ** 31 - 1) throw new UsageError(`--sample-seed must be a whole number from 0 to 2147483647 (got "${seedText}")`);
  return { rowSample: { rows, seed } };
}

type GoalFlags = { 'goal-score'?: string; 'goal-latency-ms'?: string; 'goal-size-mb'?: string; 'goal-memory-mb'?: string };

/** The goals asked for by --goal-… flags (a score may be any number, the others must be positive). */
function goalsFromArgs(values: GoalFlags): RunGoals | undefined {
  const goals: RunGoals = {};
  const read = (flag: keyof GoalFlags, positive: boolean): number | undefined => {
    const text = values[flag];
    if (text === undefined) return undefined;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || (positive && v <= 0)) throw new UsageError(`--${flag} must be a ${positive ? 'positive ' : ''}number (got "${text}")`);
    return v;
  };
  const score = read('goal-score', false);
  const latency = read('goal-latency-ms', true);
  const size = read('goal-size-mb', true);
  const memory = read('goal-memory-mb', true);
  if (score !== undefined) goals.score = score;
  if (latency !== undefined) goals.latencyP95Ms = latency;
  if (size !== undefined) goals.modelSizeMB = size;
  if (memory !== undefined) goals.peakMemoryMB = memory;
  return Object.keys(goals).length > 0 ? goals : undefined;
}

async function runCommand(
  studio: StudioServices,
  source: string | undefined,
  values: { target?: string; task?: string; budget?: string; seed?: string; iterations?: string; out?: string } & GoalFlags,
  sample: { rowSample?: { rows: number; seed?: number } },
): Promise<number> {
  if (!source) throw new UsageError('run needs a FILE or a DATASET_ID');
  if (!values.target) throw new UsageError('run needs --target COL');
  if (values.task && !TASK_KINDS.includes(values.task as TaskKind)) throw new UsageError(`--task must be one of ${TASK_KINDS.join(', ')}`);
  const budgetSeconds = Number(values.budget);
  const seed = Number(values.seed);
  if (!Number.isInteger(budgetSeconds) || budgetSeconds < 5) throw new UsageError('--budget must be a whole number of seconds, at least 5');
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed must be a non-negative whole number');
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 1 && iterations <= 10_000)) throw new UsageError('--iterations must be a whole number from 1 to 10000');

  const goals = goalsFromArgs(values);
  if (sample.rowSample && !fs.existsSync(source)) throw new UsageError(`--sample-rows applies to a FILE to import; "${source}" is not a file (a dataset already imported keeps its rows)`);
  const dataset = fs.existsSync(source) ? await studio.datasets.importPath(source, sample) : studio.datasets.get(source);
  const { runId } = studio.runs.start({ datasetId: dataset.id, target: values.target, task: values.task as TaskKind | undefined, budgetSeconds, seed, ...(iterations !== undefined ? { iterations } : {}), ...(goals ? { goals } : {}) });
  return followRun(studio, runId, values.out);
}

/** Shows a run's progress until it stops; on success writes its report and profiles to `out`. */
async function followRun(studio: StudioServices, runId: string, out: string | undefined): Promise<number> {
  const printer = createRunProgressPrinter();
  const unsubscribe = studio.runs.onProgress((e) => e.runId === runId && printer.update(e));
  const stop = (): void => void studio.runs.cancel(runId);
  process.once('SIGINT', stop);
  const status = await studio.runs.waitFor(runId);
  process.off('SIGINT', stop);
  unsubscribe();
  printer.done();
  const run = studio.runs.get(runId);
  if (status !== 'succeeded' || !run.report) {
    console.error(`Run ${runId} ${status}: ${run.error ?? 'no report was produced.'}`);
    return 1;
  }
  const outDir = path.resolve(out ?? path.join('mlestar-output', runId));
  fs.mkdirSync(outDir, { recursive: true });
  // Each profile folder and the report appear complete or not at all (a kill mid-copy leaves a dot-folder).
  for (const profile of run.report.profiles) copyFolderAtomically(profile.dir, outDir, profile.name);
  const report = { ...run.report, profiles: run.report.profiles.map((p) => ({ ...p, dir: path.join(outDir, p.name) })) };
  writeFileAtomically(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  const r = run.report;
  console.log(`Run ${runId} succeeded in ${r.totalSeconds.toFixed(1)} s: ${r.metric} CV ${r.best.cvScore.toFixed(4)}, holdout ${r.best.holdoutScore.toFixed(4)} [${r.best.holdoutCi95.map((x) => x.toFixed(4)).join(', ')}]`);
  for (const t of r.targets ?? []) console.log(`  ${t.target.padEnd(10)} goal ${t.goal.padEnd(24)} achieved ${t.achieved.padEnd(40)} ${t.status}`);
  console.log(`Wrote ${path.join(outDir, 'report.json')} and ${r.profiles.map((p) => path.join(outDir, p.name)).join(', ')}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof FitUsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const failure = toFailure(error);
    console.error(failure.ok ? '' : failure.error.message);
    process.exit(1);
  },
);

/** The column settings asked for by `--type COL=TYPE`, `--exclude COL` and `--include COL`. */
function columnSettingsFromArgs(d: DatasetDetail, values: { type?: string[]; exclude?: string[]; include?: string[] }): ColumnSetting[] {
  const settings = new Map<number, ColumnSetting>();
  const column = (name: string): ColumnSetting => {
    const c = d.profile.find((p) => p.name === name);
    if (!c) throw new UsageError(`${d.name} has no column "${name}". Its columns are: ${d.profile.slice(0, 20).map((p) => p.name).join(', ')}${d.profile.length > 20 ? ', …' : ''}.`);
    const existing = settings.get(c.index) ?? { index: c.index, type: c.type === c.inferredType ? null : c.type, excluded: c.excluded };
    settings.set(c.index, existing);
    return existing;
  };
  for (const spec of values.type ?? []) {
    const eq = spec.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--type takes COL=TYPE, e.g. --type signup_date=datetime (got "${spec}").`);
    const type = spec.slice(eq + 1);
    if (type !== 'auto' && !COLUMN_TYPES.includes(type as ColumnType)) throw new UsageError(`Unknown type "${type}" in --type ${spec}: use one of ${COLUMN_TYPES.join(', ')} or auto.`);
    column(spec.slice(0, eq)).type = type === 'auto' ? null : (type as ColumnType);
  }
  for (const name of values.exclude ?? []) column(name).excluded = true;
  for (const name of values.include ?? []) column(name).excluded = false;
  return [...settings.values()];
}
