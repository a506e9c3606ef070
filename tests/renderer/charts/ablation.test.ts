import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts/charts';
import { ablationEffects, ablationOption } from '../../../src/renderer/charts/ablation';
import { ensembleKindsOption } from '../../../src/renderer/charts/ensembleKinds';
import type { EnsembleReport } from '../../../src/shared/domain';

const rows = [
  { round: 1, block: 'encoding', baseline: 0.8, score: 0.7, effect: 0.1 },
  { round: 1, block: 'imputation', baseline: 0.8, score: 0.79, effect: 0.01 },
  { round: 2, block: 'encoding', baseline: 0.85, score: 0.84, effect: 0.01 },
  { round: 2, block: 'imputation', baseline: 0.85, score: 0.83, effect: 0.02 },
];

describe('ablation chart', () => {
  it('gives each block its first- and last-round effect, largest last effect first', () => {
    expect(ablationEffects(rows)).toEqual([
      { block: 'imputation', first: 0.01, last: 0.02 },
      { block: 'encoding', first: 0.1, last: 0.01 },
    ]);
  });

  it('draws two series (first and last round), the block that matters most on top', () => {
    const option = ablationOption(rows, 'roc_auc');
    expect(option.yAxis).toMatchObject({ data: ['encoding', 'imputation'] });
    const series = option.series as BarSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['round 1', 'round 2']);
    expect(series[1].data).toEqual([0.01, 0.02]);
  });

  it('draws one series when there was one round, and a gap for a block not ablated', () => {
    const option = ablationOption([...rows.slice(0, 1)], 'rmse');
    expect((option.series as BarSeriesOption[]).length).toBe(1);
    expect(ablationEffects([{ round: 1, block: 'a', baseline: 1, score: 1, effect: 0 }, { round: 2, block: 'b', baseline: 1, score: 1, effect: 0.5 }])).toEqual([
      { block: 'b', first: Number.NaN, last: 0.5 },
      { block: 'a', first: 0, last: Number.NaN },
    ]);
  });
});

describe('ensemble kinds chart', () => {
  it('shows each kind’s gain, the chosen one in the accent colour', () => {
    const report: EnsembleReport = {
      bestSingle: { model: 'linear', heldOutScore: 0.84 },
      tried: [
        { kind: 'soft-vote', members: ['a', 'b'], heldOutScore: 0.845, gain: 0.005, wins: 4, folds: 5, adopted: true, reason: '' },
        { kind: 'stacking', members: ['a', 'b'], heldOutScore: 0.85, gain: 0.01, wins: 5, folds: 5, adopted: true, reason: '' },
      ],
      chosen: 'stacking',
      reason: 'best',
      markdown: '',
    };
    const option = ensembleKindsOption(report, 'roc_auc', { text: '#000', muted: '#777', grid: '#eee', accent: '#f00', palette: ['#00f', '#0f0'] });
    expect(option.yAxis).toMatchObject({ data: ['stacking', 'soft vote'] });
    const data = (option.series as BarSeriesOption[])[0].data as { value: number; itemStyle: { color: string } }[];
    expect(data.map((d) => [d.value, d.itemStyle.color])).toEqual([
      [0.01, '#f00'],
      [0.005, '#0f0'],
    ]);
  });
});
