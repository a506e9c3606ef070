/**
 * The whole API between the window and the main side: one map of request channels (each with a
 * schema for its payload and the type it answers) and one map of event channels. The Electron
 * preload, the WebSocket bridge of the serve host and the main-side dispatcher all derive from
 * this file, so a channel is added here once and everything else follows from the types.
 */
import { z } from 'zod';
import { COLUMN_TYPES, METRICS_BY_TASK, RUN_SORT_KEYS, TASK_KINDS, type ColumnType, type TaskKind } from './domain';
import type {
  AppInfo,
  DatasetDetail,
  DatasetRows,
  DatasetSummary,
  ImportProgressEvent,
  RunDetail,
  RunPage,
  RunProgressEvent,
  RunSummary,
  TargetAnalysis,
  TrialInfo,
} from './domain';
import type { Result } from './result';
import type { ProfileFolderExport, ProfileZip } from './domain';

/** A config profile's name (checked against the run's profiles by the service). */
const profileName = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'profile names are lowercase letters, digits and -');
const profileNames = z.array(profileName).min(1, 'choose at least one profile').max(8);

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, - and _');
const empty = z.object({}).strict();
/**
 * Import a seeded uniform random sample of `rows` of the file's data rows instead of all of them
 * (what the window offers when a file is over the memory budget; the refusal's `fitRows` says how
 * many fit). `seed` defaults to 1. A file with no more rows than that is imported whole.
 */
