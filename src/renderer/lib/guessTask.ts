import type { ColumnProfile, TaskKind } from '../../shared/domain';

/**
 * What "auto" will most likely pick for a target column, with why — a hint for the form only
 * while the target's analysis (which says what the engine will do) is on its way.
 */
export function guessTask(column: ColumnProfile | undefined): { task: TaskKind; why: string } | null {
  if (!column) return null;
  const distinct = column.distinct;
  if (distinct === 2 || column.type === 'boolean') return { task: 'binary', why: distinct === 2 ? '2 distinct values' : 'a yes/no column' };
  if (column.storage === 'categorical' || column.type === 'categorical') {
    return distinct > 2 ? { task: 'multiclass', why: `${distinct} categories` } : null;
  }
  const integral = column.min !== null && column.max !== null && Number.isInteger(column.min) && Number.isInteger(column.max);
  if (integral && distinct > 2 && distinct <= 20) return { task: 'multiclass', why: `${distinct} whole-number values` };
  return { task: 'regression', why: `numeric, ${distinct.toLocaleString('en-US')} distinct values` };
}
