/**
 * The bridge between a block and the search module: the space the refinement's inner loop
 * searches for one block, the current value as a point of that space (enqueued first, so the
 * incumbent is always measured), and a sampled point turned back into a solution.
 */
import { contains, type ParamValue, type Params, type SearchSpace } from '../../ml/search/space';
import { BLOCKS, type BlockContext, type BlockName } from './blocks';
import { withBlock, type Solution } from './solution';

/** The search space of `block` for this solution (hyperparameters depend on its model family). */
export function blockSpace(solution: Solution, block: BlockName, ctx: BlockContext): SearchSpace {
  return BLOCKS[block].space(ctx, solution.blocks.modelFamily.choice);
}

/**
 * The solution's current setting of `block` as a point of its space, or null when it is not one
 * (e.g. hyperparameters left at family defaults: the caller then lets the sampler start).
 * Parameters the current choice does not use are filled with any in-range value.
 */
export function currentPoint(solution: Solution, block: BlockName, space: SearchSpace): Params | null {
  const v = solution.blocks[block];
  const point: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(space)) {
    if (name === 'choice') point[name] = v.choice;
    else if (v.params[name] !== undefined) point[name] = v.params[name];
    else if (block === 'featureEngineering') point[name] = false;
    else if (!('choice' in space)) return null; // a hyperparameter left at its family default has no point
    else if (spec.kind === 'categorical') point[name] = spec.choices[0];
    else point[name] = spec.low; // unused by the current choice; any in-range value will do
  }
  return contains(space, point) ? point : null;
}

/** The solution with `block` set from a point of its space. */
export function applyBlockPoint(solution: Solution, block: BlockName, point: Params): Solution {
  return withBlock(solution, block, BLOCKS[block].fromParams(point));
}
