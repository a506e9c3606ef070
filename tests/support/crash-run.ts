/**
 * Crash harness shared by the crash-safety test (a few kill points, in CI) and
 * `npm run bench -- crash` (a seeded random sweep): starts a real CLI run in a child process,
 * watches its database and data folder from outside to see where it is (import, a phase, writing
 * profiles), SIGKILLs it there, then checks what a crash must leave — a database that passes
 * `PRAGMA integrity_check`, every finished trial and recorded artifact intact, the run marked
 * `interrupted` at the next start, no half-written file or profile folder — and that
 * `cli resume RUN_ID` finishes the run and exports its profiles.
 *
 * Nothing here is mocked: real SQLite files, real child processes, real signals.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createStudio } from '../../src/main/app/composition';
import { DATABASE_FILE_NAME } from '../../src/main/db/store';
import { REPO_ROOT } from './datasets';

/** Where to kill: while the file is imported, while a phase runs, or while profiles are written. */
export type KillStage = 'import' | 'search' | 'foundation' | 'refinement' | 'ensemble' | 'validation' | 'export' | 'profiles' | 'profiles-written';

export interface KillPoint {
  stage: KillStage;
  /** Extra wait after the stage is first seen, so kills land at different places inside it. */
  delayMs: number;
}

export interface CrashOutcome {
  point: KillPoint;
  /** What the watcher saw when it sent SIGKILL ('finished' when the run ended first). */
  killedIn: string;
  runId: string | null;
  trialsKept: number;
  artifactsKept: number;
  /** Set when every check passed and (for a killed run) the resume succeeded. */
  recovered: boolean;
  /** Each check that failed, in words. */
  problems: string[];
  seconds: number;
}