const rowSample = z
  .object({
    rows: z.number().int().min(1).max(1_000_000_000),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();
const importOptions = { importId: id.optional(), skipBadRows: z.boolean().optional(), rowSample: rowSample.optional() };

/**
 * Most runs one `runs:list` answers (its default too): the window's short lists never fetch every
 * run (the CLI reads the whole list from the service; the Home table pages with `runs:query`).
 */
export const RUN_LIST_LIMIT = 50;

/** Largest upload accepted over the API (the browser host sends file contents). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export const requestSchemas = {
  'app:info': empty,
  'datasets:list': empty,
  'datasets:get': z.object({ id }).strict(),
  /**
   * Import a file by path: only from a native dialog or a drop (Electron host). `importId` (chosen
   * by the caller) names the import in `datasets:importProgress` events and `datasets:cancelImport`;
   * `skipBadRows` skips rows whose field count differs from the header's instead of failing;
   * `rowSample` imports a random sample of the rows (see {@link rowSample}).
   */
  'datasets:importPath': z.object({ path: z.string().min(1).max(4096), ...importOptions }).strict(),
  /**
   * Import uploaded file contents (browser host; also usable by Electron): `text` for text files,
   * or `base64` for the bytes of a binary one (Parquet, gzip, UTF-16). Exactly one of the two.
   */
  'datasets:upload': z
    .object({
      fileName: z.string().min(1).max(255),
      text: z.string().max(MAX_UPLOAD_BYTES).optional(),
      base64: z.string().max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4).optional(),
      ...importOptions,
    })
    .strict()
    .refine((v) => (v.text === undefined) !== (v.base64 === undefined), 'give exactly one of text and base64'),
  /** Save the user's column type overrides and exclusions (columns not listed keep theirs). */
  'datasets:updateColumns': z
    .object({
      id,
      columns: z
        .array(z.object({ index: z.number().int().min(0).max(1_000_000), type: z.enum(COLUMN_TYPES as unknown as [ColumnType, ...ColumnType[]]).nullable(), excluded: z.boolean() }).strict())
        .min(1)
        .max(100_000),
    })
    .strict(),
  /** The task, class balance and leakage suspects for a target the user picks. */
  'datasets:analyzeTarget': z.object({ id, target: z.string().min(1).max(1024) }).strict(),
  /** Cancel a running import (no-op when it already finished). */
  'datasets:cancelImport': z.object({ importId: id }).strict(),
  /** A page of rows from the dataset's columnar cache, for the virtualized preview grid. */
  'datasets:rows': z.object({ id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).strict(),
  'datasets:importSample': empty,
  'datasets:delete': z.object({ id }).strict(),
  'dialog:openDataset': empty,
  /** The most recently created runs, newest first: at most `limit` (default and most: RUN_LIST_LIMIT). */
  'runs:list': z.object({ limit: z.number().int().min(1).max(RUN_LIST_LIMIT).optional() }).strict(),
  /**
   * A page of the runs table (Home): sorted by any column, filtered by status, task, metric and
   * dataset, searched in dataset name, target and run id; answered by SQLite with the total.
   * Defaults: offset 0, limit 50, newest started first.
   */
  'runs:query': z
    .object({
      offset: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      sort: z.enum(RUN_SORT_KEYS).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      search: z.string().max(200).optional(),
      status: z.array(z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'])).max(6).optional(),
      task: z.enum(TASK_KINDS as unknown as [TaskKind, ...TaskKind[]]).optional(),
      metric: z.string().min(1).max(64).optional(),
      datasetId: id.optional(),
    })
    .strict(),
  'runs:get': z.object({ id }).strict(),
  'runs:start': z
    .object({
      datasetId: id,
      target: z.string().min(1).max(1024),
      task: z.enum(['binary', 'multiclass', 'regression']).optional(),
      budgetSeconds: z.number().int().min(5).max(24 * 3600),
      seed: z.number().int().min(0).max(2 ** 31 - 1),
      iterations: z.number().int().min(1).max(10_000).optional(),
      goals: z
        .object({
          score: z.number().finite().optional(),
          latencyP95Ms: z.number().positive().finite().optional(),
          modelSizeMB: z.number().positive().finite().optional(),
          peakMemoryMB: z.number().positive().finite().optional(),
        })
        .strict()
        .optional(),
      /** The metric to optimise; must be one of METRICS_BY_TASK for the (given or inferred) task. */
      metric: z.enum(['roc_auc', 'log_loss', 'accuracy', 'rmse']).optional(),
      cvFolds: z.number().int().min(3).max(10).optional(),
      refinementRounds: z.number().int().min(1).max(40).optional(),
      refinementAttempts: z.number().int().min(1).max(24).optional(),
      ensemble: z.boolean().optional(),
      refitOnAllRows: z.boolean().optional(),
      device: z.enum(['cpu', 'gpu']).optional(),
    })
    .strict()
    .refine((v) => !v.task || !v.metric || METRICS_BY_TASK[v.task].includes(v.metric), {
      message: 'this metric does not fit the task (binary: roc_auc, log_loss, accuracy; multiclass: log_loss, accuracy; regression: rmse)',
      path: ['metric'],
    }),
  /** The run's finished trials, oldest first (immutable: merge them with the `trials` of progress events by id). */
  'runs:trials': z.object({ id }).strict(),
  'runs:cancel': z.object({ id }).strict(),
  /** Continue an interrupted or cancelled run from its last finished task. */
  'runs:resume': z.object({ id }).strict(),
  /** The markdown model card of one of a run's exported profiles. */
  'profiles:modelCard': z.object({ runId: id, profile: profileName }).strict(),
  /** The chosen profiles of a run as one zip (`<profile>/model.onnx`, `profile.json`, `model-card.md`). */
  'profiles:zip': z.object({ runId: id, profiles: profileNames }).strict(),
  /** Desktop app: pick a folder in the native dialog and copy the chosen profiles into it. */
  'profiles:exportFolder': z.object({ runId: id, profiles: profileNames }).strict(),
  /** Desktop app: open, in the file manager, a folder that an export of this session wrote. */
  'profiles:openFolder': z.object({ dir: z.string().min(1).max(4096) }).strict(),
} as const;

export type RequestChannel = keyof typeof requestSchemas;
export type RequestPayload<C extends RequestChannel> = z.infer<(typeof requestSchemas)[C]>;

/** What each request channel answers with (inside a Result). */
export interface ResponseMap {
  'app:info': AppInfo;
  'datasets:list': DatasetSummary[];
  'datasets:get': DatasetDetail;
  'datasets:importPath': DatasetDetail;
  'datasets:upload': DatasetDetail;
  'datasets:updateColumns': DatasetDetail;
  'datasets:analyzeTarget': TargetAnalysis;
  'datasets:importSample': DatasetDetail;
  'datasets:delete': { deleted: true };
  'datasets:cancelImport': { cancelled: boolean };
  'datasets:rows': DatasetRows;
  'dialog:openDataset': { path: string | null };
  'runs:list': RunSummary[];
  'runs:query': RunPage;
  'runs:get': RunDetail;
  'runs:start': { runId: string };
  'runs:trials': TrialInfo[];
  'runs:cancel': { cancelled: boolean };
  'runs:resume': { runId: string };
  'profiles:modelCard': { markdown: string };
  'profiles:zip': ProfileZip;
  'profiles:exportFolder': ProfileFolderExport;
  'profiles:openFolder': { opened: true };
}

export interface EventMap {
  'run:progress': RunProgressEvent;
  'datasets:importProgress': ImportProgressEvent;
}
export type EventChannel = keyof EventMap;
export const EVENT_CHANNELS: readonly EventChannel[] = ['run:progress', 'datasets:importProgress'];

export const REQUEST_CHANNELS = Object.keys(requestSchemas) as RequestChannel[];

/** Method name on the API object for a channel: `datasets:importPath` → `datasetsImportPath`. */
type MethodName<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : never;

export const methodNameOf = (channel: RequestChannel): string => {
  const [a, b] = channel.split(':') as [string, string];
  return a + b.charAt(0).toUpperCase() + b.slice(1);
};

/**
 * The API the renderer sees as `window.api` (Electron preload) or builds over a WebSocket
 * (browser host): one named method per request channel, plus `on` for events.
 */
export type StudioApi = {
  [C in RequestChannel as MethodName<C>]: (payload: RequestPayload<C>) => Promise<Result<ResponseMap[C]>>;
} & {
  on<E extends EventChannel>(channel: E, listener: (event: EventMap[E]) => void): () => void;
};
