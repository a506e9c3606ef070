import { useMemo } from 'react';
import type { ClassificationCharts, RegressionCharts, RunReport } from '../../../shared/domain';
import { prOption, rocOption } from '../../charts/classCurves';
import { confusionOption, matrixAccuracy } from '../../charts/confusionMatrix';
import { featureImportanceOption, importanceHeight } from '../../charts/featureImportance';
import { memberWeightsOption } from '../../charts/memberWeights';
import { tradeoffOption } from '../../charts/profileTradeoff';
import { predictedVsActualOption, residualHistogramOption, residualsOption } from '../../charts/regressionResults';
import type { ChartTheme } from '../../charts/theme';
import { Card } from '../../components/Card';
import { EChart } from '../../components/EChart';
import { useChartTheme } from '../../components/useChartTheme';
import { formatNumber, formatScore } from '../../lib/format';
import './echartsResults';
import './results.css';

const fixed = (v: number, digits = 4): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
/** Mean of the finite values (a report saved NaN as null); NaN when there are none. */
const meanFinite = (values: readonly (number | null)[]): number => {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return finite.length ? finite.reduce((s, v) => s + v, 0) / finite.length : Number.NaN;
};

function Metric({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-label">{label}</span>
      <span className="stat-value mono">{value}</span>
      {hint && <span className="stat-hint">{hint}</span>}
    </div>
  );
}

/**
 * The Results view of a finished run: holdout metrics with their interval, the classification
 * (confusion matrix, ROC, precision-recall) or regression (predicted vs actual, residuals) charts,
 * feature importance, the ensemble's members and weights, and the profiles' accuracy-vs-latency
 * trade-off. Runs recorded before the chart data existed get a note instead of empty charts.
 */
export function ResultsSection({ report }: { report: RunReport }) {
  const theme = useChartTheme();
  const charts = report.holdoutCharts;
  return (
    <section className="results" data-testid="results" data-kind={charts?.kind ?? 'none'}>
      <MetricsCard report={report} />
      {!charts && (
        <div className="callout" data-testid="results-no-charts">
          This run was recorded before the holdout charts were kept: run it again to see its confusion matrix, curves or residuals.
        </div>
      )}
      {charts?.kind === 'classification' && <ClassificationCards charts={charts} theme={theme} />}
      {charts?.kind === 'regression' && <RegressionCards charts={charts} theme={theme} />}
      <div className="results-grid">
        <ImportanceCard report={report} theme={theme} />
        <MembersCard report={report} theme={theme} />
      </div>
      <TradeoffCard report={report} theme={theme} />
    </section>
  );
}

function MetricsCard({ report }: { report: RunReport }) {
  const [lo, hi] = report.best.holdoutCi95;
  const charts = report.holdoutCharts;
  return (
    <Card title="Holdout metrics" subtitle={`The final model on ${formatNumber(report.rows.holdout)} rows it never saw; 95% interval by bootstrap`} testId="results-metrics">
      <div className="stat-grid">
        <Metric label={`Holdout ${report.metric}`} value={formatScore(report.best.holdoutScore)} hint={`95% CI ${fixed(lo)} – ${fixed(hi)}`} testId="results-holdout" />
        <Metric label={`CV ${report.metric}`} value={formatScore(report.best.cvScore)} hint="cross-validated, best candidate" />
        {charts?.kind === 'classification' && (
          <>
            <Metric label="Accuracy" value={fixed(matrixAccuracy(charts.confusion))} hint="most probable class" />
            {charts.curves.length === 1 ? (
              <>
                <Metric label="ROC AUC" value={fixed(charts.curves[0].auc)} hint={`positive class: ${charts.curves[0].label}`} />
                <Metric label="Average precision" value={fixed(charts.curves[0].averagePrecision)} hint={`random: ${fixed(charts.curves[0].prevalence, 3)}`} />
              </>
            ) : (
              <Metric label="Mean one-vs-rest AUC" value={fixed(meanFinite(charts.curves.map((c) => c.auc)))} hint={`${charts.curves.length} curves`} />
            )}
          </>
        )}
        {charts?.kind === 'regression' && (
          <>
            <Metric label="R²" value={fixed(charts.residualSummary.r2)} />
            <Metric label="Mean absolute error" value={formatNumber(charts.residualSummary.mae)} />
            <Metric label="Residual mean ± std" value={`${formatNumber(charts.residualSummary.mean)} ± ${formatNumber(charts.residualSummary.std)}`} hint="near 0: no systematic bias" />
          </>
        )}
      </div>
    </Card>
  );
}

