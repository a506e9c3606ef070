/**
 * Storage as the services and the workflow see it: repository interfaces only, so that
 * workflow/, ml/ and onnx/ never depend on SQLite (DESIGN.md §3). `db/` implements them.
 */
import type {
  ColumnProfile,
  ColumnSetting,
  DatasetPreview,
  DatasetSummary,
  LogLine,
  MetricPoint,
  PhaseInfo,
  PhaseName,
  PhaseStatus,
  RunPage,
  RunQuery,
  RunReport,
  RunSettings,
  RunStatus,
  RunSummary,
  TaskInfo,
  TaskKind,
  TaskStatus,
  TableProfile,
  TargetAnalysis,
} from '../../shared/domain';

export interface DatasetRecord extends DatasetSummary {
  /** The file name the user gave us. */
  sourceName: string;
  /** Path of the stored copy, relative to the data folder. */
  storedPath: string;
  /** SHA-256 of the file the user imported, hex (re-importing the same bytes finds this record). */
  checksum: string;
  profile: ColumnProfile[];
  preview: DatasetPreview;
  /** SHA-256 of the columnar cache's column blocks, when `storedPath` is a cache file. */
  cacheChecksum?: string | null;
  /** How the file was read (skipped rows, re-decoded text). */
  notes?: string[];
  /** Table-level facts (null for datasets imported before they were computed). */
  table: TableProfile | null;
  /** The suggested target's analysis, as computed at import. */
  targetAnalysis: TargetAnalysis | null;
}

export interface DatasetRepository {
  insert(record: DatasetRecord): void;
  get(id: string): DatasetRecord | null;
  /**
   * The newest dataset imported from a file with this SHA-256: of the whole file, or (with
   * `sample`) the random sample of that many rows drawn with that seed.
   */
  findByChecksum(checksum: string, sample?: { rows: number; seed: number } | null): DatasetRecord | null;
  /**
   * Saves the user's type overrides and exclusions (all in one transaction).
   * @throws RangeError when an index is not a column of the dataset (nothing is saved then).
   */
  setColumnChoices(datasetId: string, settings: readonly ColumnSetting[]): void;
  /** Newest first. */
  list(): DatasetSummary[];
  /** Deletes the dataset and its runs. Returns false if it did not exist. */
  delete(id: string): boolean;
}

export interface NewRun {
  id: string;
  settings: RunSettings;
  createdAt: string;
}

export interface RunPatch {
  task?: TaskKind;
  metric?: string;
  greaterIsBetter?: boolean;
  status?: RunStatus;
  bestScore?: number | null;
  error?: string | null;
  startedAt?: string;
  finishedAt?: string;
  report?: RunReport;
}

export interface RunRepository {
  create(run: NewRun): void;
  get(id: string): RunSummary | null;
  getSettings(id: string): RunSettings | null;
  getReport(id: string): RunReport | null;
  /** Newest first; every run, or the newest `limit`. */
  list(limit?: number): RunSummary[];
  /** A page of the runs table: sorted, filtered, searched, with the total (unset fields take their defaults). */
  query(query: Partial<RunQuery>, now?: Date): RunPage;
  update(id: string, patch: RunPatch): void;
  /** Marks every run still `queued` or `running` as `interrupted` (and their running phases and tasks); returns their ids. */
  markUnfinishedInterrupted(now: string): string[];
}

export interface PhaseRepository {
  /** Creates the phase rows of a run, all `pending`. */
  createAll(runId: string, names: readonly PhaseName[]): void;
  update(runId: string, name: PhaseName, patch: { status: PhaseStatus; startedAt?: string; finishedAt?: string; error?: string | null }): void;
  list(runId: string): PhaseInfo[];
}

export interface TaskRepository {
  /** Creates a `queued` task and returns its id. */
  create(runId: string, phase: PhaseName, name: string): number;
  update(id: number, patch: { status: TaskStatus; attempt?: number; startedAt?: string; finishedAt?: string; error?: string | null; summary?: string | null }): void;
  get(id: number): TaskInfo | null;
  list(runId: string): TaskInfo[];
}

export interface TrialRecord {
  id: number;
  runId: string;
  taskId: number | null;
  phase: PhaseName;
  model: string;
  params: Record<string, number | string | boolean>;
  score: number | null;
  status: 'complete' | 'pruned' | 'failed';
  durationMs: number;
  createdAt: string;
}

export interface TrialRepository {
  insert(trial: Omit<TrialRecord, 'id'>): number;
  list(runId: string): TrialRecord[];
}

export interface MetricRepository {
  insert(runId: string, point: MetricPoint): void;
  list(runId: string): MetricPoint[];
}

export interface EventRepository {
  /** Appends an event with the next sequence number of the run and returns that number. */
  append(runId: string, type: string, payload: unknown, at: string): number;
  lastSeq(runId: string): number;
  /** The run's log lines (events of type `log`), oldest first. */
  logs(runId: string): LogLine[];
}

export interface ArtifactRecord {
  id: number;
  runId: string;
  kind: string;
  /** Path relative to the data folder. */
  path: string;
  checksum: string;
  bytes: number;
  meta: Record<string, unknown>;
  createdAt: string;
}

export interface ArtifactRepository {
  /** Records a file; an earlier record of the same run and path (the file written again) is replaced. */
  insert(artifact: Omit<ArtifactRecord, 'id'>): number;
  list(runId: string): ArtifactRecord[];
}

/** Every repository, plus a transaction that makes a group of writes atomic. */
export interface Store {
  datasets: DatasetRepository;
  runs: RunRepository;
  phases: PhaseRepository;
  tasks: TaskRepository;
  trials: TrialRepository;
  metrics: MetricRepository;
  events: EventRepository;
  artifacts: ArtifactRepository;
  transaction<T>(fn: () => T): T;
  /** Writes a consistent copy of the whole database to `file` (replacing it atomically). */
  backup(file: string): void;
  close(): void;
}
