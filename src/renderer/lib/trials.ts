/**
 * Pure helpers over a run's trials: merging the ones pushed by progress events into those loaded
 * by `runs:trials` (trials are immutable, so a trial's id says all: union by id, ordered), the
 * model families present, and a live leaderboard (the best complete trials).
 */
import type { TrialInfo } from '../../shared/domain';

/** `current` plus the trials of `incoming` not in it yet, ordered by id; the same array when nothing is new. */
export function mergeTrials(current: readonly TrialInfo[], incoming: readonly TrialInfo[]): TrialInfo[] {
  if (incoming.length === 0) return current as TrialInfo[];
  const known = new Set(current.map((t) => t.id));
  const fresh = incoming.filter((t) => !known.has(t.id));
  if (fresh.length === 0) return current as TrialInfo[];
  const last = current.length ? current[current.length - 1].id : -Infinity;
  const merged = [...current, ...fresh];
  // Events arrive in order, so appending is the usual case; sort only when an older one came late.
  return fresh.every((t, i) => t.id > (i === 0 ? last : fresh[i - 1].id)) ? merged : merged.sort((a, b) => a.id - b.id);
}

/** The model families of `trials`, in first-seen order. */
export const familiesOf = (trials: readonly TrialInfo[]): string[] => [...new Set(trials.map((t) => t.model))];

/** A trial's score when it has a finite one. */
export const scoreOf = (t: TrialInfo): number | null => (t.score !== null && Number.isFinite(t.score) ? t.score : null);

/** The `limit` best complete trials (ties: the earlier first). */
export function bestTrials(trials: readonly TrialInfo[], greaterIsBetter: boolean, limit = 10): TrialInfo[] {
  return trials
    .filter((t) => t.status === 'complete' && scoreOf(t) !== null)
    .sort((a, b) => ((greaterIsBetter ? (b.score as number) - (a.score as number) : (a.score as number) - (b.score as number)) || a.id - b.id))
    .slice(0, limit);
}
