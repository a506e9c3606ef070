/** Builders of domain objects and a fake StudioApi for the renderer's tests. */
import { REQUEST_CHANNELS, methodNameOf } from '../../src/shared/contract';
import type { EventMap, StudioApi } from '../../src/shared/contract';
import type { ColumnProfile, DatasetDetail, MetricPoint, PhaseInfo, RunDetail, RunProgressEvent, TargetAnalysis, TaskInfo } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';

export const at = (s: number): string => new Date(Date.UTC(2025, 0, 1, 12, 0, s)).toISOString();

export const metric = (step: number, value: number, name = 'cv_score'): MetricPoint => ({ name, step, value, at: at(step) });

export const phase = (name: PhaseInfo['name'], status: PhaseInfo['status'] = 'running'): PhaseInfo => ({
  name,
  status,
  startedAt: at(0),
  finishedAt: status === 'running' || status === 'pending' ? null : at(5),
  error: null,
});

export const task = (id: number, status: TaskInfo['status'] = 'running', over: Partial<TaskInfo> = {}): TaskInfo => ({
  id,
  phase: 'foundation',
  name: `task ${id}`,
  status,
  attempt: 1,
  startedAt: at(id),
  finishedAt: null,
  error: null,
  summary: null,
  ...over,
});

/** A numeric column profile (override anything). */
export const column = (index: number, name: string, over: Partial<ColumnProfile> = {}): ColumnProfile => ({
  name,
  index,
  storage: 'numeric',
  type: 'integer',
  inferredType: 'integer',
  typeReason: 'whole numbers',
  flags: [],
  excluded: false,
  missing: 0,
  distinct: 3,
  min: 1,
  max: 9,
  mean: 5,
  std: 3.3,
  top: [],
  histogram: [{ label: '[1, 5)', count: 1 }, { label: '[5, 9]', count: 2 }],
  ...over,
});

export const targetAnalysis = (target = 'churn', over: Partial<TargetAnalysis> = {}): TargetAnalysis => ({
  target,
  task: 'binary',
  taskReason: '2 classes',
  classBalance: [
    { label: 'no', count: 2 },
    { label: 'yes', count: 1 },
  ],
  leakageSuspects: [],
  ...over,
});

export const dataset = (id = 'ds1', over: Partial<DatasetDetail> = {}): DatasetDetail => ({
  id,
  name: 'telco.csv',
  rows: 3,
  columns: 2,
  suggestedTarget: 'churn',
  suggestedTargetReason: 'binary column named churn',
  createdAt: at(0),
  profile: [
    column(0, 'tenure'),
    column(1, 'churn', { storage: 'categorical', type: 'boolean', inferredType: 'boolean', typeReason: 'two values', distinct: 2, min: null, max: null, mean: null, std: null, missing: 1, top: [{ value: 'yes', count: 1 }, { value: 'no', count: 1 }] }),
  ],
  table: { rows: 3, columns: 2, memoryBytes: 48, duplicateRows: 0 },
  targetAnalysis: targetAnalysis('churn'),
  preview: { columns: ['tenure', 'churn'], rows: [['1', 'yes'], ['5', null], ['9', 'no']] },
  ...over,
});

export const run = (id = 'run1', over: Partial<RunDetail> = {}): RunDetail => ({
  id,
  datasetId: 'ds1',
  datasetName: 'telco.csv',
  target: 'churn',
  task: 'binary',
  metric: 'roc_auc',
  greaterIsBetter: true,
  status: 'running',
  bestScore: null,
  error: null,
  createdAt: at(0),
  startedAt: at(0),
  finishedAt: null,
  settings: { datasetId: 'ds1', target: 'churn', budgetSeconds: 60, seed: 42 },
  phases: [],
  tasks: [],
  metrics: [],
  logs: [],
  report: null,
  lastSeq: 0,
  ...over,
});

export const progress = (seq: number, over: Partial<RunProgressEvent> = {}): RunProgressEvent => ({
  runId: 'run1',
  seq,
  status: 'running',
  bestScore: null,
  error: null,
  phases: [],
  tasks: [],
  metrics: [],
  logs: [],
  ...over,
});

type Handler = (payload: never) => Promise<Result<unknown>> | Result<unknown>;

export interface FakeApi {
  api: StudioApi;
  /** Calls received, in order: [method, payload]. */
  calls: [string, unknown][];
  /** Set what a method answers. */
  handle(method: keyof StudioApi, handler: Handler): void;
  emit(event: EventMap['run:progress']): void;
}

/** A StudioApi whose methods answer NOT_SUPPORTED until given a handler. */
export function fakeApi(): FakeApi {
  const handlers = new Map<string, Handler>();
  const calls: [string, unknown][] = [];
  const listeners = new Set<(e: EventMap['run:progress']) => void>();
  const methods: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    const name = methodNameOf(channel);
    methods[name] = async (payload: unknown) => {
      calls.push([name, payload]);
      const h = handlers.get(name);
      return h ? h(payload as never) : { ok: false, error: { code: 'NOT_SUPPORTED', message: `${name} not faked` } };
    };
  }
  methods.on = (_channel: string, l: (e: EventMap['run:progress']) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  return {
    api: methods as unknown as StudioApi,
    calls,
    handle: (method, handler) => handlers.set(method, handler),
    emit: (e) => listeners.forEach((l) => l(e)),
  };
}

export const okResult = <T>(data: T): Result<T> => ({ ok: true, data });

/** A promise with its resolve handle (to hold an answer back). */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
