/**
 * MLE-STAR's ablation study over a structured solution. `ablationPlan` lists the variants to
 * evaluate — the solution with one block switched to its plainest alternative (or removed) — and
 * `rankAblation` turns their scores into a ranking and the block to refine next: the one whose
 * ablation moves the score most (in either direction: a block that hurts is as worth refining as
 * one that helps) among those not yet exhausted. Blocks already at their plainest cannot be
 * ablated; when no ablated block has a large enough effect, the first such untried block is
 * chosen, so the loop keeps exploring instead of stalling.
 */
import type { TaskKind } from '../../../shared/domain';
import { BLOCK_NAMES, BLOCKS, type BlockName } from './blocks';
import { type BlockChange, describeValue, diffSolutions, sameValue, withBlock, type Solution } from './solution';

export interface AblationVariant {
  block: BlockName;
  /** `removed` for an optional step, `plainest` for a block every pipeline needs. */
  kind: 'removed' | 'plainest';
  solution: Solution;
  /** What differs from the solution being ablated. */
  changes: BlockChange[];
  /** "without scaling (standard)", "encoding: one-hot → ordinal". */
  label: string;
}

/** Blocks that apply to the task, in pipeline order. */
export const applicableBlocks = (task: TaskKind): BlockName[] => BLOCK_NAMES.filter((n) => BLOCKS[n].appliesTo(task));

/** Blocks of the solution already at their plainest value (nothing to ablate). */
export const plainBlocks = (solution: Solution): BlockName[] => applicableBlocks(solution.task).filter((n) => sameValue(solution.blocks[n], BLOCKS[n].plainest));

/** One variant per applicable block that is not already at its plainest value, in pipeline order. */
export function ablationPlan(solution: Solution): AblationVariant[] {
  const out: AblationVariant[] = [];
  for (const block of applicableBlocks(solution.task)) {
    const spec = BLOCKS[block];
    const current = solution.blocks[block];
    if (sameValue(current, spec.plainest)) continue;
    // Hyperparameters "defaults" is already plain; a family switch alone would also reset them.
    const variant = withBlock(solution, block, spec.plainest);
    const kind = spec.removable ? 'removed' : 'plainest';
    const label = kind === 'removed' ? `without ${block} (${describeValue(current)})` : `${block}: ${describeValue(current)} → ${describeValue(spec.plainest)}`;
    out.push({ block, kind, solution: variant, changes: diffSolutions(solution, variant), label });
  }
  return out;
}

/** The score of one ablation variant. */
export interface AblationResult {
  block: BlockName;
  score: number;
}

export interface AblationEntry {
  block: BlockName;
  score: number;
  /** Baseline minus variant, signed so that positive means the block helps (it costs score to remove it). */
  effect: number;
}

export interface AblationRanking {
  baseline: number;
  /** Largest |effect| first (ties in pipeline order). */
  entries: AblationEntry[];
  /** Applicable blocks at their plainest, which could not be ablated. */
  untested: BlockName[];
  /** The block to refine next, or null when every block is exhausted. */
  chosen: BlockName | null;
  reason: string;
}

export interface RankAblationInput {
  /** Score of the solution itself. */
  baseline: number;
  results: readonly AblationResult[];
  greaterIsBetter: boolean;
  /** The solution being ablated (to list untested blocks). */
  solution: Solution;
  /** Blocks whose search is exhausted (refined already, or with nothing left to try). */
  exhausted?: Iterable<BlockName>;
  /** Smallest |effect| that counts as an effect (default 0: any). */
  minEffect?: number;
}

/** Ranks blocks by the effect of ablating them and chooses the next block to refine. */
export function rankAblation(input: RankAblationInput): AblationRanking {
  const sign = input.greaterIsBetter ? 1 : -1;
  const exhausted = new Set(input.exhausted ?? []);
  const minEffect = input.minEffect ?? 0;
  const order = (b: BlockName): number => BLOCK_NAMES.indexOf(b);
  const entries = input.results
    .map((r): AblationEntry => ({ block: r.block, score: r.score, effect: Number.isNaN(r.score) ? Number.POSITIVE_INFINITY : sign * (input.baseline - r.score) }))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || order(a.block) - order(b.block));
  const tested = new Set(entries.map((e) => e.block));
  const untested = plainBlocks(input.solution).filter((b) => !tested.has(b));

  const fmt = (e: AblationEntry): string => (Number.isFinite(e.effect) ? `${e.effect >= 0 ? '+' : ''}${e.effect.toFixed(4)}` : 'the variant failed');
  const top = entries.find((e) => !exhausted.has(e.block) && Math.abs(e.effect) > minEffect);
  if (top) {
    const how = !Number.isFinite(top.effect) ? 'the pipeline fails without it' : top.effect >= 0 ? `it is worth ${fmt(top)} (ablating it costs that much)` : `ablating it improves the score by ${(-top.effect).toFixed(4)}, so its current setting hurts`;
    return { baseline: input.baseline, entries, untested, chosen: top.block, reason: `Refine ${top.block}: the largest effect among blocks not yet exhausted; ${how}.` };
  }
  const fresh = untested.find((b) => !exhausted.has(b));
  if (fresh) {
    return { baseline: input.baseline, entries, untested, chosen: fresh, reason: `No ablated block has an effect above ${minEffect}; trying ${fresh}, which is at its plainest and has not been explored.` };
  }
  return { baseline: input.baseline, entries, untested, chosen: null, reason: 'Every block is exhausted or without effect: refinement is done.' };
}
