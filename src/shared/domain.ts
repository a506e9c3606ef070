/**
 * Domain types shared by every layer (main, preload, renderer, hosts).
 * Plain data only: everything here crosses a process or network boundary as JSON.
 */

export type TaskKind = 'binary' | 'multiclass' | 'regression';
export const TASK_KINDS: readonly TaskKind[] = ['binary', 'multiclass', 'regression'];

export type PhaseName = 'search' | 'foundation' | 'refinement' | 'ensemble' | 'validation';
/** The five phases in execution order. */
export const PHASES: readonly PhaseName[] = ['search', 'foundation', 'refinement', 'ensemble', 'validation'];

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type PhaseStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** A status that will never change again. */
export const isFinalRunStatus = (s: RunStatus): boolean =>
  s === 'succeeded' || s === 'failed' || s === 'cancelled' || s === 'interrupted';

/** How a column's values are held in the frame: numbers (Float64Array) or codes into a dictionary. */
export type StorageKind = 'numeric' | 'categorical';

/**
 * What a column means, inferred at import and open to the user's override:
 * - `numeric`, `integer`: quantities (integer = whole numbers only);
 * - `boolean`: two values such as true/false, yes/no, 0/1;
 * - `categorical`: a limited set of labels;
 * - `datetime`: dates or timestamps; models see their parts (year, month, day, weekday, hour…);
 * - `text`: free text (long, mostly unique, with spaces); left out of training by default;
 * - `identifier`: a key unique to each row; left out of training by default.
 */
export type ColumnType = 'numeric' | 'integer' | 'boolean' | 'categorical' | 'datetime' | 'text' | 'identifier';
export const COLUMN_TYPES: readonly ColumnType[] = ['numeric', 'integer', 'boolean', 'categorical', 'datetime', 'text', 'identifier'];

/** Things about a column worth a warning: one value only, no values at all, a different value in every row. */
export type ColumnFlag = 'constant' | 'all-missing' | 'unique';

export interface HistogramBin {
  /** Bin label: a number range `[lo, hi)` for numeric columns, a category for categorical ones. */
  label: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  index: number;
  /** How the values are stored in the frame. */
  storage: StorageKind;
  /** The type in force: the user's override, else {@link inferredType}. */
  type: ColumnType;
  /** The type the importer inferred. */
  inferredType: ColumnType;
  /** Why the importer chose {@link inferredType} (a short phrase). */
  typeReason: string;
  flags: ColumnFlag[];
  /** Left out of training: by the user, or by default (identifiers, text, constant or empty columns). */
  excluded: boolean;
  /** Why it is left out (absent when it is not). */
  excludedReason?: string;
  missing: number;
  distinct: number;
  /** For numbers; for datetimes, milliseconds since 1970 (UTC). */
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  /** Most frequent values (categorical) with counts, largest first. */
  top: { value: string; count: number }[];
  histogram: HistogramBin[];
}

/** The user's choice for one column (by index): a type override and whether to leave it out. */
export interface ColumnSetting {
  index: number;
  /** null clears the override (back to the inferred type). */
  type: ColumnType | null;
  excluded: boolean;
}

/** A column that may leak the target, and why it is suspected. */
export interface LeakageSuspect {
  column: string;
  reason: string;
  /** How well the column alone predicts the target (AUC, accuracy or R², as `measure` says). */
  score: number;
  measure: string;
}

/** What a chosen target implies: the task, its class balance and the columns that may leak it. */
export interface TargetAnalysis {
  target: string;
  task: TaskKind;
  taskReason: string;
  /** Classes with their counts, largest first (empty for regression). */
  classBalance: { label: string; count: number }[];
  leakageSuspects: LeakageSuspect[];
}

/** Facts about the whole table. */
export interface TableProfile {
  rows: number;
  columns: number;
  /** Bytes of the frame's typed arrays and dictionaries in memory. */
  memoryBytes: number;
  /** Rows equal to an earlier row in every column. */
  duplicateRows: number;
}

export interface DatasetSummary {
  id: string;
  name: string;
  /** Rows imported (of a sample: the sample's; `sample.of` is the file's). */
  rows: number;
  columns: number;
  /** Target the profiler suggests, with why. */
  suggestedTarget: string | null;
  suggestedTargetReason: string;
  createdAt: string;
  /** Set when the dataset is a random sample of its file's rows (imported with `rowSample`). */
  sample?: DatasetSample;
}

