/**
 * Runs the phases of one run in order and persists every state change: run, phase and task
 * status with timings, trials, metrics, log lines, artifacts and the final report. The run ends
 * `succeeded`, `failed` (with the error a user can act on) or `cancelled`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PHASES, type LiveRefinement, type LogLine, type PhaseName, type RunProgressEvent, type RunReport, type RunSettings, type RunStatus } from '../../shared/domain';
import { applyColumnChoices, type ColumnTransform } from '../ml/column-schema';
import type { Frame } from '../ml/frame';
import { createRng } from '../ml/rng';
import type { Store } from '../ports/repositories';
import { createBudget } from './budget';
import { solutionLabel } from './measure-solution';
import type { Phase, PhaseContext, TaskHandle } from './phase';
import { DEFAULT_PHASES } from './phases';
import { ProgressCoalescer } from './progress';
import { createRunState, leaderboardEntries, type RunState } from './run-state';
import { sha256File } from './checksum';
import { taskStats } from './task-stats';
import { trialInfoOf } from './trial-record';
import { targetsTable } from './targets';
import { createFitPool, defaultFitThreads, type FitPool } from '../workers/fit-pool';

export interface RunExecutorDeps {
  store: Store;
  dataDir: string;
  loadFrame(datasetId: string): Promise<{ frame: Frame; fileName: string }>;
  emit(event: RunProgressEvent): void;
  phases?: readonly Phase[];
  /**
   * Fit threads: cross-validation fits this many folds at once on worker threads, off the event
   * loop; 0 fits in-process on the main thread. Default: MLESTAR_FIT_THREADS, else cores − 1 on 4+ cores, else 0.
   */
  fitThreads?: number;
}

/** The run's fit-pool size: the deps' setting, else MLESTAR_FIT_THREADS, else defaultFitThreads(). */
export function fitThreadsOf(deps: Pick<RunExecutorDeps, 'fitThreads'>): number {
  const env = process.env.MLESTAR_FIT_THREADS;
  const fromEnv = env !== undefined && env.trim() !== '' && Number.isInteger(Number(env)) && Number(env) >= 0 ? Number(env) : undefined;
  return Math.max(0, Math.floor(deps.fitThreads ?? fromEnv ?? defaultFitThreads()));
}

export interface ActiveRun {
  readonly progress: ProgressCoalescer;
  readonly done: Promise<RunStatus>;
  /** The refinement's tables so far (null before the refinement published any). */
  refinement(): LiveRefinement | null;
}

const nowIso = (): string => new Date().toISOString();
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Starts executing a run that already exists and returns a handle on it. With `resume`, phases
 * that succeeded before are restored rather than redone, evaluated candidates come back from
 * their trials, and the budget is what the finished phases left.
 */
export function startRun(deps: RunExecutorDeps, runId: string, signal: AbortSignal, options: { resume?: boolean } = {}): ActiveRun {
  const progress = new ProgressCoalescer(runId, deps.store, deps.emit);
  const state = createRunState();
  const done = execute(deps, runId, signal, progress, options.resume ?? false, state).finally(() => progress.close());
  return { progress, done, refinement: () => liveRefinementOf(state) };
}

const liveRefinementOf = (state: RunState): LiveRefinement | null =>
  state.refinement ? { ablations: state.refinement.ablations, rounds: state.refinement.rounds } : null;

