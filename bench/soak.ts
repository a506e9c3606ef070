/**
 * `npm run bench -- soak [--runs 50]`: back-to-back small runs in one process, as a long desktop
 * session would do them. Reports resident memory after each run, open file handles, and whether
 * every run is in the database; fails (exit 1) when memory grows more than 20% after the first
 * ten runs, file handles leak, or a run is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStudio } from '../src/main/app/composition';
import { liveOnnxSessions } from '../src/main/onnx/session';
import { fitWorkerThreads } from '../src/main/workers/fit-pool';
import { writeResult } from './results';

const SMALL_ROWS = 600;

function openHandles(): number {
  try {
    return fs.readdirSync('/proc/self/fd').length;
  } catch {
    return Number.NaN;
  }
}

function smallDataset(file: string): void {
  const lines = ['x1,x2,colour,label'];
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < SMALL_ROWS; i++) {
    const x1 = rand() * 4 - 2;
    const x2 = rand() * 4 - 2;
    const colour = ['red', 'green', 'blue'][i % 3];
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${colour},${x1 + 0.5 * x2 + (colour === 'red' ? 0.5 : 0) + (rand() - 0.5) > 0 ? 'yes' : 'no'}`);
  }
  fs.writeFileSync(file, lines.join('\n'));
}

export async function soak(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '50' } } });
  const runs = Number(values.runs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlestar-soak-'));
  const studio = createStudio({ dataDir: path.join(dir, 'data'), host: 'cli' });
  const file = path.join(dir, 'small.csv');
  smallDataset(file);
  const dataset = await studio.datasets.importPath(file);
  const rss: number[] = [];
  // JavaScript heap and external (ArrayBuffers, native) memory beside RSS, to tell a leak in our
  // objects from the allocator keeping freed native pages.
  const heap: number[] = [];
  const external: number[] = [];
  const handles: number[] = [];
  const started = Date.now();
  for (let i = 0; i < runs; i++) {
    const { runId } = studio.runs.start({ datasetId: dataset.id, target: 'label', budgetSeconds: 5, seed: i });
    const status = await studio.runs.waitFor(runId);
    if (status !== 'succeeded') throw new Error(`run ${i + 1} ${status}: ${studio.runs.get(runId).error}`);
    global.gc?.();
    const usage = process.memoryUsage();
    rss.push(usage.rss);
    heap.push(usage.heapUsed);
    external.push(usage.external + usage.arrayBuffers);
    handles.push(openHandles());
    process.stderr.write(`\rrun ${i + 1}/${runs}  rss ${(rss[i] / 2 ** 20).toFixed(0)} MiB  fds ${handles[i]}`);
  }
  process.stderr.write('\n');
  const inDatabase = studio.runs.list().filter((r) => r.status === 'succeeded').length;
  const onnxSessionsLeft = liveOnnxSessions();
  const fitWorkersLeft = fitWorkerThreads();
  await studio.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const baseline = rss[Math.min(9, rss.length - 1)];
  const growth = (Math.max(...rss.slice(10)) - baseline) / baseline;
  const handleGrowth = handles.length > 10 ? handles[handles.length - 1] - handles[9] : 0;
  const result = {
    benchmark: 'soak',
    runs,
    seconds: (Date.now() - started) / 1000,
    rssMiB: rss.map((b) => +(b / 2 ** 20).toFixed(1)),
    memoryGrowthAfterTenth: +growth.toFixed(4),
    heapMiB: heap.map((b) => +(b / 2 ** 20).toFixed(1)),
    externalMiB: external.map((b) => +(b / 2 ** 20).toFixed(1)),
    heapGrowthAfterTenth: +((Math.max(...heap.slice(10)) - heap[Math.min(9, heap.length - 1)]) / heap[Math.min(9, heap.length - 1)]).toFixed(4),
    openHandles: handles,
    handleGrowthAfterTenth: handleGrowth,
    runsInDatabase: inDatabase,
    onnxSessionsLeft,
    fitWorkersLeft,
    pass: growth <= 0.2 && handleGrowth <= 0 && inDatabase === runs && onnxSessionsLeft === 0 && fitWorkersLeft === 0,
  };
  const out = writeResult('soak', result);
  console.log(`soak: ${runs} runs in ${result.seconds.toFixed(0)} s; memory growth after the 10th ${(growth * 100).toFixed(1)}% (limit 20%); file handles ${handles[9]} → ${handles.at(-1)}; ${inDatabase}/${runs} in the database; ${onnxSessionsLeft} ONNX sessions and ${fitWorkersLeft} fit workers left → ${result.pass ? 'PASS' : 'FAIL'} (${out})`);
  return result.pass ? 0 : 1;
}
