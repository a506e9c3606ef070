import { useMemo } from 'react';
import type { LeaderboardEntry, RunReport } from '../../../shared/domain';
import { PHASES } from '../../../shared/domain';
import { leaderboardOption, rankEntries } from '../../charts/leaderboard';
import { Card } from '../../components/Card';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';
import { useStagedReveal } from '../../components/useStagedReveal';
import { EnsembleCard } from './EnsembleCard';
import { RefinementCard } from './RefinementCard';
import { TargetsCard } from './TargetsCard';
import { ExportCard } from '../results/ExportCard';
import { Markdown } from '../results/Markdown';
import { ModelCardCard } from '../results/ModelCardCard';
import { ResultsSection } from '../results/ResultsSection';
import { formatBytes, formatDuration, formatMs, formatNumber, formatScore } from '../../lib/format';

/** ONNX predictions must match the in-app ones within this (DESIGN.md §4). */
const PARITY_TOLERANCE = 1e-5;

const paramsText = (params: LeaderboardEntry['params']): string =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : String(v)}`)
    .join(', ');

function Stat({ label, value, hint, testId, wrap }: { label: string; value: string; hint?: string; testId?: string; wrap?: boolean }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-label">{label}</span>
      <span className={wrap ? 'stat-value wrap' : 'stat-value'} title={value}>
        {value}
      </span>
      {hint && <span className="stat-hint">{hint}</span>}
    </div>
  );
}

/** The report's parts, shown one per frame (useStagedReveal): see the `shown >` checks below. */
const PARTS = 7;

export function ReportPanel({ report }: { report: RunReport }) {
  const shown = useStagedReveal(PARTS);
  const parityOk = report.onnxParityMaxAbsDiff <= PARITY_TOLERANCE;
  const direction = report.greaterIsBetter ? 'higher is better' : 'lower is better';

  return (
    <div className="report" data-testid="report" data-parts={PARTS} data-shown={shown}>
      <Card title="Result" subtitle={`${report.task} · ${report.metric} (${direction}) · trained on ${formatNumber(report.rows.train)} rows, held out ${formatNumber(report.rows.holdout)}`}>
        <div className="stat-grid">
          <Stat label="Best model" value={report.best.model} testId="report-best-model" wrap />
          <Stat label={`CV ${report.metric}`} value={formatScore(report.best.cvScore)} testId="report-cv-score" />
          <Stat label={`Holdout ${report.metric}`} value={formatScore(report.best.holdoutScore)} testId="report-holdout-score" />
          <Stat
            label="ONNX parity"
            value={parityOk ? 'match' : 'mismatch'}
            hint={`max |Δ| ${report.onnxParityMaxAbsDiff.toExponential(1)} (tolerance ${PARITY_TOLERANCE.toExponential(0)})`}
            testId="report-parity"
          />
          <Stat
            label="Latency p50 / p95 / p99"
            value={`${formatMs(report.latencyMs.p50)}`}
            hint={`p95 ${formatMs(report.latencyMs.p95)} · p99 ${formatMs(report.latencyMs.p99)} (single row)`}
            testId="report-latency"
          />
          <Stat label="Total time" value={formatDuration(report.totalSeconds * 1000)} hint={PHASES.map((p) => `${p} ${formatDuration((report.phaseSeconds[p] ?? 0) * 1000)}`).join(' · ')} />
          {report.tasks && (
            <Stat
              label="Tasks"
              value={`${report.tasks.executed} · ${Math.round(report.tasks.successRate * 100)}% succeeded`}
              hint={`mean ${formatDuration(report.tasks.meanSeconds * 1000)}${report.tasks.retried > 0 ? ` · ${report.tasks.retried} retried` : ''}${report.tasks.failed > 0 ? ` · ${report.tasks.failed} failed` : ''} · ${PHASES.map((p) => `${p} ${report.tasks!.perPhase[p]?.tasks ?? 0}`).join(' · ')}`}
              testId="report-tasks"
            />
          )}
        </div>
      </Card>

      {report.targets && <TargetsCard targets={report.targets} />}

      {shown > 1 && <ResultsSection report={report} />}

      {shown > 2 && <LeaderboardCard report={report} />}

      {shown > 3 && (
        <>
          <ProfilesCard report={report} />
          <ExportCard runId={report.runId} profiles={report.profiles} />
        </>
      )}
      {shown > 4 && <ModelCardCard runId={report.runId} profiles={report.profiles} />}

      {shown > 5 && report.checks && (
        <Card title="Checks" subtitle="Leakage, train/holdout overlap and what each column was used for">
          <ul className="check-list pad" data-testid="checks">
            {report.checks.leakage.length === 0 ? <li>No feature predicts the target suspiciously well on its own.</li> : report.checks.leakage.map((line) => <li key={line} className="warn">{line}</li>)}
            <li>{report.checks.rowOverlap}</li>
            <li>
              {report.checks.dataUsage.filter((c) => c.used).length} of {report.checks.dataUsage.length} columns used as features
              {report.checks.dataUsage.some((c) => !c.used) && (
                <>; not used: {report.checks.dataUsage.filter((c) => !c.used).map((c) => `${c.column} (${c.detail})`).join(', ')}</>
              )}
              .
            </li>
          </ul>
        </Card>
      )}

      {shown > 5 && <RefinementCard report={report} />}

      {shown > 5 && report.ensemble && <EnsembleCard ensemble={report.ensemble} metric={report.metric} />}

      {shown > 6 && (
        <Card title="Search findings" subtitle="What the profiler and the knowledge base concluded">
          {report.findings.trim() ? <Markdown source={report.findings} testId="findings" /> : <p className="muted pad">No findings were recorded.</p>}
        </Card>
      )}
    </div>
  );
}

/** The candidates' CV scores: bars, and a table with their parameters. */
function LeaderboardCard({ report }: { report: RunReport }) {
  const theme = useChartTheme();
  const ranked = useMemo(() => rankEntries(report.leaderboard, report.greaterIsBetter), [report]);
  const chart = useMemo(
    () => leaderboardOption({ entries: report.leaderboard, greaterIsBetter: report.greaterIsBetter, metric: report.metric, theme }),
    [report, theme],
  );
  return (
    <Card title="Leaderboard" subtitle="Cross-validated score of each candidate">
      {ranked.length === 0 ? (
        <p className="muted pad">No candidates were scored.</p>
      ) : (
        <div className="leaderboard-body">
          <EChart option={chart} height={Math.max(120, Math.min(ranked.length, 12) * 26 + 40)} ariaLabel="Leaderboard" />
          <div className="table-wrap">
            <table className="table table-dense" data-testid="leaderboard">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>Model</th>
                  <th className="num">CV {report.metric}</th>
                  <th className="num">± std</th>
                  <th>Parameters</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((e, i) => {
                  const params = paramsText(e.params);
                  return (
                    <tr key={`${e.model}-${i}`} className={i === 0 ? 'is-best' : undefined}>
                      <td className="num muted">{i + 1}</td>
                      <td className="strong">{e.model}</td>
                      <td className="num mono">{formatScore(e.cvScore)}</td>
                      <td className="num mono muted">{formatScore(e.cvStd)}</td>
                      <td className="params" title={params}>
                        {params || <span className="muted">defaults</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}

/** Each exported profile's model, holdout score, latency, size and folder. */
function ProfilesCard({ report }: { report: RunReport }) {
  return (
    <Card title="Exported profiles" subtitle="Each folder holds model.onnx, profile.json and model-card.md">
      {report.profiles.length === 0 ? (
        <p className="muted pad">No profiles were exported.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-dense" data-testid="profiles">
            <thead>
              <tr>
                <th>Profile</th>
                <th>Model</th>
                <th className="num">Holdout {report.metric}</th>
                <th className="num">p95 latency</th>
                <th className="num">Model size</th>
                <th>Folder</th>
              </tr>
            </thead>
            <tbody>
              {report.profiles.map((p) => (
                <tr key={p.name} data-testid={`profile-${p.name}`} title={p.reason ?? ''}>
                  <td className="strong nowrap">{p.name}</td>
                  <td>{p.model ?? '—'}</td>
                  <td className="num mono">{formatScore(p.holdoutScore)}</td>
                  <td className="num mono">{p.latencyP95Ms !== undefined ? `${p.latencyP95Ms.toFixed(3)} ms` : '—'}</td>
                  <td className="num">{formatBytes(p.modelBytes)}</td>
                  <td className="mono path">
                    {p.dir}
                    <CopyButton text={p.dir} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function CopyButton({ text }: { text: string }) {
  if (typeof navigator === 'undefined' || !navigator.clipboard) return null;
  return (
    <button type="button" className="btn btn-ghost btn-xs" title="Copy path" onClick={() => void navigator.clipboard.writeText(text).catch(() => undefined)}>
      Copy
    </button>
  );
}
