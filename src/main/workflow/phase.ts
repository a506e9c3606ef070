/**
 * The one interface every phase implements, and the context the executor hands it. A phase
 * never touches storage directly: it schedules tasks, records trials and metrics, and logs
 * through the context, which persists everything and streams progress.
 */
import type { LogLine, PhaseName, RunSettings } from '../../shared/domain';
import type { ColumnTransform } from '../ml/column-schema';
import type { Frame } from '../ml/frame';
import type { Rng } from '../ml/rng';
import type { TrialRecord } from '../ports/repositories';
import type { Budget } from './budget';
import type { FitPool } from '../workers/fit-pool';
import type { RunState } from './run-state';

export interface TaskHandle {
  readonly id: number;
  readonly signal: AbortSignal;
  /** Sets the one-line summary shown beside the task. */
  summarize(text: string): void;
}

export interface PhaseContext {
  readonly runId: string;
  readonly settings: RunSettings;
  readonly signal: AbortSignal;
  readonly rng: Rng;
  readonly budget: Budget;
  /** Shared across phases: what earlier phases produced. */
  readonly state: RunState;
  /** The run's fit workers (cross-validation fits folds on them); absent: fits run in-process. */
  readonly fitPool?: FitPool;
  /** Folder (absolute) where this run may write its artifacts. */
  readonly runDir: string;
  /** Path relative to the data folder, for artifact records. */
  relativeToDataDir(absolutePath: string): string;
  /**
   * The frame the run learns from: the dataset's frame with the run's column choices applied
   * (excluded columns dropped, overrides and datetime parts applied), and the transforms that
   * prediction must replay on raw rows.
   */
  loadFrame(): Promise<{ frame: Frame; fileName: string; transforms: ColumnTransform[] }>;
  /** Runs `work` as a persisted task (queued → running → succeeded/failed), retrying up to `retries` times. */
  task<T>(name: string, work: (task: TaskHandle) => Promise<T>, options?: { retries?: number }): Promise<T>;
  trial(trial: Omit<TrialRecord, 'id' | 'runId' | 'createdAt' | 'phase'>): void;
  /** Trials recorded before this process started (resumed runs), oldest first. */
  earlierTrials(): TrialRecord[];
  metric(name: string, step: number, value: number): void;
  log(level: LogLine['level'], message: string): void;
  artifact(kind: string, absolutePath: string, meta?: Record<string, unknown>): void;
  /** Records the best score so far on the run. */
  bestScore(score: number): void;
  /** Says the refinement's tables in the run state changed, so the live view gets them (optional: test contexts may leave it out). */
  refinementChanged?(): void;
}

export interface Phase {
  readonly name: PhaseName;
  run(ctx: PhaseContext): Promise<void>;
  /**
   * Resuming a run: rebuilds what this (already succeeded) phase put in the run state, without
   * redoing or re-recording its work. A phase without `restore` runs again when resumed.
   */
  restore?(ctx: PhaseContext): Promise<void>;
}
