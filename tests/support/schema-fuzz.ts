/**
 * Hostile payloads for the request fuzz tests, derived from the contract's zod schemas so that a
 * channel added to REQUEST_CHANNELS is fuzzed without anyone editing a list: its field names, a
 * minimal valid payload to mutate one field at a time (when one can be built from the schema),
 * and a walk that finds any object schema that would let unknown fields through.
 *
 * Reads zod 4's schema definitions (`_zod.def`); a kind it does not know is treated as opaque.
 */
import type { z } from 'zod';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Values no request field should take as given: wrong types, extremes, paths, tricks. */
export function hostileValues(options: { json: boolean }): { name: string; value: unknown }[] {
  const deep = (levels: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown => {
    let v = leaf;
    for (let i = 0; i < levels; i++) v = wrap(v);
    return v;
  };
  const values: { name: string; value: unknown }[] = [
    { name: 'null', value: null },
    { name: 'zero', value: 0 },
    { name: 'negative', value: -1 },
    { name: '2^53+2', value: 2 ** 53 + 2 },
    { name: '1e308', value: 1e308 },
    { name: 'fraction', value: 0.5 },
    { name: 'true', value: true },
    { name: 'empty string', value: '' },
    { name: 'text', value: 'text' },
    { name: 'huge string (5 MB)', value: 'x'.repeat(5_000_000) },
    { name: 'path traversal', value: '../../etc/passwd' },
    { name: 'windows traversal', value: '..\\..\\windows\\system32\\config\\sam' },
    { name: 'absolute path', value: '/etc/passwd' },
    { name: 'file URL', value: 'file:///etc/passwd' },
    { name: 'encoded traversal', value: '%2e%2e%2f%2e%2e%2fetc%2fpasswd' },
    { name: 'NUL byte', value: 'a\u0000b' },
    { name: 'markup', value: '<img src=x onerror=alert(1)>' },
    { name: 'SQL', value: "x'; DROP TABLE runs; --" },
    { name: 'lone surrogate', value: '\ud800' },
    { name: 'empty array', value: [] },
    { name: 'array of numbers', value: [1, 2, 3] },
    { name: 'array of 1,000,000', value: new Array(1_000_000).fill(0) },
    { name: 'object', value: { a: 1 } },
    { name: '__proto__ key', value: JSON.parse('{"__proto__": {"polluted": true}}') },
    { name: 'constructor key', value: { constructor: { prototype: { polluted: true } } } },
    { name: 'object of 100,000 keys', value: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])) },
    { name: 'nested 5,000 deep (objects)', value: deep(5_000, 'x', (inner) => ({ a: inner })) },
    { name: 'nested 5,000 deep (arrays)', value: deep(5_000, 'x', (inner) => [inner]) },
  ];
  // What JSON cannot carry but Electron's structured clone can.
  if (!options.json) {
    values.push(
      { name: 'NaN', value: Number.NaN },
      { name: 'Infinity', value: Number.POSITIVE_INFINITY },
      { name: '-Infinity', value: Number.NEGATIVE_INFINITY },
      { name: '-0', value: -0 },
      { name: 'BigInt', value: 10n ** 30n },
      { name: 'Date', value: new Date(0) },
      { name: 'Map', value: new Map([['id', 'x']]) },
      { name: 'Uint8Array', value: new Uint8Array(16) },
      { name: 'null-prototype object', value: Object.create(null) as object },
      { name: 'undefined', value: undefined },
    );
  }
  return values;
}

/** Top-level field names of a request schema (none when it is not an object schema). */
export function fieldsOf(schema: z.ZodType): string[] {
  const def = defOf(schema);
  return def.type === 'object' ? Object.keys(def.shape as object) : [];
}

/** Paths of object schemas inside `schema` that accept unknown keys (every one should be strict). */
export function lenientObjects(schema: z.ZodType, at = '$'): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall ? defOf(def.catchall).type : 'strip';
      const own = catchall === 'never' ? [] : [at];
      return [...own, ...Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => lenientObjects(v, `${at}.${k}`))];
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return lenientObjects(def.innerType as z.ZodType, at);
    case 'array':
      return lenientObjects(def.element as z.ZodType, `${at}[]`);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o, i) => lenientObjects(o, `${at}|${i}`));
    default:
      return [];
  }
}

const STRING_CANDIDATES = ['fuzz-no-such-id', 'x', 'high-performance', '/tmp/fuzz-not-chosen.csv'];
const NUMBER_CANDIDATES = [5, 1, 0, 3, 10, 100, 0.5, -1];
/** Values tried first for a field of this name (when its schema accepts them): a file that imports. */
const FIELD_HINTS: Record<string, unknown[]> = { fileName: ['a.csv'], text: ['a\n1\n'] };

/**
 * A minimal payload the schema accepts (required fields only, plausible values; unknown ids), or
 * undefined when none could be built (an unknown kind). When a refinement on an object wants more
 * than its required fields (`datasets:upload`: exactly one of text and base64), its optional
 * fields are added one at a time until the payload passes.
 */
export function minimalValid(schema: z.ZodType): unknown {
  const value = sample(schema);
  return value !== undefined && schema.safeParse(value).success ? value : undefined;
}

function sample(schema: z.ZodType): unknown {
  const def = defOf(schema);
  const first = (candidates: unknown[]): unknown => candidates.find((c) => schema.safeParse(c).success);
  switch (def.type) {
    case 'string':
      return first(STRING_CANDIDATES);
    case 'number':
      return first(NUMBER_CANDIDATES);
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries as object)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'nullable':
      return sample(def.innerType as z.ZodType);
    case 'array': {
      const element = sample(def.element as z.ZodType);
      return first([[], [element]]);
    }
    case 'union':
      return (def.options as z.ZodType[]).map(sample).find((v) => v !== undefined);
    case 'object': {
      const out: Record<string, unknown> = {};
      const optional: [string, z.ZodType][] = [];
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const fieldDef = defOf(field);
        if (fieldDef.type === 'optional' || fieldDef.type === 'default') {
          optional.push([key, fieldDef.innerType as z.ZodType]);
          continue;
        }
        const v = sampleField(key, field);
        if (v === undefined) return undefined;
        out[key] = v;
      }
      if (schema.safeParse(out).success) return out;
      for (const [key, field] of optional) {
        const v = sampleField(key, field);
        if (v !== undefined && schema.safeParse({ ...out, [key]: v }).success) return { ...out, [key]: v };
      }
      return out;
    }
    default:
      return undefined;
  }
}

function sampleField(key: string, field: z.ZodType): unknown {
  const hinted = FIELD_HINTS[key]?.find((h) => field.safeParse(h).success);
  return hinted ?? sample(field);
}