async function execute(deps: RunExecutorDeps, runId: string, signal: AbortSignal, progress: ProgressCoalescer, resume: boolean, state: RunState): Promise<RunStatus> {
  const { store } = deps;
  const settings = store.runs.getSettings(runId);
  if (!settings) throw new Error(`Run ${runId} does not exist.`);
  const phases = deps.phases ?? DEFAULT_PHASES;
  const runDir = path.join(deps.dataDir, 'runs', runId);
  fs.mkdirSync(runDir, { recursive: true });
  const started = Date.now();
  const before = resume ? store.phases.list(runId) : [];
  const succeededBefore = new Set(before.filter((p) => p.status === 'succeeded').map((p) => p.name));
  const spentSeconds = before.reduce((sum, p) => (p.status === 'succeeded' && p.startedAt && p.finishedAt ? sum + (Date.parse(p.finishedAt) - Date.parse(p.startedAt)) / 1000 : sum), 0);
  store.runs.update(runId, resume ? { status: 'running', error: null } : { status: 'running', startedAt: nowIso() });
  progress.runChanged();

  const log = (level: LogLine['level'], message: string): void => {
    const line: LogLine = { at: nowIso(), level, message };
    store.events.append(runId, 'log', { level, message }, line.at);
    progress.logAdded(line);
  };
  let current: PhaseName | null = null;
  let metricRecorded = false;
  const budgetSeconds = Math.max(5, settings.budgetSeconds - spentSeconds);
  // One pool per run: its workers start with the first fold fit and end with the run (a cancel
  // terminates the ones fitting; closing ends the rest).
  const threads = fitThreadsOf(deps);
  const fitPool = threads > 0 ? createFitPool(threads) : undefined;
  const ctx = createContext({ deps, runId, settings, signal, state, runDir, progress, log, phaseOf: () => current ?? 'search', budgetSeconds, fitPool });
  if (resume) log('info', `Resuming: ${succeededBefore.size} phase(s) already done, ${budgetSeconds.toFixed(0)} s of budget left.`);

  try {
    for (const phase of phases) {
      current = phase.name;
      if (signal.aborted) throw new CancelledRun();
      if (succeededBefore.has(phase.name) && phase.restore) {
        await phase.restore(ctx);
        const earlier = before.find((p) => p.name === phase.name);
        if (earlier?.startedAt && earlier.finishedAt) state.phaseSeconds[phase.name] = (Date.parse(earlier.finishedAt) - Date.parse(earlier.startedAt)) / 1000;
        continue;
      }
      const phaseStart = Date.now();
      store.phases.update(runId, phase.name, { status: 'running', startedAt: nowIso() });
      progress.phaseChanged(phase.name);
      await phase.run(ctx);
      if (signal.aborted) throw new CancelledRun();
      if (state.data && !metricRecorded) {
        // The runs list shows the task and metric as soon as the first phase has chosen them.
        store.runs.update(runId, { task: state.data.task, metric: state.data.metric.name, greaterIsBetter: state.data.metric.greaterIsBetter });
        metricRecorded = true;
      }
      state.phaseSeconds[phase.name] = (Date.now() - phaseStart) / 1000;
      store.phases.update(runId, phase.name, { status: 'succeeded', finishedAt: nowIso() });
      progress.phaseChanged(phase.name);
    }
    const report = { ...buildReport(runId, settings, state, spentSeconds + (Date.now() - started) / 1000), tasks: taskStats(store.tasks.list(runId)) };
    store.transaction(() => {
      store.runs.update(runId, { status: 'succeeded', finishedAt: nowIso(), report, bestScore: report.best.cvScore });
    });
    fs.writeFileSync(path.join(runDir, 'report.json'), JSON.stringify(report, null, 2));
    log('info', `Run finished in ${report.totalSeconds.toFixed(1)} s.`);
    progress.runChanged();
    return 'succeeded';
  } catch (error) {
    const cancelled = signal.aborted;
    const status: RunStatus = cancelled ? 'cancelled' : 'failed';
    const message = cancelled ? 'Cancelled by the user.' : messageOf(error);
    store.transaction(() => {
      if (current) store.phases.update(runId, current, { status: cancelled ? 'cancelled' : 'failed', finishedAt: nowIso(), error: message });
      for (const name of PHASES.slice(current ? PHASES.indexOf(current) + 1 : 0)) {
        if (phases.some((p) => p.name === name)) store.phases.update(runId, name, { status: 'cancelled' });
      }
      store.runs.update(runId, { status, finishedAt: nowIso(), error: message });
    });
    for (const name of PHASES) progress.phaseChanged(name);
    log(cancelled ? 'warn' : 'error', cancelled ? 'Run cancelled.' : `Run failed: ${message}`);
    return status;
  } finally {
    await fitPool?.close();
  }
}

class CancelledRun extends Error {
  constructor() {
    super('Cancelled by the user.');
    this.name = 'CancelledRun';
  }
}

interface ContextParts {
  deps: RunExecutorDeps;
  runId: string;
  settings: RunSettings;
  signal: AbortSignal;
  state: RunState;
  runDir: string;
  progress: ProgressCoalescer;
  log: (level: LogLine['level'], message: string) => void;
  phaseOf: () => PhaseName;
  budgetSeconds: number;
  fitPool?: FitPool;
}