/** A dataset that is a seeded uniform random sample of its file's data rows. */
export interface DatasetSample {
  /** Rows in the sample (the dataset's `rows`). */
  rows: number;
  /** Data rows in the file. */
  of: number;
  /** The seed the rows were drawn with (the same seed and file give the same rows). */
  seed: number;
}

export interface DatasetPreview {
  columns: string[];
  rows: (string | null)[][];
}

export interface DatasetDetail extends DatasetSummary {
  profile: ColumnProfile[];
  table: TableProfile;
  /** The suggested target's analysis (null when there is none). */
  targetAnalysis: TargetAnalysis | null;
  preview: DatasetPreview;
  /** Sentences about how the file was read (skipped rows, re-decoded text); absent when none. */
  notes?: string[];
}

/** Where an import is; `done`, `failed` and `cancelled` are final. */
export type ImportStage = 'hashing' | 'reading' | 'profiling' | 'saving' | 'done' | 'failed' | 'cancelled';

/** Progress of one import (pushed about ten times a second while it reads). */
export interface ImportProgressEvent {
  /** The id the caller gave the import (or one made up by the service). */
  importId: string;
  fileName: string;
  stage: ImportStage;
  /** Bytes read from disk so far, of `totalBytes` (0 when unknown). */
  bytesRead: number;
  totalBytes: number;
  /** Data rows read so far. */
  rows: number;
  /** The dataset, once `done`. */
  datasetId?: string;
  /** Why it failed, once `failed`. */
  error?: string;
}

/** A page of a dataset's rows, read from its columnar cache (cells as text, null = missing). */
export interface DatasetRows {
  offset: number;
  /** Rows in the dataset. */
  total: number;
  columns: string[];
  rows: (string | null)[][];
}

export interface RunSettings {
  datasetId: string;
  target: string;
  /** Inferred from the target when omitted. */
  task?: TaskKind;
  budgetSeconds: number;
  seed: number;
  /**
   * An iteration budget: fixes the refinement's rounds × attempts (this many attempts in all) and
   * lifts the per-fit time limits, so the same seed gives the same leaderboard. The time budget
   * still stops the run as a safety net. Absent: the time budget decides.
   */
  iterations?: number;
  /**
   * Every column's type and exclusion as they were when the run started (a snapshot of the
   * dataset's column settings, so changing them later does not change what the run did).
   */
  columns?: { name: string; type: ColumnType; excluded: boolean }[];
  /** What the user wants of the result; the report's targets table says whether each was met. */
  goals?: RunGoals;
  /** The metric to optimise and report (one of {@link METRICS_BY_TASK} for the task); the task's default when omitted. */
  metric?: MetricName;
  /** Cross-validation folds (3–10); 5, or 3 past 50,000 training rows, when omitted. */
  cvFolds?: number;
  /** Most refinement rounds (the outer loop's T); the budget decides below it. */
  refinementRounds?: number;
  /** Most attempts per refinement round (the inner loop's K); the budget decides below it. */
  refinementAttempts?: number;
  /** false: the ensemble phase keeps the best single model without trying ensembles. Default true. */
  ensemble?: boolean;
  /**
   * false: the profiles export the models fitted on the training rows, the ones the holdout scored.
   * Default true: after the holdout is scored, the chosen models are refit on every row, holdout
   * included, so the exported model learns from all the data (the holdout score estimates it).
   */
  refitOnAllRows?: boolean;
  /** Where ONNX Runtime trains the linear and MLP models: 'gpu' uses its CUDA provider (falls back to CPU when missing). Default 'cpu'. */
  device?: RunDevice;
}

/** Metrics a run can optimise. */
export type MetricName = 'roc_auc' | 'log_loss' | 'accuracy' | 'rmse';
/** The metrics each task accepts, its default first. */
export const METRICS_BY_TASK: Record<TaskKind, readonly MetricName[]> = {
  binary: ['roc_auc', 'log_loss', 'accuracy'],
  multiclass: ['log_loss', 'accuracy'],
  regression: ['rmse'],
};
export type RunDevice = 'cpu' | 'gpu';

/** A user's goals for a run, each optional. */
export interface RunGoals {
  /** Holdout score to reach: at least this, or at most when a smaller metric is better. */
  score?: number;
  /** Single-row p95 latency of the exported graph, ms (also the fast-inference profile's goal). */
  latencyP95Ms?: number;
  /** Size of the exported model.onnx, MB. */
  modelSizeMB?: number;
  /** Peak memory of scoring with the exported graph, MB. */
  peakMemoryMB?: number;
}

