import { describe, expect, it } from 'vitest';
import type { BinnedData } from '../../../../src/main/ml/trees/binning';
import type { HistogramLayout } from '../../../../src/main/ml/trees/histogram';
import { createSplitScratch, findBestSplit, type SplitConfig } from '../../../../src/main/ml/trees/split';
import { createRng } from '../../../../src/main/ml/rng';

type Rng = ReturnType<typeof createRng>;

/** A one-channel histogram ([g, h] per bin) of `features` features, each with `bins` value bins and a missing bin; about `fill` of the bins hold rows. */
function randomHistogram(rng: Rng, features: number, bins: number, fill: number) {
  const perFeature = bins + 1;
  const hist = new Float64Array(features * perFeature * 2);
  for (let f = 0; f < features; f++) {
    for (let b = 0; b < perFeature; b++) {
      if (rng.next() >= fill) continue;
      const rows = 1 + rng.int(20);
      const at = (f * perFeature + b) * 2;
      hist[at] = (rng.next() - 0.5) * rows;
      hist[at + 1] = (0.05 + rng.next() * 0.2) * rows;
    }
  }
  // Every feature sums to the same totals (one leaf's rows): put each feature's difference from feature 0 in a bin of its own.
  const totalOf = (f: number): [number, number] => {
    let g = 0;
    let h = 0;
    for (let b = 0; b < perFeature; b++) {
      g += hist[(f * perFeature + b) * 2];
      h += hist[(f * perFeature + b) * 2 + 1];
    }
    return [g, h];
  };
  const [g0, h0] = totalOf(0);
  for (let f = 1; f < features; f++) {
    const [g, h] = totalOf(f);
    const b = rng.int(perFeature);
    hist[(f * perFeature + b) * 2] += g0 - g;
    hist[(f * perFeature + b) * 2 + 1] += Math.max(0, h0 - h);
  }
  const [gT, hT] = totalOf(0);
  const layout: HistogramLayout = {
    offsets: Int32Array.from({ length: features }, (_, f) => f * perFeature),
    binCounts: new Int32Array(features).fill(perFeature),
    totalBins: features * perFeature,
    channels: 1,
    stride: 2,
    rowMajor: null,
    bundles: null,
  };
  const data: BinnedData = { rowCount: 0, bins: [], binCounts: layout.binCounts, missingBin: new Int32Array(features).fill(bins) };
  return { hist, layout, data, total: Float64Array.of(gT, hT, Math.round(hT * 8)) };
}

/** The gain of every numeric candidate, written out from split.ts's header: the best one, first on ties. */
function bruteForce(hist: Float64Array, features: number, bins: number, total: Float64Array, cfg: SplitConfig) {
  const score = (g: number, h: number): number => {
    const d = h + cfg.lambdaL2;
    if (d <= 0) return 0;
    const t = cfg.lambdaL1 <= 0 ? g : g > cfg.lambdaL1 ? g - cfg.lambdaL1 : g < -cfg.lambdaL1 ? g + cfg.lambdaL1 : 0;
    return (t * t) / d;
  };
  const [gT, hT, nT] = total;
  const parent = score(gT, hT);
  const factor = nT / hT;
  const empty = hT * 1e-12;
  let best = { gain: 0, feature: -1, bin: -1, defaultLeft: false };
  for (let f = 0; f < features; f++) {
    const at = (b: number): number => (f * (bins + 1) + b) * 2;
    const gM = hist[at(bins)];
    const hM = hist[at(bins) + 1];
    const nonEmpty = Array.from({ length: bins }, (_, b) => b).filter((b) => hist[at(b) + 1] > empty);
    if (nonEmpty.length === 0) continue;
    const first = nonEmpty[0];
    const last = nonEmpty[nonEmpty.length - 1];
    const hasMissing = hM > empty;
    let gL = 0;
    let hL = 0;
    for (let b = 0; b <= (hasMissing ? last : last - 1); b++) {
      gL += hist[at(b)];
      hL += hist[at(b) + 1];
      if (b < first) continue;
      const sides: [number, number, boolean][] = [[gL, hL, false]];
      if (hasMissing && b < last) sides.push([gL + gM, hL + hM, true]);
      for (const [g, h, defaultLeft] of sides) {
        const nL = Math.floor(h * factor + 0.5);
        if (nL < cfg.minDataInLeaf || nT - nL < cfg.minDataInLeaf || h < cfg.minSumHessian || hT - h < cfg.minSumHessian) continue;
        const gain = score(g, h) + score(gT - g, hT - h) - parent;
        if (gain > best.gain && gain > cfg.minGainToSplit) best = { gain, feature: f, bin: b, defaultLeft };
      }
    }
  }
  return best;
}

describe('findBestSplit on one gradient channel', () => {
  it('picks the candidate with the largest exact gain, first on ties, under every regularisation', () => {
    const rng = createRng(11);
    const configs: SplitConfig[] = [
      { minDataInLeaf: 1, minSumHessian: 0, lambdaL1: 0, lambdaL2: 0, minGainToSplit: 0, randomThresholds: false },
      { minDataInLeaf: 1, minSumHessian: 1e-3, lambdaL1: 0, lambdaL2: 1, minGainToSplit: 0, randomThresholds: false },
      { minDataInLeaf: 20, minSumHessian: 1, lambdaL1: 0.5, lambdaL2: 3, minGainToSplit: 0.01, randomThresholds: false },
    ];
    let splits = 0;
    for (let trial = 0; trial < 300; trial++) {
      const features = 1 + rng.int(8);
      const bins = 2 + rng.int(60);
      const fill = [0.05, 0.3, 0.9][trial % 3];
      const { hist, layout, data, total } = randomHistogram(rng, features, bins, fill);
      const cfg = configs[trial % configs.length];
      const all = Int32Array.from({ length: features }, (_, f) => f);
      const found = findBestSplit(hist, layout, data, new Uint8Array(features), all, total, cfg, createSplitScratch(1), null);
      const expected = bruteForce(hist, features, bins, total, cfg);
      expect({ feature: found.feature, bin: found.bin, defaultLeft: found.defaultLeft }).toEqual({ feature: expected.feature, bin: expected.bin, defaultLeft: expected.defaultLeft });
      expect(found.gain).toBe(expected.gain);
      if (expected.feature >= 0) splits++;
    }
    // Most trials have a split to find (the comparison above is not only of "none").
    expect(splits).toBeGreaterThan(150);
  });
});
