/**
 * The compare view's tables, worked out from the runs' snapshots (pure, unit-tested): settings
 * side by side with the rows that differ marked, and the metrics with the best run of each
 * marked (in the direction that is better for that figure).
 */
import type { PhaseName, RunDetail } from '../../shared/domain';
import { PHASES } from '../../shared/domain';
import { formatBytes, formatDuration, formatMs, formatNumber, formatScore } from './format';

export interface SettingRow {
  label: string;
  values: string[];
  /** Not every run has the same value. */
  differs: boolean;
}

export interface MetricRow {
  label: string;
  /** Figures as shown. */
  values: string[];
  /** Raw figures (null = none), for finding the best. */
  raw: (number | null)[];
  /** Index of the best run for this figure (null when fewer than two runs have it, or all tie). */
  best: number | null;
  differs: boolean;
}

/** Letters that name the runs in headers and the chart legend. */
export const runLetter = (i: number): string => String.fromCharCode(65 + (i % 26));

const allSame = (values: string[]): boolean => values.every((v) => v === values[0]);

function goal(run: RunDetail, key: 'score' | 'latencyP95Ms' | 'modelSizeMB' | 'peakMemoryMB', unit: string): string {
  const v = run.settings.goals?.[key];
  return v === undefined ? '—' : `${formatNumber(v)}${unit}`;
}

/** The model the run chose: "soft-vote of 3 (gbdt)" / "gbdt", or what it has so far. */
export function chosenModel(run: RunDetail): string {
  const best = run.report?.best;
  if (!best) return run.status === 'succeeded' ? '—' : `— (${run.status})`;
  const ensemble = run.report?.ensemble?.chosen ?? best.ensemble;
  // Ensembles' model labels already say what they combine ("soft vote of 2 (gbdt, gbdt)").
  return ensemble === 'single' || best.model.includes(' of ') ? best.model : `${ensemble} of ${best.members} (${best.model})`;
}

export function settingRows(runs: RunDetail[]): SettingRow[] {
  const row = (label: string, value: (r: RunDetail) => string): SettingRow => {
    const values = runs.map(value);
    return { label, values, differs: runs.length > 1 && !allSame(values) };
  };
  return [
    row('Dataset', (r) => r.datasetName),
    row('Target', (r) => r.target),
    row('Task', (r) => r.task ?? r.settings.task ?? 'auto'),
    row('Metric', (r) => (r.metric ? `${r.metric} ${r.greaterIsBetter ? '↑' : '↓'}` : '—')),
    row('Time budget', (r) => formatDuration(r.settings.budgetSeconds * 1000)),
    row('Seed', (r) => String(r.settings.seed)),
    row('Iterations', (r) => (r.settings.iterations === undefined ? 'by time' : String(r.settings.iterations))),
    // The run form's advanced settings: unset means the workflow decided.
    row('CV folds', (r) => (r.settings.cvFolds === undefined ? 'auto' : String(r.settings.cvFolds))),
    row('Refinement rounds (T)', (r) => (r.settings.refinementRounds === undefined ? 'auto' : String(r.settings.refinementRounds))),
    row('Refinement attempts (K)', (r) => (r.settings.refinementAttempts === undefined ? 'auto' : String(r.settings.refinementAttempts))),
    row('Ensemble', (r) => (r.settings.ensemble === false ? 'off' : 'on')),
    row('Final refit on all rows', (r) => (r.settings.refitOnAllRows === false ? 'off' : 'on')),
    row('Device', (r) => r.settings.device ?? 'cpu'),
    row('Score goal', (r) => goal(r, 'score', '')),
    row('Latency goal (p95)', (r) => goal(r, 'latencyP95Ms', ' ms')),
    row('Model size goal', (r) => goal(r, 'modelSizeMB', ' MB')),
    row('Memory goal', (r) => goal(r, 'peakMemoryMB', ' MB')),
    row('Columns left out', (r) => {
      const out = r.settings.columns?.filter((c) => c.excluded && c.name !== r.target).map((c) => c.name) ?? [];
      return out.length === 0 ? 'none' : out.join(', ');
    }),
    row('Chosen model', chosenModel),
    row('Status', (r) => r.status),
  ];
}

/** Index of the best value (max or min); null when fewer than two have one or they all tie. */
export function bestIndex(raw: (number | null)[], higherIsBetter: boolean): number | null {
  let best: number | null = null;
  let count = 0;
  raw.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    count += 1;
    if (best === null || (higherIsBetter ? v > (raw[best] as number) : v < (raw[best] as number))) best = i;
  });
  if (count < 2 || best === null) return null;
  const top = raw[best];
  return raw.filter((v) => v === top).length === count ? null : best;
}

const phaseLabel: Record<PhaseName, string> = {
  search: 'Search time',
  foundation: 'Foundation time',
  refinement: 'Refinement time',
  ensemble: 'Ensemble time',
  validation: 'Validation time',
};

export function metricRows(runs: RunDetail[]): MetricRow[] {
  // Scores are better high or low by their metric; runs on different metrics are not ranked.
  const directions = new Set(runs.map((r) => r.greaterIsBetter));
  const metrics = new Set(runs.map((r) => r.metric));
  const rankScores = metrics.size === 1 && directions.size === 1;
  const scoreHigher = runs[0]?.greaterIsBetter ?? true;
  const row = (label: string, value: (r: RunDetail) => number | null, show: (v: number, r: RunDetail) => string, better: 'higher' | 'lower' | 'score' | 'none'): MetricRow => {
    const raw = runs.map((r) => {
      const v = value(r);
      return v === null || v === undefined || !Number.isFinite(v) ? null : v;
    });
    const values = raw.map((v, i) => (v === null ? '—' : show(v, runs[i])));
    const best = better === 'none' || (better === 'score' && !rankScores) ? null : bestIndex(raw, better === 'higher' || (better === 'score' && scoreHigher));
    return { label, values, raw, best, differs: runs.length > 1 && !allSame(values) };
  };
  const hp = (r: RunDetail) => r.report?.profiles.find((p) => p.name === 'high-performance') ?? r.report?.profiles[0];
  return [
    row('CV score', (r) => r.report?.best.cvScore ?? r.bestScore, (v) => formatScore(v), 'score'),
    row('Holdout score (95% CI)', (r) => r.report?.best.holdoutScore ?? null, (v, r) => {
      const ci = r.report?.best.holdoutCi95;
      return ci ? `${formatScore(v)} [${formatScore(ci[0], 3)}, ${formatScore(ci[1], 3)}]` : formatScore(v);
    }, 'score'),
    row('Latency p50', (r) => r.report?.latencyMs.p50 ?? null, (v) => formatMs(v), 'lower'),
    row('Latency p95', (r) => r.report?.latencyMs.p95 ?? null, (v) => formatMs(v), 'lower'),
    row('Latency p99', (r) => r.report?.latencyMs.p99 ?? null, (v) => formatMs(v), 'lower'),
    row('Throughput', (r) => r.report?.throughputRowsPerSecond ?? null, (v) => `${formatNumber(Math.round(v))} rows/s`, 'higher'),
    row('Model size', (r) => hp(r)?.modelBytes ?? null, (v) => formatBytes(v), 'lower'),
    row('Total time', (r) => r.report?.totalSeconds ?? null, (v) => formatDuration(v * 1000), 'lower'),
    ...PHASES.map((p) => row(phaseLabel[p], (r) => r.report?.phaseSeconds[p] ?? null, (v) => formatDuration(v * 1000), 'none')),
  ];
}