/** One row of a run's targets table: a goal, what the run achieved, and whether it is met. */
export interface TargetRow {
  target: 'score' | 'latency' | 'model size' | 'memory' | 'time';
  /** "≥ 0.85 roc_auc", "≤ 5 ms p95", or "none set". */
  goal: string;
  /** The figure and the profile it comes from: "0.8712 (high performance)". */
  achieved: string;
  status: 'met' | 'missed' | 'no goal';
}

export interface RunSummary {
  id: string;
  datasetId: string;
  datasetName: string;
  target: string;
  task: TaskKind | null;
  metric: string | null;
  /** true when a larger metric value is better. */
  greaterIsBetter: boolean;
  status: RunStatus;
  bestScore: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The exported config profiles, in the order tables show them. */
export const PROFILE_NAMES = ['high-performance', 'fast-inference', 'memory-efficient', 'balanced'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** A row of the Home runs table: a summary plus the exported profiles' holdout scores. */
export interface RunRow extends RunSummary {
  /** Holdout score of each exported profile, by profile name (empty until the run exported any). */
  profileScores: Partial<Record<string, number>>;
}

/** What the runs table can sort by (`profile:<name>` = that profile's holdout score). */
export const RUN_SORT_KEYS = [
  'dataset',
  'target',
  'metric',
  'bestScore',
  'status',
  'duration',
  'startedAt',
  'profile:high-performance',
  'profile:fast-inference',
  'profile:memory-efficient',
  'profile:balanced',
] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

/** A runs table request with its defaults filled in (the `runs:query` channel leaves them optional). */
export interface RunQuery {
  offset: number;
  limit: number;
  sort: RunSortKey;
  direction: 'asc' | 'desc';
  /** Text found in the dataset name, the target or the run id (case-insensitive). */
  search?: string;
  status?: RunStatus[];
  task?: TaskKind;
  metric?: string;
  datasetId?: string;
}

/** One page of the runs table (`runs:query`), with the total that matched and the filter choices. */
export interface RunPage {
  rows: RunRow[];
  /** Runs matching the filters and search (all pages). */
  total: number;
  offset: number;
  limit: number;
  /** What the filters can choose from, over all runs (not only the matching ones). */
  facets: {
    datasets: { id: string; name: string; runs: number }[];
    metrics: string[];
    tasks: TaskKind[];
  };
}

export interface PhaseInfo {
  name: PhaseName;
  status: PhaseStatus;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface TaskInfo {
  id: number;
  phase: PhaseName;
  name: string;
  status: TaskStatus;
  attempt: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** One-line human summary of what the task produced. */
  summary: string | null;
}

export interface MetricPoint {
  name: string;
  step: number;
  value: number;
  at: string;
}

export interface LogLine {
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface LeaderboardEntry {
  model: string;
  params: Record<string, number | string | boolean>;
  cvScore: number;
  cvStd: number;
}

export interface ExportedProfile {
  name: string;
  dir: string;
  modelBytes: number;
  holdoutScore: number;
  /** What the profile holds, e.g. "soft vote of 3 (gbdt, gbdt, linear)". */
  model: string;
  latencyP95Ms: number;
  /** Peak memory of scoring a batch with the exported graph, bytes (profiles written before it was recorded have none). */
  peakMemoryBytes?: number;
  /** Why this model was chosen for the profile, with the figures. */
  reason: string;
}

/** The validation agent's checks, as sentences with their figures. */
export interface ValidationChecks {
  leakage: string[];
  rowOverlap: string;
  /** Every column: used, or why not. */
  dataUsage: { column: string; used: boolean; detail: string }[];
}

/** One ensemble kind the ensemble agent tried, scored on held-out folds against the best single model. */
export interface EnsembleTrialReport {
  /** stacking-mlp / stacking-trees: stacking with the small-MLP or boosted-tree meta-learner (stacking: the linear one). */
  kind: 'soft-vote' | 'weighted-vote' | 'hard-vote' | 'greedy' | 'blending' | 'stacking' | 'stacking-mlp' | 'stacking-trees';
  /** Model family of each member it combined. */
  members: string[];
  heldOutScore: number;
  /** Held-out score minus the best single model's, signed so that positive means better. */
  gain: number;
  wins: number;
  folds: number;
  /** The one chosen. */
  adopted: boolean;
  /** Beat the best single model on the held-out folds (chosen or not); absent in older reports. */
  passed?: boolean;
  reason: string;
}

/** What the ensemble agent tried and why it chose what it chose (or nothing). */
export interface EnsembleReport {
  bestSingle: { model: string; heldOutScore: number };
  tried: EnsembleTrialReport[];
  /** The adopted kind, or 'single'. */
  chosen: EnsembleTrialReport['kind'] | 'single';
  reason: string;
  /** The same as a markdown section (table of kinds and scores). */
  markdown: string;
}

/** The final report of a run (also written as report.json by the CLI). */
/** What the scheduler did: tasks run, how they ended, how long they took. */
export interface TaskStats {
  executed: number;
  succeeded: number;
  failed: number;
  /** Tasks that needed more than one attempt. */
  retried: number;
  /** succeeded / executed (1 when none ran). */
  successRate: number;
  /** Mean wall time of the finished tasks, seconds. */
  meanSeconds: number;
  /** Per phase: its tasks and the sum of their wall times. */
  perPhase: Record<PhaseName, { tasks: number; seconds: number }>;
}

export interface RunReport {
  runId: string;
  dataset: string;
  target: string;
  task: TaskKind;
  metric: string;
  greaterIsBetter: boolean;
  rows: { train: number; holdout: number };
  findings: string;
  /** The ensemble agent's comparison (runs before it existed have none). */
  ensemble?: EnsembleReport;
  /** The scheduler's figures (runs before they were recorded have none). */
  tasks?: TaskStats;
  leaderboard: LeaderboardEntry[];
  best: { model: string; ensemble: 'single' | 'soft-vote' | 'hard-vote' | 'stacking' | 'blending'; members: number; cvScore: number; holdoutScore: number; holdoutCi95: [number, number] };
  /** Largest difference between the exported graph and the in-app model on the holdout (relative to |value| for regression when above 1). */
  onnxParityMaxAbsDiff: number;
  /** Batch throughput of the exported graph, rows per second. */
  throughputRowsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  profiles: ExportedProfile[];
  checks: ValidationChecks;
  phaseSeconds: Record<PhaseName, number>;
  totalSeconds: number;
  /** Refinement: one row per ablated block per round (effect = baseline − score, signed so that positive means the block helps). */
  ablations?: AblationRow[];
  /** Refinement: one row per round, the block refined and what its inner loop found. */
  refinement?: RefinementRound[];
  /** Refinement: every block of the solution, and why one was not searched in this run. */
  refinementBlocks?: RefinementBlockStatus[];
  /** Goal vs achieved vs status, for the user's goals and the time budget (runs before it existed have none). */
  targets?: TargetRow[];
  /** Chart data of the final model's holdout predictions (runs before it was recorded have none). */
  holdoutCharts?: HoldoutCharts;
  /** Feature importance of the final model, top ≤ 30 (runs before it was recorded have none). */
  featureImportance?: FeatureImportanceReport;
  /** The final model's members and their weights in the combination (runs before it was recorded have none). */
  members?: SolutionMemberReport[];
}

/** One ROC and one precision-recall curve: binary (positive class), or one class against the rest. */
export interface ClassCurve {
  /** The positive class; `other (n classes)` folds the classes past the first ten. */
  label: string;
  /** Holdout rows of this class. */
  support: number;
  /** [false positive rate, true positive rate], from (0, 0) to (1, 1), ≤ 200 points. */
  roc: [number, number][];
  /** Area under the full (not downsampled) ROC curve. */
  auc: number;
  /** [recall, precision], recall increasing, ≤ 200 points. */
  pr: [number, number][];
  /** Average precision (scikit-learn's step-wise area under the full PR curve). */
  averagePrecision: number;
  /** Share of holdout rows of this class: a random model's precision. */
  prevalence: number;
}

/** Classification holdout charts: confusion matrix (rows actual, columns predicted) and curves. */
export interface ClassificationCharts {
  kind: 'classification';
  /** Classes in matrix order (≤ 30; `other` folds the rest); counts[actual][predicted]. */
  confusion: { labels: string[]; counts: number[][] };
  /** Binary: one curve (the positive class); multiclass: one-vs-rest, ≤ 11. */
  curves: ClassCurve[];
}

/** Regression holdout charts: a seeded sample of (actual, predicted) and a residual histogram. */
export interface RegressionCharts {
  kind: 'regression';
  /** [actual, predicted] of ≤ 1,000 holdout rows, drawn with the run's seed. */
  points: [number, number][];
  /** Holdout rows the sample was drawn from. */
  rows: number;
  /** Residuals (actual − predicted) of all holdout rows: bin edges (counts.length + 1) and counts. */
  residualHistogram: { edges: number[]; counts: number[] };
  /** Mean and standard deviation of the residuals, mean absolute error and R² over all holdout rows. */
  residualSummary: { mean: number; std: number; mae: number; r2: number };
}

export type HoldoutCharts = ClassificationCharts | RegressionCharts;

export interface FeatureImportanceReport {
  /** How the shares were measured, e.g. "share of split gain" or "standardized |coefficient|". */
  method: string;
  /** Largest first, shares of the whole (sum ≤ 1 once cut to the top 30). */
  features: { feature: string; importance: number }[];
}

/** A file an export wrote or zipped: its path inside the export (`<profile>/model.onnx`) and size. */
export interface ExportedFile {
  path: string;
  bytes: number;
}

/** Chosen profiles as one zip (the browser host downloads it). */
export interface ProfileZip {
  /** Suggested download name, `mlestar-<run>-profiles.zip`. */
  fileName: string;
  /** The zip's bytes, base64. */
  base64: string;
  /** Size of the zip, bytes. */
  bytes: number;
  /** What is inside, uncompressed sizes. */
  files: ExportedFile[];
}

/** Chosen profiles copied into a folder the user picked (desktop app). */
export interface ProfileFolderExport {
  /** The folder written (`<picked>/mlestar-<run>`), or null when the dialog was cancelled. */
  dir: string | null;
  files: ExportedFile[];
}

export interface SolutionMemberReport {
  /** Model family. */
  model: string;
  /** Weight in the vote or blend (stacking: the share the meta-learner gives it). */
  weight: number;
  /** Cross-validated score of the member alone. */
  cvScore: number;
}

export interface AblationRow {
  round: number;
  block: string;
  /** Cross-validated score of the solution the round started from. */
  baseline: number;
  /** Score with this block switched to its plainest alternative. */
  score: number;
  effect: number;
}

export interface RefinementRound {
  round: number;
  /** The block the ablation chose (null when nothing was left to refine). */
  block: string | null;
  attempts: number;
  /** Best score of the round's attempts (the incumbent's when none beat it). */
  best: number;
  improved: boolean;
  /** "encoding: one-hot (maxCategories 50) → target (smoothing 3.2)", or why nothing changed. */
  change?: string;
}

export interface RefinementBlockStatus {
  block: string;
  status: 'active' | 'inactive' | 'unavailable';
  reason: string;
}

/** One finished search trial of a run: a model configuration and its cross-validated score (immutable once recorded). */
export interface TrialInfo {
  id: number;
  /** The task that evaluated it (null for trials recorded without one). */
  taskId: number | null;
  phase: PhaseName;
  /** Model family (gbdt, random-forest, linear, mlp…). */
  model: string;
  params: Record<string, number | string | boolean>;
  /** Mean CV score (for a pruned trial, the running mean when it stopped); null when there is none. */
  score: number | null;
  status: 'complete' | 'pruned' | 'failed';
  durationMs: number;
  createdAt: string;
}

/** The refinement's ablation table and rounds as they stand while the run is going. */
export interface LiveRefinement {
  ablations: AblationRow[];
  rounds: RefinementRound[];
}

export interface RunDetail extends RunSummary {
  settings: RunSettings;
  /** The refinement's tables so far, while the run is active (the final ones are in the report). */
  refinement?: LiveRefinement;
  phases: PhaseInfo[];
  tasks: TaskInfo[];
  metrics: MetricPoint[];
  logs: LogLine[];
  report: RunReport | null;
  /** Sequence number of the last event folded into this snapshot. */
  lastSeq: number;
}

/** One coalesced progress event for a run (pushed about ten times a second while it changes). */
export interface RunProgressEvent {
  runId: string;
  seq: number;
  status: RunStatus;
  bestScore: number | null;
  error: string | null;
  /** Phases whose state changed since the previous event. */
  phases: PhaseInfo[];
  /** Tasks created or changed since the previous event. */
  tasks: TaskInfo[];
  /** Metric points recorded since the previous event. */
  metrics: MetricPoint[];
  logs: LogLine[];
  /** Trials recorded since the previous event (fetch earlier ones with `runs:trials`). */
  trials?: TrialInfo[];
  /** The refinement's tables when they changed since the previous event. */
  refinement?: LiveRefinement;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'serve' | 'cli';
  dataDir: string;
  sample: { name: string; target: string };
  /** The host can open a native file dialog. */
  canPickPaths: boolean;
  /** Things the user must know from start-up (a restored database, interrupted runs). */
  notices: string[];
  /** Whether runs can train on a GPU (ONNX Runtime's CUDA provider), and why not. */
  gpu?: { available: boolean; reason: string };
}
