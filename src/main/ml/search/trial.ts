/**
 * Trials as immutable snapshots (Optuna's FrozenTrial): every change of state returns a new,
 * frozen object, so a snapshot handed to a sink, a sampler or the UI never changes under it.
 */
import type { Params } from './space';

export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** A value reported while a trial runs (e.g. the validation score after some epochs or trees). */
export interface IntermediateValue {
  readonly step: number;
  readonly value: number;
}

/** One trial at one moment. */
export interface FrozenTrial {
  /** 0-based order of creation within its study. */
  readonly number: number;
  readonly state: TrialState;
  readonly params: Params;
  /** The objective value: set when complete; for a pruned trial, its last intermediate value (or null). */
  readonly value: number | null;
  /** Ascending by step, one value per step. */
  readonly intermediate: readonly IntermediateValue[];
  /** Why a trial failed, or what pruned it. */
  readonly note: string | null;
  /** Milliseconds on the study's clock. */
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

const freeze = (t: FrozenTrial): FrozenTrial => Object.freeze({ ...t, params: Object.freeze({ ...t.params }), intermediate: Object.freeze(t.intermediate.map((v) => Object.freeze({ ...v }))) });

/** A new running trial. */
export function startTrial(number: number, params: Params, now: number): FrozenTrial {
  return freeze({ number, state: 'running', params, value: null, intermediate: [], note: null, startedAt: now, finishedAt: null });
}

function requireRunning(trial: FrozenTrial, action: string): void {
  if (trial.state !== 'running') throw new Error(`Cannot ${action} trial ${trial.number}: it is already ${trial.state}.`);
}

/** The trial with `value` recorded at `step` (replacing an earlier report at the same step). */
export function withIntermediate(trial: FrozenTrial, step: number, value: number): FrozenTrial {
  requireRunning(trial, 'report to');
  if (!Number.isFinite(step)) throw new RangeError(`Step must be a finite number, got ${step}.`);
  const rest = trial.intermediate.filter((v) => v.step !== step);
  const intermediate = [...rest, { step, value }].sort((a, b) => a.step - b.step);
  return freeze({ ...trial, intermediate });
}

/** The trial finished with `value`. */
export function completeTrial(trial: FrozenTrial, value: number, now: number): FrozenTrial {
  requireRunning(trial, 'complete');
  return freeze({ ...trial, state: 'complete', value, finishedAt: now });
}

/** The trial stopped early as hopeless; its value is its last intermediate value. */
export function pruneTrial(trial: FrozenTrial, now: number, note: string | null = null): FrozenTrial {
  requireRunning(trial, 'prune');
  const last = trial.intermediate[trial.intermediate.length - 1];
  return freeze({ ...trial, state: 'pruned', value: last ? last.value : null, note, finishedAt: now });
}

/** The trial failed (the objective threw or returned NaN). */
export function failTrial(trial: FrozenTrial, now: number, note: string): FrozenTrial {
  requireRunning(trial, 'fail');
  return freeze({ ...trial, state: 'failed', value: null, note, finishedAt: now });
}

/** The latest intermediate value at a step ≤ `step`, or undefined. */
export function valueAtOrBefore(trial: FrozenTrial, step: number): number | undefined {
  let out: number | undefined;
  for (const v of trial.intermediate) {
    if (v.step > step) break;
    out = v.value;
  }
  return out;
}

/** The last reported step, or undefined when nothing was reported. */
export const lastStep = (trial: FrozenTrial): number | undefined => trial.intermediate[trial.intermediate.length - 1]?.step;
