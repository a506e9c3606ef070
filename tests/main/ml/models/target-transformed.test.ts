import { describe, expect, it } from 'vitest';
import { planDerived, withDerived } from '../../../../src/main/ml/features/derived';
import type { Frame } from '../../../../src/main/ml/frame';
import { EngineeredPipeline } from '../../../../src/main/ml/models/engineered';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../../src/main/ml/models/linear';
import { pipelineFromJSON } from '../../../../src/main/ml/models/pipeline-json';
import { TargetTransformedPipeline } from '../../../../src/main/ml/models/target-transformed';
import { rmse } from '../../../../src/main/ml/metrics';
import { forwardTarget, inverseTarget, TARGET_TRANSFORMS } from '../../../../src/main/ml/target-transform';
import { DEFAULT_GBDT_PARAMS } from '../../../../src/main/ml/trees/params';
import { fitTreePipeline } from '../../../../src/main/ml/trees/tree-pipeline';
import { exportSolutionOnnx } from '../../../../src/main/onnx/ensemble-graph';
import { awkwardRows, graphPredict, maxDiff } from './contract';
import { createRng, syntheticData } from './synthetic';

/** A price-like target: positive, multiplicative in the features, skewed to the right. */
function skewed(n: number, seed: number): { features: Frame; y: Float64Array } {
  const { features, y } = syntheticData('regression', n, seed);
  return { features, y: y.map((v) => Math.exp(0.8 * v)) };
}

const gbdtParams = { ...DEFAULT_GBDT_PARAMS, numIterations: 60 };

describe('pipelines fitted on a transformed target', () => {
  it.each(TARGET_TRANSFORMS)('%s: predictions come back on the target scale, the graph equals them, and JSON round-trips', async (kind) => {
    const { features, y } = skewed(400, 3);
    const inner = await fitTreePipeline(features, forwardTarget(kind, y), 'regression', null, { family: 'gbdt', params: gbdtParams }, { rng: createRng(1) });
    const model = new TargetTransformedPipeline(inner, kind);
    const predicted = model.predict(features);
    const raw = inner.predict(features);
    if (predicted.task !== 'regression' || raw.task !== 'regression') throw new Error('regression expected');
    // The inner model's values through the inverse, on the target's own scale.
    predicted.value.forEach((v, i) => expect(v).toBe(inverseTarget(kind, raw.value[i])));
    const median = (a: Float64Array): number => Float64Array.from(a).sort()[a.length >> 1];
    expect(median(predicted.value) / median(y)).toBeGreaterThan(0.8);
    expect(median(predicted.value) / median(y)).toBeLessThan(1.25);
    expect(rmse(y, predicted.value)).toBeLessThan(rmse(y, raw.value));
    for (const rows of [features, awkwardRows()]) {
      const app = model.predict(rows);
      const graph = await graphPredict(model.toOnnx(), model, rows);
      const scale = Math.max(1, ...(app.task === 'regression' ? Array.from(app.value, Math.abs) : [1]));
      expect(maxDiff(app, graph) / scale).toBeLessThan(1e-6);
    }
    const restored = pipelineFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored).toBeInstanceOf(TargetTransformedPipeline);
    expect(maxDiff(restored.predict(awkwardRows()), model.predict(awkwardRows()))).toBe(0);
  });

  it('nests with derived features and sits in a vote with a raw-target member, as one graph', async () => {
    const { features, y } = skewed(300, 5);
    const derived = planDerived(['a', 'b', 'noise'], { interactions: true, ratios: false }, features.columns.map((c) => c.name));
    const inner = await fitTreePipeline(withDerived(features, derived), forwardTarget('log1p', y), 'regression', null, { family: 'gbdt', params: gbdtParams }, { rng: createRng(2) });
    const logModel = new TargetTransformedPipeline(new EngineeredPipeline(inner, derived), 'log1p');
    expect(logModel.inputs.map((i) => i.name).sort()).toEqual(['a', 'b', 'color', 'noise']);
    const linear = await fitLinearPipeline(features, y, 'regression', null, { ...DEFAULT_LINEAR_PARAMS, epochs: 5, batchSize: 64 }, { rng: createRng(3) });
    const bytes = exportSolutionOnnx([logModel, linear], [0.7, 0.3]);
    const rows = awkwardRows();
    const [a, b] = [logModel.predict(rows), linear.predict(rows)];
    if (a.task !== 'regression' || b.task !== 'regression') throw new Error('regression expected');
    const blend = { task: 'regression' as const, value: a.value.map((v, i) => 0.7 * v + 0.3 * b.value[i]) };
    expect(maxDiff(blend, await graphPredict(bytes, logModel, rows))).toBeLessThan(1e-6);
    const restored = pipelineFromJSON(JSON.parse(JSON.stringify(logModel.toJSON())));
    expect(maxDiff(restored.predict(rows), a)).toBe(0);
  });

  it('refuses a classification pipeline and an unknown transform in a document', async () => {
    const { features, y, classes } = syntheticData('binary', 200, 1);
    const inner = await fitTreePipeline(features, y, 'binary', classes, { family: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numIterations: 5 } }, { rng: createRng(1) });
    expect(() => new TargetTransformedPipeline(inner, 'log1p')).toThrow(/for regression/);
    const { features: f2, y: y2 } = skewed(200, 2);
    const reg = await fitTreePipeline(f2, forwardTarget('sqrt', y2), 'regression', null, { family: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numIterations: 5 } }, { rng: createRng(1) });
    const doc = new TargetTransformedPipeline(reg, 'sqrt').toJSON();
    expect(() => pipelineFromJSON({ ...doc, targetTransform: 'cube' })).toThrow(/unknown target transform "cube"/);
  });
});
