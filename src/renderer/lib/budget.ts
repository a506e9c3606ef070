/** What is left of a run's time budget: from its settings and start time, ticking with `now`. */
export interface BudgetLeft {
  budgetMs: number;
  spentMs: number;
  /** Never below 0. */
  leftMs: number;
  /** spent / budget, clamped to [0, 1]. */
  fraction: number;
  /** The run went past its budget (it is finishing the validation). */
  over: boolean;
}

export function budgetLeft(budgetSeconds: number, startedAt: string | null, finishedAt: string | null, now: number): BudgetLeft {
  const budgetMs = Math.max(0, budgetSeconds * 1000);
  const start = startedAt ? Date.parse(startedAt) : NaN;
  const end = finishedAt ? Date.parse(finishedAt) : now;
  const spentMs = Number.isFinite(start) ? Math.max(0, end - start) : 0;
  return {
    budgetMs,
    spentMs,
    leftMs: Math.max(0, budgetMs - spentMs),
    fraction: budgetMs > 0 ? Math.min(1, spentMs / budgetMs) : 1,
    over: spentMs > budgetMs,
  };
}
