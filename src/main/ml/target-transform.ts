/**
 * Target transforms for regression: fit on log(1 + y) or √y, predict through the inverse. A
 * skewed, non-negative target (prices, counts, durations) makes squared-error learners chase its
 * largest values; on the transformed scale the errors are closer to even, and a model fitted
 * there is a different, often complementary, member for an ensemble. The inverse is written as
 * the exported graph computes it (Max(Exp − 1, 0); Max(v, 0)²: never below the smallest possible
 * target), so app and graph agree to rounding.
 */
import type { FittedPipeline } from './models/pipeline';

export const TARGET_TRANSFORMS = ['log1p', 'sqrt'] as const;
export type TargetTransform = (typeof TARGET_TRANSFORMS)[number];

/** Can `kind` be applied to these targets (every one finite and ≥ 0)? */
export function canTransformTarget(y: ArrayLike<number>): boolean {
  for (let i = 0; i < y.length; i++) if (!(y[i] >= 0) || !Number.isFinite(y[i])) return false;
  return y.length > 0;
}

/** y on the model's scale. Throws when a target is negative or not finite (the caller checks first). */
export function forwardTarget(kind: TargetTransform, y: Float64Array): Float64Array {
  if (!canTransformTarget(y)) throw new RangeError(`A ${kind} target transform needs every target to be a number ≥ 0.`);
  return kind === 'log1p' ? y.map((v) => Math.log1p(v)) : y.map((v) => Math.sqrt(v));
}

/** One prediction back on the target's scale. */
export function inverseTarget(kind: TargetTransform, v: number): number {
  if (kind === 'log1p') return Math.max(Math.exp(v) - 1, 0);
  const m = Math.max(v, 0);
  return m * m;
}

/** A pipeline fitted on a transformed target (ml/models/target-transformed.ts). */
export interface TargetTransformedLike extends FittedPipeline {
  readonly inner: FittedPipeline;
  readonly targetTransform: TargetTransform;
}

export function isTargetTransformed(model: FittedPipeline): model is TargetTransformedLike {
  return 'targetTransform' in model && 'inner' in model;
}

/** The JSON document of a target-transformed pipeline around its inner pipeline's document. */
export function targetTransformedJSON(kind: TargetTransform, inner: ReturnType<FittedPipeline['toJSON']>) {
  return { format: 'mlestar.pipeline' as const, version: 1 as const, family: inner.family, targetTransform: kind, inner };
}
