/**
 * Coalesces a run's changes into numbered progress events, about ten a second. Every change is
 * already persisted when it is reported here; an event only says what changed since the last one,
 * and its `seq` comes from the run's event log so a snapshot (`runs:get`, which flushes first)
 * plus the events after its `lastSeq` always add up to the current state.
 */
import type { LiveRefinement, LogLine, MetricPoint, PhaseName, RunProgressEvent, TrialInfo } from '../../shared/domain';
import type { Store } from '../ports/repositories';

export const PROGRESS_INTERVAL_MS = 100;

export class ProgressCoalescer {
  private readonly phases = new Set<PhaseName>();
  private readonly tasks = new Set<number>();
  private metrics: MetricPoint[] = [];
  private logs: LogLine[] = [];
  private trials: TrialInfo[] = [];
  private refinement: LiveRefinement | null = null;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;

  constructor(
    private readonly runId: string,
    private readonly store: Store,
    private readonly emit: (event: RunProgressEvent) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  phaseChanged(name: PhaseName): void {
    this.phases.add(name);
    this.touch();
  }
  taskChanged(id: number): void {
    this.tasks.add(id);
    this.touch();
  }
  metricAdded(point: MetricPoint): void {
    this.metrics.push(point);
    this.touch();
  }
  logAdded(line: LogLine): void {
    this.logs.push(line);
    this.touch();
  }
  runChanged(): void {
    this.touch();
  }
  trialAdded(trial: TrialInfo): void {
    this.trials.push(trial);
    this.touch();
  }
  /** The refinement's whole tables (they are small); only the latest is sent. */
  refinementChanged(refinement: LiveRefinement): void {
    this.refinement = refinement;
    this.touch();
  }

  /** Emits pending changes now (if any). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return;
    const run = this.store.runs.get(this.runId);
    if (!run) return;
    const phaseNames = this.phases;
    const body: Omit<RunProgressEvent, 'seq'> = {
      runId: this.runId,
      status: run.status,
      bestScore: run.bestScore,
      error: run.error,
      phases: this.store.phases.list(this.runId).filter((p) => phaseNames.has(p.name)),
      tasks: [...this.tasks].map((id) => this.store.tasks.get(id)).filter((t) => t !== null),
      metrics: this.metrics,
      logs: this.logs,
      ...(this.trials.length ? { trials: this.trials } : {}),
      ...(this.refinement ? { refinement: this.refinement } : {}),
    };
    const seq = this.store.events.append(this.runId, 'progress', { phases: body.phases.length, tasks: body.tasks.length, metrics: body.metrics.length }, new Date().toISOString());
    this.phases.clear();
    this.tasks.clear();
    this.metrics = [];
    this.logs = [];
    this.trials = [];
    this.refinement = null;
    this.dirty = false;
    this.lastFlush = Date.now();
    this.emit({ ...body, seq });
  }

  close(): void {
    this.flush();
  }

  private touch(): void {
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.intervalMs - (Date.now() - this.lastFlush));
    this.timer = setTimeout(() => this.flush(), wait);
  }
}