function ClassificationCards({ charts, theme }: { charts: ClassificationCharts; theme: ChartTheme }) {
  const confusion = useMemo(() => confusionOption(charts.confusion, theme), [charts, theme]);
  const roc = useMemo(() => rocOption(charts.curves, theme), [charts, theme]);
  const pr = useMemo(() => prOption(charts.curves, theme), [charts, theme]);
  const n = charts.confusion.labels.length;
  const many = charts.curves.length > 1;
  // A few classes: the matrix sits beside the two curves; many: it takes the whole width above them.
  const wide = n > 8;
  return (
    <div className={wide ? 'results-grid' : 'results-grid results-grid-3'}>
      <Card title="Confusion matrix" subtitle="Rows: actual · columns: predicted · colour: share of the actual class" testId="results-confusion" className={wide ? 'results-wide' : undefined}>
        <div data-classes={n}>
          <EChart option={confusion} height={wide ? Math.min(640, n * 24 + 110) : many ? 340 : 300} testId="chart-confusion" ariaLabel="Confusion matrix" />
        </div>
      </Card>
      <Card title="ROC curve" subtitle={many ? 'Each class against the rest' : `Positive class: ${charts.curves[0]?.label ?? '—'}`} testId="results-roc">
        <div data-curves={charts.curves.length}>
          <EChart option={roc} height={many ? 340 : 300} testId="chart-roc" ariaLabel="ROC curve" />
        </div>
      </Card>
      <Card title="Precision–recall" subtitle="Dashed: a random model" testId="results-pr">
        <div data-curves={charts.curves.length}>
          <EChart option={pr} height={many ? 340 : 300} testId="chart-pr" ariaLabel="Precision-recall curve" />
        </div>
      </Card>
    </div>
  );
}

function RegressionCards({ charts, theme }: { charts: RegressionCharts; theme: ChartTheme }) {
  const scatter = useMemo(() => predictedVsActualOption(charts, theme), [charts, theme]);
  const residuals = useMemo(() => residualsOption(charts, theme), [charts, theme]);
  const histogram = useMemo(() => residualHistogramOption(charts.residualHistogram, theme), [charts, theme]);
  const sample = charts.points.length < charts.rows ? `a sample of ${formatNumber(charts.points.length)} of ${formatNumber(charts.rows)} holdout rows` : `all ${formatNumber(charts.rows)} holdout rows`;
  return (
    <div className="results-grid">
      <Card title="Predicted vs actual" subtitle={`${sample}; dashed: a perfect model`} testId="results-pred-actual">
        <div data-points={charts.points.length}>
          <EChart option={scatter} height={300} testId="chart-pred-actual" ariaLabel="Predicted against actual" />
        </div>
      </Card>
      <Card title="Residuals" subtitle="Actual − predicted against predicted; a pattern means the model misses something" testId="results-residuals">
        <div data-points={charts.points.length}>
          <EChart option={residuals} height={300} testId="chart-residuals" ariaLabel="Residuals" />
        </div>
      </Card>
      <Card title="Residual distribution" subtitle={`All ${formatNumber(charts.rows)} holdout rows`} testId="results-residual-histogram" className="results-wide">
        <div data-bins={charts.residualHistogram.counts.length}>
          <EChart option={histogram} height={220} testId="chart-residual-histogram" ariaLabel="Residual histogram" />
        </div>
      </Card>
    </div>
  );
}

function ImportanceCard({ report, theme }: { report: RunReport; theme: ChartTheme }) {
  const importance = report.featureImportance;
  const option = useMemo(() => (importance ? featureImportanceOption(importance, theme) : null), [importance, theme]);
  return (
    <Card title="Feature importance" subtitle={importance ? `Top ${importance.features.length}: ${importance.method}` : undefined} testId="results-importance">
      {importance && option && importance.features.length > 0 ? (
        <div data-features={importance.features.length}>
          <EChart option={option} height={importanceHeight(importance.features.length)} testId="chart-importance" ariaLabel="Feature importance" />
        </div>
      ) : (
        <p className="muted pad">No feature importance was recorded for this run.</p>
      )}
    </Card>
  );
}

const KIND_WORDS: Record<RunReport['best']['ensemble'], string> = {
  single: 'A single model',
  'soft-vote': 'A weighted soft vote',
  'hard-vote': 'A hard vote: the majority of the members’ predicted classes',
  stacking: 'Stacking: a meta-learner over the members’ outputs (weights: the share it gives each)',
  blending: 'A blend fitted on a held-out slice (weights: the share it gives each)',
};

function MembersCard({ report, theme }: { report: RunReport; theme: ChartTheme }) {
  const members = report.members;
  const option = useMemo(() => (members && members.length > 1 ? memberWeightsOption(members, theme) : null), [members, theme]);
  return (
    <Card title="Ensemble members" subtitle={KIND_WORDS[report.best.ensemble] ?? report.best.ensemble} testId="results-members">
      {!members ? (
        <p className="muted pad">This run did not record its members.</p>
      ) : (
        <>
          {option && <EChart option={option} height={Math.max(100, members.length * 26 + 30)} testId="chart-members" ariaLabel="Member weights" />}
          <div className="table-wrap">
            <table className="table table-dense" data-testid="members">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Model</th>
                  <th className="num">Weight</th>
                  <th className="num">CV {report.metric}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m, i) => (
                  <tr key={i}>
                    <td className="muted">{i + 1}</td>
                    <td className="strong">{m.model}</td>
                    <td className="num mono">{m.weight.toFixed(3)}</td>
                    <td className="num mono">{formatScore(m.cvScore)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}

function TradeoffCard({ report, theme }: { report: RunReport; theme: ChartTheme }) {
  const option = useMemo(() => tradeoffOption(report.profiles, report.metric, theme), [report, theme]);
  if (report.profiles.length === 0) return null;
  return (
    <Card title="Profiles: score vs latency" subtitle="Each point is an exported model; its size shows the model file's size" testId="results-tradeoff">
      <div data-profiles={report.profiles.length}>
        <EChart option={option} height={280} testId="chart-tradeoff" ariaLabel="Profiles: score against latency" />
      </div>
    </Card>
  );
}
