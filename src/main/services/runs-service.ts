/**
 * Starts, watches and cancels runs. Owns each active run's lifetime (its AbortController and
 * progress stream); a request for a run's snapshot flushes pending progress first, so the
 * snapshot and the events after its `lastSeq` never overlap or leave a gap.
 */
import crypto from 'node:crypto';
import { PHASES, type LiveRefinement, type RunDetail, type RunPage, type RunProgressEvent, type RunQuery, type RunSettings, type RunStatus, type RunSummary, type TrialInfo } from '../../shared/domain';
import type { Store } from '../ports/repositories';
import { startRun, type ActiveRun } from '../workflow/run-executor';
import { trialInfoOf } from '../workflow/trial-record';
import { metricMismatch } from '../workflow/run-options';
import type { Phase } from '../workflow/phase';
import { AppFailure, badInput, notFound } from '../app/errors';
import type { DatasetsService } from './datasets-service';

interface Tracked {
  controller: AbortController;
  active: ActiveRun;
}

export class RunsService {
  private readonly active = new Map<string, Tracked>();
  private readonly listeners = new Set<(event: RunProgressEvent) => void>();

  constructor(
    private readonly store: Store,
    private readonly datasets: DatasetsService,
    private readonly dataDir: string,
    private readonly phases?: readonly Phase[],
  ) {}

  /** Subscribes to every run's progress events; returns the unsubscribe function. */
  onProgress(listener: (event: RunProgressEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Newest first: every run (the CLI), or the newest `limit` (the window, through `runs:list`). */
  list(limit?: number): RunSummary[] {
    return this.store.runs.list(limit);
  }

  /** A page of the runs table (Home); unset fields take their defaults. */
  query(query: Partial<RunQuery>): RunPage {
    return this.store.runs.query(query);
  }

  get(id: string): RunDetail {
    this.active.get(id)?.active.progress.flush();
    const summary = this.store.runs.get(id);
    const settings = this.store.runs.getSettings(id);
    if (!summary || !settings) throw notFound('Run', id);
    return {
      ...summary,
      settings,
      phases: this.store.phases.list(id),
      tasks: this.store.tasks.list(id),
      metrics: this.store.metrics.list(id),
      logs: this.store.events.logs(id),
      report: this.store.runs.getReport(id),
      lastSeq: this.store.events.lastSeq(id),
      ...this.liveRefinementOf(id),
    };
  }

  /** The run's finished trials, oldest first (the Live view's scatter and the Trials explorer). */
  trials(id: string): TrialInfo[] {
    if (!this.store.runs.get(id)) throw notFound('Run', id);
    return this.store.trials.list(id).map(trialInfoOf);
  }

  /** The refinement's tables while the run is active (the report has the final ones). */
  private liveRefinementOf(id: string): { refinement?: LiveRefinement } {
    const refinement = this.active.get(id)?.active.refinement();
    return refinement ? { refinement } : {};
  }

  /** Validates the settings against the dataset, creates the run and starts it in the background. */
  start(settings: RunSettings): { runId: string } {
    const dataset = this.datasets.get(settings.datasetId);
    const column = dataset.profile.find((c) => c.name === settings.target);
    if (!column) {
      const names = dataset.profile.map((c) => `"${c.name}"`);
      throw badInput(`The target column "${settings.target}" is not in ${dataset.name}. Its columns are ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}.`);
    }
    if (column.distinct < 2) {
      const only = column.top[0]?.value ?? (column.min !== null ? String(column.min) : 'missing');
      throw badInput(`The target column "${settings.target}" of ${dataset.name} has a single value (${only}): there is nothing to predict. Choose another target.`);
    }
    if (settings.task === 'regression' && column.type !== 'numeric' && column.type !== 'integer') {
      throw badInput(`The target column "${settings.target}" is not numeric, so it cannot be a regression target. Choose binary or multiclass, or leave the task on auto.`);
    }
    const mismatch = settings.task === undefined && settings.metric !== undefined ? metricMismatch(column, settings.metric) : null;
    if (mismatch) throw badInput(mismatch);
    const runId = crypto.randomUUID();
    // The column choices in force now travel with the run, so later edits do not change it.
    const snapshot: RunSettings = { ...settings, columns: dataset.profile.map((c) => ({ name: c.name, type: c.type, excluded: c.excluded })) };
    this.store.transaction(() => {
      this.store.runs.create({ id: runId, settings: snapshot, createdAt: new Date().toISOString() });
      this.store.phases.createAll(runId, PHASES);
    });
    this.launch(runId, false);
    return { runId };
  }

  /** Continues an interrupted or cancelled run from its last finished task. */
  resume(id: string): { runId: string } {
    const run = this.store.runs.get(id);
    if (!run) throw notFound('Run', id);
    if (this.active.has(id)) throw new AppFailure('CONFLICT', `Run ${id} is already running.`);
    if (run.status !== 'interrupted' && run.status !== 'cancelled') {
      throw new AppFailure('CONFLICT', `Run ${id} is ${run.status}; only an interrupted or cancelled run can be resumed.`);
    }
    this.datasets.get(run.datasetId);
    this.launch(id, true);
    return { runId: id };
  }

  private launch(runId: string, resume: boolean): void {
    const controller = new AbortController();
    const active = startRun(
      {
        store: this.store,
        dataDir: this.dataDir,
        loadFrame: (datasetId) => this.datasets.loadFrame(datasetId),
        emit: (event) => this.listeners.forEach((l) => l(event)),
        phases: this.phases,
      },
      runId,
      controller.signal,
      { resume },
    );
    this.active.set(runId, { controller, active });
    void active.done.finally(() => this.active.delete(runId));
  }

  cancel(id: string): { cancelled: boolean } {
    if (!this.store.runs.get(id)) throw notFound('Run', id);
    const tracked = this.active.get(id);
    if (!tracked) return { cancelled: false };
    tracked.controller.abort();
    return { cancelled: true };
  }

  /** Resolves with the run's final status once it stops (at once if it is not active). */
  async waitFor(id: string): Promise<RunStatus> {
    const tracked = this.active.get(id);
    if (tracked) return tracked.active.done;
    const run = this.store.runs.get(id);
    if (!run) throw notFound('Run', id);
    return run.status;
  }

  /** Cancels every active run and waits for them to stop. */
  async close(): Promise<void> {
    const running = [...this.active.values()];
    running.forEach((t) => t.controller.abort());
    await Promise.allSettled(running.map((t) => t.active.done));
  }
}
