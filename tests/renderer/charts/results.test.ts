import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { curveName, prOption, rocOption } from '../../../src/renderer/charts/classCurves';
import { confusionCells, confusionOption, matrixAccuracy } from '../../../src/renderer/charts/confusionMatrix';
import { featureImportanceOption } from '../../../src/renderer/charts/featureImportance';
import { memberWeightsOption } from '../../../src/renderer/charts/memberWeights';
import { paddedRange, symbolSizeOf, tickFormatter, tradeoffOption, tradeoffPoints } from '../../../src/renderer/charts/profileTradeoff';
import { predictedVsActualOption, residualHistogramOption, residualPoints, residualsOption, shortNumber } from '../../../src/renderer/charts/regressionResults';
import { defaultChartTheme } from '../../../src/renderer/charts/theme';
import type { ClassCurve, ExportedProfile } from '../../../src/shared/domain';

const confusion = { labels: ['no', 'yes'], counts: [[80, 20], [10, 30]] };
const curve = (label: string, auc: number): ClassCurve => ({ label, support: 40, roc: [[0, 0], [0.2, 0.7], [1, 1]], auc, pr: [[0, 1], [0.7, 0.6], [1, 0.3]], averagePrecision: 0.61, prevalence: 0.3 });

describe('confusion matrix heatmap', () => {
  it('colours each cell by its share of the actual class and labels it with its count', () => {
    expect(confusionCells(confusion)).toEqual([
      [0, 0, 0.8, 80],
      [1, 0, 0.2, 20],
      [0, 1, 0.25, 10],
      [1, 1, 0.75, 30],
    ]);
    expect(matrixAccuracy(confusion)).toBeCloseTo(110 / 140, 12);
    const option = confusionOption(confusion);
    const [series] = option.series as HeatmapSeriesOption[];
    expect(series.data).toHaveLength(4);
    // Counts in white on the dark cells (80%, 75% of their class), in the text colour on the pale ones.
    expect((series.data as { label: { color: string } }[]).map((d) => d.label.color)).toEqual(['#ffffff', defaultChartTheme.text, defaultChartTheme.text, '#ffffff']);
    expect(series.label?.show).toBe(true);
    expect(option.xAxis).toMatchObject({ data: ['no', 'yes'], name: 'predicted' });
    expect(option.yAxis).toMatchObject({ data: ['no', 'yes'], inverse: true });
  });

  it('drops cell labels on a large matrix and a class with no rows has zero shares', () => {
    const k = 20;
    const big = { labels: Array.from({ length: k }, (_, i) => `c${i}`), counts: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === 3 ? 0 : i === j ? 5 : 1))) };
    const [series] = confusionOption(big).series as HeatmapSeriesOption[];
    expect(series.data).toHaveLength(k * k);
    expect(series.label?.show).toBe(false);
    expect(confusionCells(big).filter((c) => c[1] === 3).every((c) => c[2] === 0)).toBe(true);
  });
});

describe('ROC and PR curves', () => {
  it('binary: one curve named with its area, the random model dashed, no legend', () => {
    const roc = rocOption([curve('yes', 0.8532)]);
    const series = roc.series as LineSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['yes · AUC 0.853', 'random']);
    expect(series[0].data).toEqual([[0, 0], [0.2, 0.7], [1, 1]]);
    expect(series[1].data).toEqual([[0, 0], [1, 1]]);
    expect(roc.legend).toMatchObject({ show: false });
    const pr = prOption([curve('yes', 0.85)]).series as LineSeriesOption[];
    expect(pr[0].name).toBe('yes · AP 0.610');
    expect(pr[0].step).toBe('start');
    // A random model's precision is the class's prevalence.
    expect(pr[1].data).toEqual([[0, 0.3], [1, 0.3]]);
  });

  it('multiclass: one line per class with a legend', () => {
    const curves = [curve('a', 0.9), curve('b', 0.7), curve('other (3 classes)', Number.NaN)];
    const option = rocOption(curves);
    expect((option.series as LineSeriesOption[]).length).toBe(4);
    expect(option.legend).toMatchObject({ data: ['a · AUC 0.900', 'b · AUC 0.700', 'other (3 classes) · AUC —'] });
    expect(curveName(curves[2], 'pr')).toBe('other (3 classes) · AP 0.610');
  });
});