function createContext({ deps, runId, settings, signal, state, runDir, progress, log, phaseOf, budgetSeconds, fitPool }: ContextParts): PhaseContext {
  const { store } = deps;
  const earlierTrials = store.trials.list(runId);
  let frameCache: Promise<{ frame: Frame; fileName: string; transforms: ColumnTransform[] }> | null = null;
  const prepare = async (): Promise<{ frame: Frame; fileName: string; transforms: ColumnTransform[] }> => {
    const { frame, fileName } = await deps.loadFrame(settings.datasetId);
    const prepared = applyColumnChoices(frame, settings.columns, settings.target);
    for (const note of prepared.notes) log('info', note);
    return { frame: prepared.frame, fileName, transforms: prepared.transforms };
  };
  return {
    runId,
    settings,
    signal,
    rng: createRng(settings.seed),
    budget: createBudget(budgetSeconds),
    state,
    fitPool,
    runDir,
    relativeToDataDir: (p) => path.relative(deps.dataDir, p),
    loadFrame: () => (frameCache ??= prepare()),
    async task<T>(name: string, work: (task: TaskHandle) => Promise<T>, options?: { retries?: number }): Promise<T> {
      const id = store.tasks.create(runId, phaseOf(), name);
      progress.taskChanged(id);
      const attempts = 1 + (options?.retries ?? 0);
      for (let attempt = 1; ; attempt++) {
        if (signal.aborted) {
          store.tasks.update(id, { status: 'cancelled', finishedAt: nowIso() });
          progress.taskChanged(id);
          throw new CancelledRun();
        }
        let summary: string | null = null;
        store.tasks.update(id, { status: 'running', attempt, startedAt: nowIso() });
        progress.taskChanged(id);
        try {
          const result = await work({ id, signal, summarize: (text) => (summary = text) });
          store.tasks.update(id, { status: 'succeeded', finishedAt: nowIso(), summary });
          progress.taskChanged(id);
          return result;
        } catch (error) {
          const final = signal.aborted || attempt >= attempts;
          store.tasks.update(id, { status: signal.aborted ? 'cancelled' : final ? 'failed' : 'running', finishedAt: final ? nowIso() : undefined, error: messageOf(error) });
          progress.taskChanged(id);
          if (signal.aborted) throw new CancelledRun();
          if (final) throw error;
          log('warn', `Task "${name}" failed (attempt ${attempt} of ${attempts}), retrying: ${messageOf(error)}`);
        }
      }
    },
    earlierTrials: () => earlierTrials,
    trial(trial) {
      const record = { ...trial, runId, phase: phaseOf(), createdAt: nowIso() };
      const id = store.trials.insert(record);
      progress.trialAdded(trialInfoOf({ ...record, id }));
    },
    refinementChanged() {
      const live = liveRefinementOf(state);
      if (live) progress.refinementChanged(live);
    },
    metric(name, step, value) {
      const point = { name, step, value, at: nowIso() };
      store.metrics.insert(runId, point);
      progress.metricAdded(point);
    },
    log,
    artifact(kind, absolutePath, meta = {}) {
      const stat = fs.statSync(absolutePath);
      const checksum = stat.isFile() ? sha256File(absolutePath) : '';
      store.artifacts.insert({ runId, kind, path: path.relative(deps.dataDir, absolutePath), checksum, bytes: stat.isFile() ? stat.size : 0, meta, createdAt: nowIso() });
    },
    bestScore(score) {
      store.runs.update(runId, { bestScore: score });
      progress.runChanged();
    },
  };
}

function buildReport(runId: string, settings: RunSettings, state: RunState, totalSeconds: number): RunReport {
  const { data, solution, validation } = state;
  if (!data || !solution || !validation) throw new Error('The run ended without a validated solution.');
  const phaseSeconds = Object.fromEntries(PHASES.map((p) => [p, state.phaseSeconds[p] ?? 0])) as Record<PhaseName, number>;
  return {
    runId,
    dataset: data.fileName,
    target: settings.target,
    task: data.task,
    metric: data.metric.name,
    greaterIsBetter: data.metric.greaterIsBetter,
    rows: { train: data.train.length, holdout: data.holdout.length },
    findings: state.findings ?? '',
    ...(state.ensembleReport ? { ensemble: state.ensembleReport } : {}),
    leaderboard: leaderboardEntries(state),
    best: {
      model: solutionLabel(solution.kind, solution.members, solution.stack),
      ensemble: solution.kind,
      members: solution.members.length,
      cvScore: state.leaderboard[0]?.cvScore ?? solution.cvScore,
      holdoutScore: validation.holdoutScore,
      holdoutCi95: validation.holdoutCi95,
    },
    onnxParityMaxAbsDiff: validation.parityMaxDiff,
    throughputRowsPerSecond: validation.throughputRowsPerSecond,
    latencyMs: validation.latencyMs,
    profiles: validation.profiles,
    checks: validation.checks,
    phaseSeconds,
    totalSeconds,
    ...(state.refinement ? { ablations: state.refinement.ablations, refinement: state.refinement.rounds, refinementBlocks: state.refinement.blocks } : {}),
    targets: targetsTable({ goals: settings.goals, metric: data.metric.name, greaterIsBetter: data.metric.greaterIsBetter, profiles: validation.profiles, budgetSeconds: settings.budgetSeconds, totalSeconds }),
    ...(validation.insights ? { holdoutCharts: validation.insights.charts, featureImportance: validation.insights.importance, members: validation.insights.members } : {}),
  };
}
