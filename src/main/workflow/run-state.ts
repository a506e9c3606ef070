/**
 * What the phases of one run hand to each other. Filled in phase order; each field says which
 * phase writes it.
 */
import type { TargetTransform } from '../ml/target-transform';
import type { DerivedFeature } from '../ml/features/derived';
import type { AblationRow, ExportedProfile, LeaderboardEntry, PhaseName, RefinementBlockStatus, RefinementRound, TaskKind, ValidationChecks } from '../../shared/domain';
import type { Frame } from '../ml/frame';
import type { Metric } from '../ml/metrics';
import type { LinearParams, LinearPreprocessParams } from '../ml/models/linear';
import type { MlpParams } from '../ml/models/mlp';
import type { ForestParams, GbdtParams } from '../ml/trees/params';
import type { Prediction } from '../ml/prediction';
import type { StackModel } from '../ml/ensemble/meta-learner';
import type { EnsembleReport } from '../../shared/domain';
import type { FeatureImportanceReport, HoldoutCharts, SolutionMemberReport } from '../../shared/domain';

/**
 * How a solution combines its members: one model; a weighted soft vote (`weights`); or a
 * meta-learner over their outputs (`stack`: linear, small MLP or boosted trees, fitted on
 * out-of-fold rows or, blending, linear on a slice).
 */
export type SolutionKind = 'single' | 'soft-vote' | 'hard-vote' | 'stacking' | 'blending';

/** A configuration to evaluate: a model family, its hyperparameters, and why it was proposed. */
export type Candidate = (
  | { model: 'linear'; params: LinearParams & LinearPreprocessParams }
  | { model: 'mlp'; params: MlpParams }
  | { model: 'gbdt'; params: GbdtParams }
  | { model: 'random-forest' | 'extra-trees'; params: ForestParams }
) & {
  /** Why the search agent proposed it. */
  reason: string;
  /**
   * Columns the pipeline leaves out (the refinement's feature selection): the model never sees
   * them, so the exported graph does not take them either.
   */
  dropColumns?: string[];
  /**
   * Derived features (the refinement's feature engineering): computed from the columns, fitted
   * on, and built into the exported graph (ml/models/engineered.ts).
   */
  derived?: DerivedFeature[];
  /** Cleaning: duplicate training rows (equal features and target) count once (ml/dedupe.ts). */
  dropDuplicates?: boolean;
  /** Regression only: fitted on log(1 + y) or √y, predicted through the inverse (ml/target-transform.ts). */
  targetTransform?: TargetTransform;
};

export interface EvaluatedCandidate {
  candidate: Candidate;
  cvScore: number;
  cvStd: number;
  /** Out-of-fold predictions over the training rows, in training-row order. */
  oof: Prediction;
  /** Mean wall time of one fold's fit, ms (the refit's time allowance is based on it). */
  foldFitMs?: number;
  /** Boosting rounds each fold's fit kept after early stopping (gradient boosting only): the refit grows about as many on all rows. */
  foldRounds?: number[];
}

export interface PreparedData {
  fileName: string;
  task: TaskKind;
  classes: string[] | null;
  /** Target per kept row (class index for classification). */
  y: Float64Array;
  features: Frame;
  droppedMissingTarget: number;
  metric: Metric;
  /** Row indexes (into `features`) used for training and cross-validation. */
  train: Int32Array;
  /** Row indexes kept out of everything until validation. */
  holdout: Int32Array;
  folds: number;
}

export interface RunState {
  /** search */
  data?: PreparedData;
  /** search */
  findings?: string;
  /** search */
  candidates: Candidate[];
  /** foundation and refinement: every evaluated configuration, best first. */
  leaderboard: EvaluatedCandidate[];
  /** refinement: the ablation table, the rounds and the blocks it could search (for the report). */
  refinement?: { ablations: AblationRow[]; rounds: RefinementRound[]; blocks: RefinementBlockStatus[] };
  /** ensemble: the members and weights of the chosen solution (one member when no ensemble helped). */
  solution?: { members: EvaluatedCandidate[]; weights: number[]; cvScore: number; kind: SolutionKind; stack?: StackModel };
  /** ensemble: the kinds tried, their held-out scores, and why one (or none) was chosen. */
  ensembleReport?: EnsembleReport;
  /** validation */
  validation?: {
    checks: ValidationChecks;
    holdoutScore: number;
    holdoutCi95: [number, number];
    parityMaxDiff: number;
    latencyMs: { p50: number; p95: number; p99: number };
    throughputRowsPerSecond: number;
    profiles: ExportedProfile[];
    /** Chart data of the chosen solution's holdout predictions, its feature importance and members. */
    insights?: { charts: HoldoutCharts; importance: FeatureImportanceReport; members: SolutionMemberReport[] };
  };
  phaseSeconds: Partial<Record<PhaseName, number>>;
}

export const createRunState = (): RunState => ({ candidates: [], leaderboard: [], phaseSeconds: {} });

/**
 * A candidate's parameters as a trial or leaderboard row shows them: the family's, then what the
 * refinement set around the model (columns left out, derived features, duplicate rows dropped,
 * the target transform), so two rows of one family say how they differ.
 */
export function candidateParams(candidate: Candidate): Record<string, number | string | boolean> {
  const params: Record<string, number | string | boolean> = { ...(candidate.params as unknown as Record<string, number | string | boolean>) };
  if (candidate.dropColumns?.length) params.dropColumns = candidate.dropColumns.join(',');
  if (candidate.derived?.length) params.derived = candidate.derived.map((d) => d.name).join(', ');
  if (candidate.dropDuplicates) params.dropDuplicates = true;
  if (candidate.targetTransform) params.targetTransform = candidate.targetTransform;
  return params;
}

export function leaderboardEntries(state: RunState): LeaderboardEntry[] {
  return state.leaderboard.map((e) => ({
    model: e.candidate.model,
    params: candidateParams(e.candidate),
    cvScore: e.cvScore,
    cvStd: e.cvStd,
  }));
}

/** Inserts keeping best-first order under the run's metric. */
export function addToLeaderboard(state: RunState, entry: EvaluatedCandidate): void {
  const better = state.data?.metric.greaterIsBetter ?? true;
  state.leaderboard.push(entry);
  state.leaderboard.sort((a, b) => (better ? b.cvScore - a.cvScore : a.cvScore - b.cvScore));
}
