/**
 * Training threads run below the window's priority: a worker that calls
 * lowerTrainingThreadPriority runs at nice +10 while the thread that started it keeps its own;
 * real fit-pool workers and histogram helpers do it at start; `normal` leaves them alone. Nice
 * values are read from /proc/self/task/<tid>/stat (field 19), so the checks run on Linux, and
 * only where the tests start above nice +10 (skipped with the reason otherwise).
 */
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { LOW_PRIORITY_NICE, lowerTrainingThreadPriority, trainingPriority } from '../../../src/main/ml/priority';
import { defaultTreeSpec, fitTreePipeline, type TreeSpec } from '../../../src/main/ml/trees/tree-pipeline';
import { createFitPool } from '../../../src/main/workers/fit-pool';
import { createRng, frame, numeric, syntheticData } from './models/synthetic';

const linux = process.platform === 'linux';

/** Nice value of every thread of this process, by thread id. */
function threadNices(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after "(comm)": state is field 3, nice field 19.
      out.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]));
    } catch {
      // The thread ended while listing.
    }
  }
  return out;
}
const lowered = (): number => [...threadNices().values()].filter((n) => n === LOW_PRIORITY_NICE).length;
const ownNice = (): number => os.getPriority(0);

/**
 * The exact nice values below assume the tests start above nice +10 (a plain shell starts at 0).
 * Under `nice -n 10` or more (some CI runners) every thread already runs at or below +10: there is
 * nothing to lower, and counting threads at +10 counts them all, so those checks are skipped.
 */
function skipUnlessRoomBelow(ctx: { skip: (condition: boolean, note?: string) => void }): void {
  const nice = ownNice();
  ctx.skip(nice >= LOW_PRIORITY_NICE, `the test process runs at nice ${nice}, not above ${LOW_PRIORITY_NICE}: training threads cannot be lowered below it`);
}

describe('training priority', () => {
  const saved = process.env.MLESTAR_TRAIN_PRIORITY;
  afterEach(() => {
    if (saved === undefined) delete process.env.MLESTAR_TRAIN_PRIORITY;
    else process.env.MLESTAR_TRAIN_PRIORITY = saved;
  });

  it('reads MLESTAR_TRAIN_PRIORITY, defaulting to low', () => {
    expect(trainingPriority({})).toBe('low');
    expect(trainingPriority({ MLESTAR_TRAIN_PRIORITY: 'normal' })).toBe('normal');
    expect(trainingPriority({ MLESTAR_TRAIN_PRIORITY: ' LOW ' })).toBe('low');
    expect(trainingPriority({ MLESTAR_TRAIN_PRIORITY: 'realtime' })).toBe('low');
    expect(LOW_PRIORITY_NICE).toBe(10);
  });

  it('does not touch the priority where it would lower the whole process (macOS, Windows)', () => {
    const before = ownNice();
    expect(lowerTrainingThreadPriority({}, 'darwin')).toBeNull();
    expect(lowerTrainingThreadPriority({}, 'win32')).toBeNull();
    expect(ownNice()).toBe(before);
  });

  it.runIf(linux)('lowers the calling worker thread only, not the thread that started it', async (ctx) => {
    skipUnlessRoomBelow(ctx);
    const before = ownNice();
    const source = `
      require('tsx/cjs');
      const { parentPort } = require('node:worker_threads');
      const { lowerTrainingThreadPriority } = require(${JSON.stringify(require.resolve('../../../src/main/ml/priority.ts'))});
      const tid = require('node:fs').readlinkSync('/proc/thread-self').split('/').pop();
      parentPort.postMessage({ tid, nice: lowerTrainingThreadPriority() });
    `;
    const worker = new Worker(source, { eval: true });
    const reply = await new Promise<{ tid: string; nice: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const nices = threadNices();
    await worker.terminate();
    expect(reply.nice).toBe(LOW_PRIORITY_NICE);
    expect(nices.get(reply.tid)).toBe(LOW_PRIORITY_NICE);
    expect(ownNice()).toBe(before);
    expect(nices.get(String(process.pid))).toBe(before);
  });

  it.runIf(linux)('fit-pool workers train at nice +10, and at their start priority with MLESTAR_TRAIN_PRIORITY=normal', async (ctx) => {
    skipUnlessRoomBelow(ctx);
    const before = ownNice();
    const { features, y, classes } = syntheticData('binary', 2_000, 4);
    const spec = { family: 'gbdt', params: { ...defaultTreeSpec('gbdt').params, numIterations: 5 } } as TreeSpec;
    const countDuringFit = async (): Promise<number> => {
      const pool = createFitPool(1);
      try {
        const idle = lowered();
        await pool.fit({ features, y, task: 'binary', classes, spec, seed: 1 });
        // piscina keeps the worker alive after the fit.
        return lowered() - idle;
      } finally {
        await pool.close();
      }
    };
    expect(await countDuringFit()).toBe(1);
    process.env.MLESTAR_TRAIN_PRIORITY = 'normal';
    expect(await countDuringFit()).toBe(0);
    expect(ownNice()).toBe(before);
  });

  it.runIf(linux && os.availableParallelism() >= 2)('histogram helper threads build at nice +10 while the fit thread keeps its priority', async (ctx) => {
    skipUnlessRoomBelow(ctx);
    const before = ownNice();
    // 30,000 rows × 40 features: wide enough for a helper (hist-threads.ts HELPERS_MIN_CELLS).
    const rng = createRng(5);
    const rows = 30_000;
    const features = frame(Array.from({ length: 40 }, (_, j) => numeric(`x${j}`, Array.from({ length: rows }, () => rng.normal()))));
    const y = Float64Array.from({ length: rows }, (_, i) => ((features.columns[0] as { values: Float64Array }).values[i] > 0 ? 1 : 0));
    const classes = ['no', 'yes'];
    const spec = { family: 'gbdt', params: { ...defaultTreeSpec('gbdt').params, numIterations: 30, numThreads: 2 } } as TreeSpec;
    const idle = lowered();
    let most = 0;
    // gbdt yields to the event loop after every round: sample the threads meanwhile.
    const timer = setInterval(() => (most = Math.max(most, lowered() - idle)), 2);
    try {
      await fitTreePipeline(features, y, 'binary', classes, spec, { rng: createRng(3) });
    } finally {
      clearInterval(timer);
    }
    expect(most).toBeGreaterThanOrEqual(1);
    expect(ownNice()).toBe(before);
  });
});