const PROFILES = ['high-performance', 'fast-inference', 'memory-efficient', 'balanced'];
const PROFILE_FILES = ['model.onnx', 'profile.json', 'model-card.md'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function cli(args: string[]): string[] {
  return ['--import', 'tsx', 'src/main/hosts/cli/main.ts', ...args];
}

/** Opens the child's database read-only, or null while it does not exist yet. */
function peek<T>(dataDir: string, read: (db: Database.Database) => T): T | null {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 200');
    return read(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** Where the run is now, as the database and data folder show it from outside. */
function stageNow(dataDir: string): string | null {
  const state = peek(dataDir, (db) => {
    const run = db.prepare("SELECT id, status FROM runs ORDER BY created_at DESC LIMIT 1").get() as { id: string; status: string } | undefined;
    if (!run) return null;
    if (run.status !== 'running' && run.status !== 'queued') return 'finished';
    const profiles = db.prepare("SELECT 1 FROM tasks WHERE run_id = ? AND status = 'running' AND name LIKE 'choose and write%'").get(run.id);
    const writing = db.prepare("SELECT 1 FROM tasks WHERE run_id = ? AND status = 'running' AND name LIKE 'refit, export%'").get(run.id);
    const phase = db.prepare("SELECT name FROM phases WHERE run_id = ? AND status = 'running'").get(run.id) as { name: string } | undefined;
    // Some profiles already written (and recorded), others not yet.
    if (profiles) return (db.prepare('SELECT COUNT(*) AS n FROM artifacts WHERE run_id = ?').get(run.id) as { n: number }).n > 0 ? 'profiles-written' : 'profiles';
    if (writing) return 'export';
    return phase?.name ?? 'starting';
  });
  if (state) return state;
  // No run row yet: the CLI is importing the file once its dataset folder exists.
  const datasets = path.join(dataDir, 'datasets');
  return fs.existsSync(datasets) && fs.readdirSync(datasets).length > 0 ? 'import' : null;
}

function matches(stage: KillStage, now: string | null): boolean {
  if (now === null) return false;
  const writing = now === 'export' || now === 'profiles' || now === 'profiles-written';
  if (stage === 'export') return writing;
  if (stage === 'validation') return now === 'validation' || writing;
  if (stage === 'profiles') return now === 'profiles' || now === 'profiles-written';
  return now === stage;
}

/** Starts a CLI run and SIGKILLs it at the point; resolves with what the watcher saw. */
async function runAndKill(dataDir: string, dataset: string, target: string, budgetSeconds: number, point: KillPoint): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, cli(['run', dataset, '--target', target, '--budget', String(budgetSeconds), '--seed', '1', '--data-dir', dataDir, '--out', path.join(dataDir, '..', 'out-killed')]), {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  let exited = false;
  const done = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  let killedIn = 'finished';
  const deadline = Date.now() + 180_000;
  while (!exited && Date.now() < deadline) {
    const now = stageNow(dataDir);
    if (now === 'finished') break;
    if (matches(point.stage, now)) {
      if (point.delayMs > 0) await sleep(point.delayMs);
      killedIn = stageNow(dataDir) ?? 'unknown';
      child.kill('SIGKILL');
      break;
    }
    await sleep(point.stage === 'import' || point.stage.startsWith('profiles') ? 2 : 15);
  }
  if (!exited && killedIn === 'finished') child.kill('SIGKILL');
  await done;
  return killedIn;
}

const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * One kill point in a fresh data folder under `dir`: run, kill, check, resume, check again.
 * `dataset` is a CSV path; `target` its target column.
 */
export async function crashAndRecover(dir: string, dataset: string, target: string, point: KillPoint, budgetSeconds = 6): Promise<CrashOutcome> {
  const started = Date.now();
  const dataDir = path.join(dir, 'data');
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => void (ok || problems.push(what));
  const killedIn = await runAndKill(dataDir, dataset, target, budgetSeconds, point);

  // 1. The database as the crash left it, before anything opens it for writing.
  const before = peek(dataDir, (db) => ({
    integrity: db.pragma('integrity_check', { simple: true }) as string,
    run: db.prepare('SELECT id, status FROM runs ORDER BY created_at DESC LIMIT 1').get() as { id: string; status: string } | undefined,
    trials: db.prepare("SELECT id, run_id, model, params_json, score, status FROM trials WHERE status = 'complete' ORDER BY id").all() as { id: number; score: number }[],
    artifacts: db.prepare('SELECT path, checksum, bytes FROM artifacts ORDER BY id').all() as { path: string; checksum: string; bytes: number }[],
  }));
  const runId = before?.run?.id ?? null;
  if (before) check(before.integrity === 'ok', `integrity_check: ${before.integrity}`);
  for (const a of before?.artifacts ?? []) {
    const file = path.join(dataDir, a.path);
    if (!a.checksum) continue; // a folder (a profile), checked below
    check(fs.existsSync(file) && sha256(file) === a.checksum, `artifact ${a.path} changed or missing after the crash`);
  }

  // 2. The next start: interrupted, nothing left running, nothing half-written.
  let studio = createStudio({ dataDir, host: 'cli' });
  try {
    check(studio.store.datasets.list().length <= 1, 'more than one dataset');
    const leftovers = fs.existsSync(path.join(dataDir, 'datasets')) ? fs.readdirSync(path.join(dataDir, 'datasets'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.partial')) : [];
    check(leftovers.length === 0, `partial files left: ${leftovers.join(', ')}`);
    if (runId) {
      const run = studio.runs.get(runId);
      const expected = before?.run?.status === 'succeeded' ? 'succeeded' : 'interrupted';
      check(run.status === expected, `run is ${run.status} at the next start, not ${expected}`);
      check(!run.tasks.some((t) => t.status === 'running' || t.status === 'queued'), 'a task is still running or queued');
      check(!run.phases.some((p) => p.status === 'running'), 'a phase is still running');
      const trialsNow = studio.store.trials.list(runId).filter((t) => t.status === 'complete').map((t) => t.id);
      check((before?.trials ?? []).every((t) => trialsNow.includes(t.id)), 'a finished trial was lost');
      profileFoldersComplete(dataDir, runId, problems);
    }
  } finally {
    await studio.close();
  }

  // 3. Resume (the CLI, as a user would) and check the finished run.
  if (runId && before?.run?.status !== 'succeeded') {
    const out = path.join(dir, 'out');
    const resumed = spawnSync(process.execPath, cli(['resume', runId, '--data-dir', dataDir, '--out', out]), { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
    check(resumed.status === 0, `cli resume exited ${resumed.status}: ${(resumed.stderr || resumed.stdout).trim().split('\n').slice(-3).join(' / ')}`);
    for (const p of PROFILES) for (const f of PROFILE_FILES) check(fs.existsSync(path.join(out, p, f)), `resume did not export ${p}/${f}`);
    studio = createStudio({ dataDir, host: 'cli' });
    try {
      const run = studio.runs.get(runId);
      check(run.status === 'succeeded', `resumed run is ${run.status}`);
      const after = new Map(studio.store.trials.list(runId).map((t) => [t.id, t]));
      check((before?.trials ?? []).every((t) => after.get(t.id)?.score === t.score), 'a trial finished before the crash changed after the resume');
      // Every artifact the finished run lists (those from before the crash included) is on disk as recorded.
      for (const a of studio.store.artifacts.list(runId)) {
        if (!a.checksum) continue;
        const file = path.join(dataDir, a.path);
        check(fs.existsSync(file) && sha256(file) === a.checksum, `artifact ${a.path} does not match its recorded checksum after the resume`);
      }
      profileFoldersComplete(dataDir, runId, problems);
    } finally {
      await studio.close();
    }
  }
  return { point, killedIn, runId, trialsKept: before?.trials.length ?? 0, artifactsKept: before?.artifacts.length ?? 0, recovered: problems.length === 0, problems, seconds: (Date.now() - started) / 1000 };
}

/** Every folder in the run's profiles/ is complete, and none is a temporary one. */
function profileFoldersComplete(dataDir: string, runId: string, problems: string[]): void {
  const dir = path.join(dataDir, 'runs', runId, 'profiles');
  for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (entry.startsWith('.')) problems.push(`temporary profile folder ${entry} left behind`);
    for (const f of PROFILE_FILES) if (!fs.existsSync(path.join(dir, entry, f))) problems.push(`profile ${entry} has no ${f}`);
  }
}
