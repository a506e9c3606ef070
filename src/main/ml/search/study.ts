/**
 * A study asks a sampler for points, hands them out as running trials, takes reports and results
 * back, and consults a pruner (Optuna's ask/tell interface). It keeps its trials in memory only:
 * every new snapshot goes to the `sink`, through which the workflow persists trials in its own
 * repositories (DESIGN.md §3: ml/ never touches storage).
 */
import type { Direction } from './direction';
import { isBetterValue } from './direction';
import { NOP_PRUNER, type Pruner } from './pruner';
import type { Sampler } from './sampler';
import { contains, type Params, type SearchSpace, validateSpace } from './space';
import { completeTrial, failTrial, type FrozenTrial, pruneTrial, startTrial, withIntermediate } from './trial';

/** Why the sink is called. */
export type TrialEvent = 'ask' | 'report' | 'tell';

/** Receives every new snapshot of every trial, synchronously, in order. */
export type TrialSink = (trial: FrozenTrial, event: TrialEvent) => void;

export interface StudyOptions {
  space: SearchSpace;
  direction: Direction;
  sampler: Sampler;
  pruner?: Pruner;
  sink?: TrialSink;
  /** Milliseconds; defaults to Date.now. Inject a fake clock for reproducible timestamps. */
  now?: () => number;
  /** Earlier trials (for a resumed study); they are not sent to the sink again. */
  history?: readonly FrozenTrial[];
}

/** How a trial ended, for {@link Study.tell}. */
export type TrialOutcome = { state: 'complete'; value: number } | { state: 'pruned'; note?: string } | { state: 'failed'; note: string };

/** What an objective gets: its parameters, and a way to report progress and check for pruning. */
export interface TrialHandle {
  readonly number: number;
  readonly params: Params;
  /** Records an intermediate value; returns true when the trial should stop (pruned). */
  report(step: number, value: number): boolean;
}

/** Thrown (or returned as an outcome) by an objective that stops because it was pruned. */
export class TrialPruned extends Error {
  constructor(message = 'Trial pruned.') {
    super(message);
    this.name = 'TrialPruned';
  }
}

export class Study {
  readonly space: SearchSpace;
  readonly direction: Direction;
  private readonly sampler: Sampler;
  private readonly pruner: Pruner;
  private readonly sink: TrialSink;
  private readonly now: () => number;
  private readonly list: FrozenTrial[];
  private readonly queue: Params[] = [];

  constructor(options: StudyOptions) {
    validateSpace(options.space);
    this.space = options.space;
    this.direction = options.direction;
    this.sampler = options.sampler;
    this.pruner = options.pruner ?? NOP_PRUNER;
    this.sink = options.sink ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.list = [...(options.history ?? [])];
    this.list.forEach((t, i) => {
      if (t.number !== i) throw new RangeError(`History must hold trials 0..n-1 in order; position ${i} holds trial ${t.number}.`);
    });
  }

  /** Every trial, in creation order. */
  get trials(): readonly FrozenTrial[] {
    return [...this.list];
  }

  /** The completed trial with the best value (earliest on ties), or null. */
  get bestTrial(): FrozenTrial | null {
    let best: FrozenTrial | null = null;
    for (const t of this.list) {
      if (t.state !== 'complete' || t.value === null) continue;
      if (best === null || isBetterValue(this.direction, t.value, best.value as number)) best = t;
    }
    return best;
  }

  /** Queues a point (e.g. the incumbent configuration) to be handed out by the next ask, before any sampled one. */
  enqueue(params: Params): void {
    if (!contains(this.space, params)) throw new RangeError(`Enqueued parameters ${JSON.stringify(params)} are not a point of the study's space.`);
    this.queue.push({ ...params });
  }

  /** Starts a new trial at an enqueued point or the sampler's proposal. */
  ask(): FrozenTrial {
    const params = this.queue.shift() ?? this.sampler.sample(this.space, this.trials, this.direction);
    const trial = startTrial(this.list.length, params, this.now());
    this.list.push(trial);
    this.sink(trial, 'ask');
    return trial;
  }

  /** Records an intermediate value of a running trial and returns the new snapshot. */
  report(number: number, step: number, value: number): FrozenTrial {
    const next = withIntermediate(this.get(number), step, value);
    this.list[number] = next;
    this.sink(next, 'report');
    return next;
  }

  /** Asks the pruner about a running trial's latest report. */
  shouldPrune(number: number): boolean {
    const trial = this.get(number);
    return trial.state === 'running' && this.pruner.shouldPrune(trial, this.list, this.direction);
  }

  /** Ends a running trial. A completed value of NaN counts as a failure. */
  tell(number: number, outcome: TrialOutcome): FrozenTrial {
    const trial = this.get(number);
    const now = this.now();
    let next: FrozenTrial;
    if (outcome.state === 'complete') next = Number.isNaN(outcome.value) ? failTrial(trial, now, 'The objective returned NaN.') : completeTrial(trial, outcome.value, now);
    else if (outcome.state === 'pruned') next = pruneTrial(trial, now, outcome.note ?? `Pruned by the ${this.pruner.name} pruner.`);
    else next = failTrial(trial, now, outcome.note);
    this.list[number] = next;
    this.sink(next, 'tell');
    return next;
  }

  /**
   * Runs `objective` for `trials` trials one after another (stopping early when `signal` aborts).
   * The objective returns the value, or throws {@link TrialPruned} after `report` said so; any
   * other throw marks the trial failed and the study goes on.
   */
  async optimize(objective: (trial: TrialHandle) => number | Promise<number>, options: { trials: number; signal?: AbortSignal }): Promise<FrozenTrial | null> {
    for (let i = 0; i < options.trials && !options.signal?.aborted; i++) {
      const trial = this.ask();
      const handle: TrialHandle = {
        number: trial.number,
        params: trial.params,
        report: (step, value) => {
          this.report(trial.number, step, value);
          return this.shouldPrune(trial.number);
        },
      };
      try {
        this.tell(trial.number, { state: 'complete', value: await objective(handle) });
      } catch (e) {
        if (e instanceof TrialPruned) this.tell(trial.number, { state: 'pruned' });
        else this.tell(trial.number, { state: 'failed', note: e instanceof Error ? e.message : String(e) });
      }
    }
    return this.bestTrial;
  }

  private get(number: number): FrozenTrial {
    const trial = this.list[number];
    if (!trial) throw new RangeError(`No trial number ${number} in this study.`);
    return trial;
  }
}
