/**
 * The validation agent's targets table: for each of the user's goals (RunGoals) the goal, what
 * the run achieved, and whether it is met, plus the time budget, which every run has. Each goal
 * is judged on the profile made for it: the score on the high-performance profile, latency on
 * the fast-inference one, size and memory on the memory-efficient one.
 */
import type { ExportedProfile, RunGoals, TargetRow } from '../../shared/domain';

/** A run may pass its time budget by this share and still meet it (the "within 10%"). */
export const BUDGET_TOLERANCE = 0.1;

export interface TargetsInput {
  goals: RunGoals | undefined;
  metric: string;
  greaterIsBetter: boolean;
  profiles: readonly ExportedProfile[];
  budgetSeconds: number;
  totalSeconds: number;
}

const MB = 1024 * 1024;

const profileLabel = (p: ExportedProfile): string => p.name.replace(/-/g, ' ');

/** Bytes as MB, or KB under 1 MB (a small model's figure would read 0.0 MB). */
const sizeText = (bytes: number): string => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

/** The profile serving a goal: the named one when written, else the first (the high-performance one). */
function profileFor(profiles: readonly ExportedProfile[], name: string): ExportedProfile | undefined {
  return profiles.find((p) => p.name === name) ?? profiles[0];
}

function row(target: TargetRow['target'], goal: number | undefined, goalText: (g: number) => string, achieved: number | undefined, achievedText: string, met: (g: number, a: number) => boolean): TargetRow {
  if (goal === undefined) return { target, goal: 'none set', achieved: achievedText, status: 'no goal' };
  if (achieved === undefined || !Number.isFinite(achieved)) return { target, goal: goalText(goal), achieved: 'not measured', status: 'missed' };
  return { target, goal: goalText(goal), achieved: achievedText, status: met(goal, achieved) ? 'met' : 'missed' };
}

export function targetsTable(input: TargetsInput): TargetRow[] {
  const goals = input.goals ?? {};
  const best = profileFor(input.profiles, 'high-performance');
  const fast = profileFor(input.profiles, 'fast-inference');
  const small = profileFor(input.profiles, 'memory-efficient');
  const rows: TargetRow[] = [];
  const score = best?.holdoutScore;
  rows.push(
    row('score', goals.score, (g) => `${input.greaterIsBetter ? '≥' : '≤'} ${g} ${input.metric}`, score, best ? `${best.holdoutScore.toFixed(4)} ${input.metric} (${profileLabel(best)})` : 'no profile', (g, a) => (input.greaterIsBetter ? a >= g : a <= g)),
  );
  rows.push(row('latency', goals.latencyP95Ms, (g) => `≤ ${g} ms p95`, fast?.latencyP95Ms, fast ? `${fast.latencyP95Ms.toFixed(3)} ms p95 (${profileLabel(fast)})` : 'no profile', (g, a) => a <= g));
  const size = small ? small.modelBytes / MB : undefined;
  rows.push(row('model size', goals.modelSizeMB, (g) => `≤ ${g} MB`, size, small ? `${sizeText(small.modelBytes)} (${profileLabel(small)})` : 'no profile', (g, a) => a <= g));
  const memory = small?.peakMemoryBytes !== undefined ? small.peakMemoryBytes / MB : undefined;
  rows.push(row('memory', goals.peakMemoryMB, (g) => `≤ ${g} MB peak`, memory, memory !== undefined && small?.peakMemoryBytes !== undefined ? `${sizeText(small.peakMemoryBytes)} peak (${profileLabel(small)})` : 'not measured', (g, a) => a <= g));
  const limit = input.budgetSeconds * (1 + BUDGET_TOLERANCE);
  rows.push({ target: 'time', goal: `≤ ${input.budgetSeconds} s (+${BUDGET_TOLERANCE * 100}%)`, achieved: `${input.totalSeconds.toFixed(1)} s`, status: input.totalSeconds <= limit ? 'met' : 'missed' });
  return rows;
}
