/**
 * The shared-memory protocol between a fit's thread and its histogram helpers (hist-threads.ts,
 * hist-worker.ts): one Int32 control block per helper in a SharedArrayBuffer.
 */

/** Int32 slots per helper's control block. */
export const CTRL_SLOTS = 16;

/** Slot indexes in a control block. */
export const CTRL = {
  /** Job sequence number: the fit thread bumps it (and notifies) to start a job. */
  seq: 0,
  /** Set to the job's seq by the helper when it has finished (then notified). */
  done: 1,
  command: 2,
  begin: 3,
  end: 4,
  /** The job's slice of the shared feature list: features[from..to). */
  from: 5,
  to: 6,
  /** Which gradient/hessian pair (the output k of a multiclass booster). */
  grad: 7,
  /** Set to 1 by a helper whose build threw. */
  error: 8,
} as const;

export const Command = { build: 1, stop: 2 } as const;

/** workerData of a helper: every array is a view of a SharedArrayBuffer. */
export interface HelperInit {
  slot: number;
  ctrl: SharedArrayBuffer;
  offsets: Int32Array;
  binCounts: Int32Array;
  totalBins: number;
  channels: number;
  rowMajor: { features: number; global: SharedArrayBuffer } | null;
  /** Column bins (used when rowMajor is null). */
  bins: SharedArrayBuffer[];
  grads: SharedArrayBuffer[];
  hesses: SharedArrayBuffer[];
  rows: SharedArrayBuffer;
  /** Int32 feature list of the current tree. */
  features: SharedArrayBuffer;
  /** Float64 output histogram: each helper writes only its features' cells. */
  out: SharedArrayBuffer;
}
