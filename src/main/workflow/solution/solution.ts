/**
 * The structured solution: a pipeline of named blocks (see blocks.ts), as a plain, serializable,
 * immutable value, with a diff between two solutions for the refinement log ("round 3 changed
 * encoding: one-hot → target").
 */
import type { TaskKind } from '../../../shared/domain';
import { TASK_KINDS } from '../../../shared/domain';
import type { ParamValue, Params } from '../../ml/search/space';
import { BLOCK_NAMES, BLOCKS, type BlockName, type BlockValue } from './blocks';

export const SOLUTION_VERSION = 1;

export interface Solution {
  readonly version: typeof SOLUTION_VERSION;
  readonly task: TaskKind;
  readonly blocks: Readonly<Record<BlockName, BlockValue>>;
}

/** One block that differs between two solutions. */
export interface BlockChange {
  block: BlockName;
  before: BlockValue;
  after: BlockValue;
}

function freezeValue(v: BlockValue): BlockValue {
  return Object.freeze({ choice: v.choice, params: Object.freeze(sortedParams(v.params)) });
}

function sortedParams(params: Params): Record<string, ParamValue> {
  return Object.fromEntries(Object.keys(params).sort().map((k) => [k, params[k]]));
}

function freezeSolution(task: TaskKind, blocks: Record<BlockName, BlockValue>): Solution {
  const frozen = Object.fromEntries(BLOCK_NAMES.map((n) => [n, freezeValue(blocks[n])])) as Record<BlockName, BlockValue>;
  return Object.freeze({ version: SOLUTION_VERSION, task, blocks: Object.freeze(frozen) });
}

/** A solution for `task`: every block at its plainest value unless given. */
export function createSolution(task: TaskKind, blocks: Partial<Record<BlockName, BlockValue>> = {}): Solution {
  const all = Object.fromEntries(BLOCK_NAMES.map((n) => [n, blocks[n] ?? BLOCKS[n].plainest])) as Record<BlockName, BlockValue>;
  return freezeSolution(task, all);
}

/**
 * The solution with one block set. Changing the model family resets the hyperparameters to the
 * new family's defaults, since hyperparameters only mean something for the family they belong to.
 */
export function withBlock(solution: Solution, block: BlockName, value: BlockValue): Solution {
  const blocks = { ...solution.blocks, [block]: value };
  if (block === 'modelFamily' && value.choice !== solution.blocks.modelFamily.choice) blocks.hyperparameters = BLOCKS.hyperparameters.plainest;
  return freezeSolution(solution.task, blocks);
}

/** True when two block values are the same setting. */
export function sameValue(a: BlockValue, b: BlockValue): boolean {
  return a.choice === b.choice && JSON.stringify(sortedParams(a.params)) === JSON.stringify(sortedParams(b.params));
}

/** The blocks that differ from `a` to `b`, in pipeline order. */
export function diffSolutions(a: Solution, b: Solution): BlockChange[] {
  return BLOCK_NAMES.filter((n) => !sameValue(a.blocks[n], b.blocks[n])).map((n) => ({ block: n, before: a.blocks[n], after: b.blocks[n] }));
}

/** "target (smoothing 10)" — a block value for logs and reports. */
export function describeValue(v: BlockValue): string {
  const params = Object.entries(sortedParams(v.params));
  return params.length === 0 ? v.choice : `${v.choice} (${params.map(([k, p]) => `${k} ${typeof p === 'number' ? Number(p.toPrecision(4)) : p}`).join(', ')})`;
}

/** "encoding: one-hot → target (smoothing 10)" per change. */
export function describeChanges(changes: readonly BlockChange[]): string[] {
  return changes.map((c) => `${c.block}: ${describeValue(c.before)} → ${describeValue(c.after)}`);
}

/** Canonical JSON (blocks in pipeline order, parameters sorted), so equal solutions serialize equally. */
export function serializeSolution(solution: Solution): string {
  return JSON.stringify({ version: solution.version, task: solution.task, blocks: Object.fromEntries(BLOCK_NAMES.map((n) => [n, { choice: solution.blocks[n].choice, params: sortedParams(solution.blocks[n].params) }])) });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a solution back from {@link serializeSolution}'s JSON (or the parsed object). Throws a
 * RangeError naming the first problem. Model families are not checked against a list, since the
 * knowledge base may offer more than the catalog's defaults.
 */
/** Blocks added after the first solution version (older saved solutions lack them). */
const LATER_BLOCKS: readonly BlockName[] = ['targetTransform'];

export function parseSolution(input: string | unknown): Solution {
  const raw: unknown = typeof input === 'string' ? JSON.parse(input) : input;
  if (!isRecord(raw)) throw new RangeError('A solution must be an object.');
  if (raw.version !== SOLUTION_VERSION) throw new RangeError(`Unsupported solution version ${String(raw.version)}; expected ${SOLUTION_VERSION}.`);
  if (!TASK_KINDS.includes(raw.task as TaskKind)) throw new RangeError(`Unknown task ${JSON.stringify(raw.task)}.`);
  if (!isRecord(raw.blocks)) throw new RangeError('A solution needs its blocks.');
  const blocks = raw.blocks;
  const extra = Object.keys(blocks).find((k) => !(BLOCK_NAMES as readonly string[]).includes(k));
  if (extra !== undefined) throw new RangeError(`Unknown block "${extra}".`);
  const out = {} as Record<BlockName, BlockValue>;
  for (const name of BLOCK_NAMES) {
    const b = blocks[name];
    // A solution saved before a block existed has that block at its plainest (left out).
    if (b === undefined && (LATER_BLOCKS as readonly string[]).includes(name)) {
      out[name] = BLOCKS[name].plainest;
      continue;
    }
    if (!isRecord(b) || typeof b.choice !== 'string' || b.choice === '' || !isRecord(b.params)) throw new RangeError(`Block "${name}" needs a choice and params.`);
    if (name !== 'modelFamily' && !BLOCKS[name].alternatives.includes(b.choice)) throw new RangeError(`Block "${name}" has no alternative "${b.choice}"; expected one of ${BLOCKS[name].alternatives.join(', ')}.`);
    for (const [k, v] of Object.entries(b.params)) {
      if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) throw new RangeError(`Parameter "${k}" of block "${name}" must be a finite number, a string or a boolean.`);
    }
    out[name] = { choice: b.choice, params: b.params as Params };
  }
  return freezeSolution(raw.task as TaskKind, out);
}