describe('regression charts', () => {
  const points: [number, number][] = [[1, 2], [3, 2.5], [10, 9]];

  it('predicted vs actual with the perfect-model diagonal over both ranges', () => {
    const series = predictedVsActualOption({ points }).series as (ScatterSeriesOption | LineSeriesOption)[];
    expect(series[0].data).toEqual(points);
    expect(series[1].data).toEqual([[1, 1], [10, 10]]);
  });

  it('residuals are actual − predicted against predicted, with a zero line', () => {
    expect(residualPoints(points)).toEqual([[2, -1], [2.5, 0.5], [9, 1]]);
    const series = residualsOption({ points }).series as (ScatterSeriesOption | LineSeriesOption)[];
    expect(series[1].data).toEqual([[2, 0], [9, 0]]);
    expect((residualsOption({ points: [] }).series as LineSeriesOption[])[1].data).toEqual([]);
  });

  it('residual histogram: one bar per bin, labelled by its range', () => {
    const option = residualHistogramOption({ edges: [-2, 0, 2, 4], counts: [5, 10, 1] });
    expect((option.series as BarSeriesOption[])[0].data).toEqual([5, 10, 1]);
    expect(option.xAxis).toMatchObject({ data: ['-2 … 0', '0 … 2', '2 … 4'] });
    expect([shortNumber(1234), shortNumber(25_000), shortNumber(0.0421), shortNumber(-3.5), shortNumber(2_500_000)]).toEqual(['1.2k', '25k', '0.042', '-3.5', '2.5M']);
  });
});

describe('feature importance and members', () => {
  it('bars with the most important feature on top, as percentages', () => {
    const option = featureImportanceOption({ method: 'share of split gain', features: [{ feature: 'tenure', importance: 0.5 }, { feature: 'contract', importance: 0.3 }, { feature: 'fees', importance: 0.2 }] });
    expect(option.yAxis).toMatchObject({ data: ['fees', 'contract', 'tenure'] });
    expect((option.series as BarSeriesOption[])[0].data).toEqual([0.2, 0.3, 0.5]);
  });

  it('members numbered so two of one family are two bars', () => {
    const option = memberWeightsOption([{ model: 'gbdt', weight: 0.5, cvScore: 0.9 }, { model: 'gbdt', weight: 0.3, cvScore: 0.89 }, { model: 'linear', weight: 0.2, cvScore: 0.85 }]);
    expect(option.yAxis).toMatchObject({ data: ['3. linear', '2. gbdt', '1. gbdt'] });
    expect((option.series as BarSeriesOption[])[0].data).toEqual([0.2, 0.3, 0.5]);
  });
});

describe('profiles on accuracy vs latency', () => {
  const profile = (name: string, model: string, score: number, latency: number, bytes: number): ExportedProfile => ({ name, dir: `/x/${name}`, model, holdoutScore: score, latencyP95Ms: latency, modelBytes: bytes, reason: '' });
  const profiles = [profile('high-performance', 'soft vote of 3', 0.86, 0.4, 400_000), profile('fast-inference', 'linear', 0.84, 0.02, 4_000), profile('memory-efficient', 'linear', 0.84, 0.02, 4_000), profile('balanced', 'gbdt', 0.85, 0.1, 100_000)];

  it('one point per distinct model, sized by model size, labelled with every profile it holds', () => {
    const points = tradeoffPoints(profiles);
    expect(points.map((p) => p.profiles)).toEqual([['high-performance'], ['fast-inference', 'memory-efficient'], ['balanced']]);
    const [series] = tradeoffOption(profiles, 'roc_auc').series as ScatterSeriesOption[];
    const data = series.data as { value: number[]; symbolSize: number; label: { formatter: string } }[];
    expect(data.map((d) => d.value)).toEqual([[0.4, 0.86], [0.02, 0.84], [0.1, 0.85]]);
    expect(data[0].symbolSize).toBe(44);
    expect(data[2].symbolSize).toBe(28);
    expect(data[1].symbolSize).toBeLessThan(data[2].symbolSize);
    expect(data[1].label.formatter).toContain('fast-inference, memory-efficient');
    expect(symbolSizeOf(5, 0)).toBe(12);
  });

  it('axes leave room around the points, and a lone point still gets a range', () => {
    const free = paddedRange([0.02, 0.42]);
    expect(free.min).toBeCloseTo(-0.08, 12);
    expect(free.max).toBeCloseTo(0.52, 12);
    expect(paddedRange([0.02, 0.42], 0).min).toBe(0);
    const lone = paddedRange([0.8]);
    expect(lone.min).toBeLessThan(0.8);
    expect(lone.max).toBeGreaterThan(0.8);
    expect(lone.max - lone.min).toBeLessThan(0.1);
    const option = tradeoffOption(profiles.slice(1, 3), 'roc_auc');
    expect(tickFormatter({ min: 0.848, max: 0.851 })(0.8493)).toBe('0.8493');
    expect(tickFormatter({ min: 0, max: 0.5 })(0.25)).toBe('0.25');
    expect(tickFormatter({ min: 3000, max: 4000 })(3500)).toBe('3500');
    // Two profiles holding one model: one point, whose axes span ±5% around it.
    expect((option.xAxis as { min: number }).min).toBeCloseTo(0.019, 12);
    expect((option.xAxis as { max: number }).max).toBeCloseTo(0.021, 12);
  });
});
