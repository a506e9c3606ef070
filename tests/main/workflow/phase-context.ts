/**
 * An in-memory PhaseContext for driving single phases in tests: tasks, trials, metrics and logs
 * are kept in arrays instead of SQLite, the budget is real time, and the run folder is a temp dir.
 */
import type { LogLine, RunSettings } from '../../../src/shared/domain';
import type { Frame } from '../../../src/main/ml/frame';
import { createRng } from '../../../src/main/ml/rng';
import type { TrialRecord } from '../../../src/main/ports/repositories';
import { createBudget } from '../../../src/main/workflow/budget';
import type { PhaseContext } from '../../../src/main/workflow/phase';
import { createRunState, type RunState } from '../../../src/main/workflow/run-state';

export interface TestContext extends PhaseContext {
  readonly tasks: { id: number; name: string; status: 'succeeded' | 'failed'; summary: string | null }[];
  readonly trials: TrialRecord[];
  readonly logs: { level: LogLine['level']; message: string }[];
}

export function testContext(options: { runDir: string; settings?: Partial<RunSettings>; state?: RunState; earlierTrials?: TrialRecord[]; frame?: Frame }): TestContext {
  const settings: RunSettings = { datasetId: 'test', target: 'y', budgetSeconds: 600, seed: 1, ...options.settings };
  const tasks: TestContext['tasks'] = [];
  const trials: TrialRecord[] = [];
  const logs: TestContext['logs'] = [];
  const earlier = options.earlierTrials ?? [];
  let nextTask = 1 + earlier.reduce((m, t) => Math.max(m, t.taskId ?? 0), 0);
  const controller = new AbortController();
  return {
    runId: 'test-run',
    settings,
    signal: controller.signal,
    rng: createRng(settings.seed),
    budget: createBudget(settings.budgetSeconds),
    state: options.state ?? createRunState(),
    runDir: options.runDir,
    relativeToDataDir: (p) => p,
    loadFrame: () => {
      if (!options.frame) throw new Error('No frame in this test context.');
      return Promise.resolve({ frame: options.frame, fileName: 'test.csv', transforms: [] });
    },
    async task(name, work) {
      const id = nextTask++;
      let summary: string | null = null;
      try {
        const result = await work({ id, signal: controller.signal, summarize: (text) => (summary = text) });
        tasks.push({ id, name, status: 'succeeded', summary });
        return result;
      } catch (error) {
        tasks.push({ id, name, status: 'failed', summary });
        throw error;
      }
    },
    trial(trial) {
      trials.push({ ...trial, id: trials.length + 1, runId: 'test-run', phase: 'refinement', createdAt: new Date().toISOString() });
    },
    earlierTrials: () => earlier,
    metric: () => undefined,
    log: (level, message) => void logs.push({ level, message }),
    artifact: () => undefined,
    bestScore: () => undefined,
    tasks,
    trials,
    logs,
  };
}
