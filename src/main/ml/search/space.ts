/**
 * Search spaces in Optuna's shape: each named parameter is a float (linear or log scale), an int
 * (linear or log scale) or a categorical choice. No conditional parameters: a block whose
 * parameters depend on another choice gets one space per choice from its caller.
 */
import type { Rng } from '../rng';

/** A value a parameter can take. */
export type ParamValue = number | string | boolean;

/** One parameter's domain. Bounds are inclusive. */
export type ParamSpec =
  | { readonly kind: 'float'; readonly low: number; readonly high: number; readonly log?: boolean }
  | { readonly kind: 'int'; readonly low: number; readonly high: number; readonly log?: boolean }
  | { readonly kind: 'categorical'; readonly choices: readonly ParamValue[] };

/** Parameter name → domain. Iteration order (insertion order) is the sampling order. */
export type SearchSpace = Readonly<Record<string, ParamSpec>>;

/** One point of a space. */
export type Params = Readonly<Record<string, ParamValue>>;

/** A float in [low, high], sampled uniformly on a log scale when `log` is set. */
export const floatParam = (low: number, high: number, options: { log?: boolean } = {}): ParamSpec => ({ kind: 'float', low, high, log: options.log ?? false });
/** An integer in [low, high], sampled uniformly on a log scale when `log` is set. */
export const intParam = (low: number, high: number, options: { log?: boolean } = {}): ParamSpec => ({ kind: 'int', low, high, log: options.log ?? false });
/** One of `choices`. */
export const categoricalParam = (choices: readonly ParamValue[]): ParamSpec => ({ kind: 'categorical', choices: [...choices] });

/** Throws a RangeError naming the parameter when a spec is malformed. */
export function validateSpace(space: SearchSpace): void {
  for (const [name, spec] of Object.entries(space)) {
    if (spec.kind === 'categorical') {
      if (spec.choices.length === 0) throw new RangeError(`Parameter "${name}" has no choices.`);
      continue;
    }
    if (!(Number.isFinite(spec.low) && Number.isFinite(spec.high) && spec.low <= spec.high)) {
      throw new RangeError(`Parameter "${name}" needs finite bounds with low <= high, got [${spec.low}, ${spec.high}].`);
    }
    if (spec.kind === 'int' && !(Number.isInteger(spec.low) && Number.isInteger(spec.high))) {
      throw new RangeError(`Integer parameter "${name}" needs integer bounds, got [${spec.low}, ${spec.high}].`);
    }
    if (spec.log && spec.low <= 0) throw new RangeError(`Log-scale parameter "${name}" needs low > 0, got ${spec.low}.`);
  }
}

/** True when `value` lies in the parameter's domain. */
export function inDomain(spec: ParamSpec, value: ParamValue | undefined): boolean {
  if (value === undefined) return false;
  if (spec.kind === 'categorical') return spec.choices.includes(value);
  if (typeof value !== 'number' || !(value >= spec.low && value <= spec.high)) return false;
  return spec.kind === 'float' || Number.isInteger(value);
}

/** True when `params` holds exactly one in-domain value per parameter of the space. */
export function contains(space: SearchSpace, params: Params): boolean {
  const names = Object.keys(space);
  if (Object.keys(params).length !== names.length) return false;
  return names.every((name) => inDomain(space[name], params[name]));
}

/**
 * Numeric parameters live on an internal axis where sampling is uniform: log(value) for log
 * scale, the value itself otherwise. Integers widen by half a step each side so every integer
 * gets an equal share of the axis before rounding.
 */
export function internalBounds(spec: Exclude<ParamSpec, { kind: 'categorical' }>): { low: number; high: number } {
  const pad = spec.kind === 'int' ? 0.5 : 0;
  const low = spec.low - pad;
  const high = spec.high + pad;
  if (!spec.log) return { low, high };
  return { low: Math.log(Math.max(low, spec.low / 2, Number.MIN_VALUE)), high: Math.log(high) };
}

/** A value on the internal axis (see {@link internalBounds}). */
export function toInternal(spec: Exclude<ParamSpec, { kind: 'categorical' }>, value: number): number {
  return spec.log ? Math.log(value) : value;
}

/** Back from the internal axis: exponentiated, rounded for ints, clamped into the bounds. */
export function fromInternal(spec: Exclude<ParamSpec, { kind: 'categorical' }>, x: number): number {
  let v = spec.log ? Math.exp(x) : x;
  if (spec.kind === 'int') v = Math.round(v);
  return Math.min(spec.high, Math.max(spec.low, v));
}

/** One value drawn uniformly from the parameter's domain (on its own scale). */
export function sampleUniform(spec: ParamSpec, rng: Rng): ParamValue {
  if (spec.kind === 'categorical') return spec.choices[rng.int(spec.choices.length)];
  const { low, high } = internalBounds(spec);
  return fromInternal(spec, low + rng.next() * (high - low));
}
