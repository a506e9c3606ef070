/**
 * `npm run bench -- crash [--points 20] [--seed 7] [--budget 6]`: the crash-safety sweep. Each
 * kill point is a stage (import, a phase, writing profiles) and a seeded random delay into it; a
 * real CLI run is SIGKILLed there, and the harness (tests/support/crash-run.ts) checks integrity,
 * kept trials and artifacts, the interrupted mark, no half-written files, and that `cli resume`
 * finishes the run. Reports how many points were tried and how many recovered; exit 1 if any did
 * not. The CI test (tests/main/workflow/crash-safety.test.ts) runs a few fixed points.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { crashAndRecover, type CrashOutcome, type KillPoint, type KillStage } from '../tests/support/crash-run';
import { datasetPath } from '../tests/support/datasets';
import { writeResult } from './results';

const STAGES: KillStage[] = ['import', 'search', 'foundation', 'refinement', 'ensemble', 'validation', 'export', 'profiles', 'profiles-written'];
/** The longest random wait into a stage, per stage (import and export are short). */
const MAX_DELAY_MS: Record<KillStage, number> = { import: 60, search: 300, foundation: 1500, refinement: 400, ensemble: 300, validation: 600, export: 150, profiles: 40, 'profiles-written': 5 };

/** Seeded points: every stage in turn, each with a random delay (mulberry32). */
export function killPoints(count: number, seed: number): KillPoint[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, (_, i) => {
    const stage = STAGES[i % STAGES.length];
    return { stage, delayMs: Math.round(rand() * MAX_DELAY_MS[stage]) };
  });
}

export async function crash(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { points: { type: 'string', default: '20' }, seed: { type: 'string', default: '7' }, budget: { type: 'string', default: '6' } } });
  const points = killPoints(Number(values.points), Number(values.seed));
  const outcomes: CrashOutcome[] = [];
  const started = Date.now();
  for (const [i, point] of points.entries()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-crash-'));
    try {
      const outcome = await crashAndRecover(dir, datasetPath('telco_churn.csv'), 'churn', point, Number(values.budget));
      outcomes.push(outcome);
      console.log(
        `${String(i + 1).padStart(2)}/${points.length} ${point.stage} +${point.delayMs} ms → killed in ${outcome.killedIn}; ${outcome.trialsKept} trials, ${outcome.artifactsKept} artifacts kept; ${outcome.recovered ? 'recovered' : `NOT RECOVERED: ${outcome.problems.join('; ')}`} (${outcome.seconds.toFixed(0)} s)`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const killed = outcomes.filter((o) => o.killedIn !== 'finished');
  const recovered = outcomes.filter((o) => o.recovered);
  const result = {
    benchmark: 'crash',
    seed: Number(values.seed),
    points: outcomes.length,
    killedMidRun: killed.length,
    recovered: recovered.length,
    byStage: Object.fromEntries(STAGES.map((s) => [s, outcomes.filter((o) => o.point.stage === s).map((o) => ({ delayMs: o.point.delayMs, killedIn: o.killedIn, recovered: o.recovered, problems: o.problems }))])),
    seconds: (Date.now() - started) / 1000,
    pass: recovered.length === outcomes.length,
  };
  const out = writeResult('crash', result);
  console.log(`crash: ${outcomes.length} kill points tried (${killed.length} landed before the run ended), ${recovered.length} recovered → ${result.pass ? 'PASS' : 'FAIL'} (${out})`);
  return result.pass ? 0 : 1;
}
