import { describe, expect, it } from 'vitest';
import { planDerived, withDerived, type DerivedFeature } from '../../../../src/main/ml/features/derived';
import { EngineeredPipeline } from '../../../../src/main/ml/models/engineered';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../../src/main/ml/models/linear';
import { DEFAULT_MLP_PARAMS, fitMlpPipeline } from '../../../../src/main/ml/models/mlp';
import type { FitOptions, FittedPipeline } from '../../../../src/main/ml/models/pipeline';
import { pipelineFromJSON } from '../../../../src/main/ml/models/pipeline-json';
import { DEFAULT_GBDT_PARAMS } from '../../../../src/main/ml/trees/params';
import { fitTreePipeline } from '../../../../src/main/ml/trees/tree-pipeline';
import { exportSolutionOnnx } from '../../../../src/main/onnx/ensemble-graph';
import type { Frame } from '../../../../src/main/ml/frame';
import type { TaskKind } from '../../../../src/shared/domain';
import { awkwardRows, estimatorContract, graphPredict, maxDiff } from './contract';
import { createRng, syntheticData } from './synthetic';

/** Products and ratios of the frame's numeric columns (on the synthetic data a ÷ b, b ÷ noise: divisors near and at zero in awkward rows). */
const plan = (features: Frame): DerivedFeature[] =>
  planDerived(
    features.columns.filter((c) => c.kind === 'numeric').map((c) => c.name),
    { interactions: true, ratios: true },
    features.columns.map((c) => c.name),
  );

type Inner = (features: Frame, y: Float64Array, task: TaskKind, classes: string[] | null, options: FitOptions) => Promise<FittedPipeline>;
const engineered = (inner: Inner): Inner => async (features, y, task, classes, options) => {
  const derived = plan(features);
  return new EngineeredPipeline(await inner(withDerived(features, derived), y, task, classes, options), derived);
};

const gbdt: Inner = (f, y, t, c, o) => fitTreePipeline(f, y, t, c, { family: 'gbdt', params: { ...DEFAULT_GBDT_PARAMS, numIterations: 20 } }, o);
const linear: Inner = (f, y, t, c, o) => fitLinearPipeline(f, y, t, c, { ...DEFAULT_LINEAR_PARAMS, epochs: 8, batchSize: 64, learningRate: 0.05 }, o);

estimatorContract('gbdt (with derived products and ratios)', engineered(gbdt), { rows: 300 });
estimatorContract('linear (with derived products and ratios)', engineered(linear), { rows: 300 });

describe('pipelines with derived features', () => {
  it('take raw columns only, report importance per raw column, and export an MLP and a mixed vote as one graph each', async () => {
    const { features, y, classes } = syntheticData('binary', 300, 5, 0.1);
    const options = () => ({ rng: createRng(2) });
    const mlp = await engineered((f, yy, t, c, o) => fitMlpPipeline(f, yy, t, c, { ...DEFAULT_MLP_PARAMS, hiddenLayers: '8', epochs: 5, batchSize: 64 }, o))(features, y, 'binary', classes, options());
    expect(mlp.inputs.map((i) => i.name).sort()).toEqual(['a', 'b', 'color', 'noise']);
    const importance = mlp.featureImportance();
    expect(importance.map((e) => e.feature).sort()).toEqual(['a', 'b', 'color', 'noise']);
    expect(importance.reduce((s, e) => s + e.importance, 0)).toBeCloseTo(1, 9);
    for (const rows of [features, awkwardRows()]) expect(maxDiff(mlp.predict(rows), await graphPredict(mlp.toOnnx(), mlp, rows))).toBeLessThan(1e-5);

    const plain = await gbdt(features, y, 'binary', classes, options());
    const tree = await engineered(gbdt)(features, y, 'binary', classes, options());
    const members = [tree, plain, mlp];
    const bytes = exportSolutionOnnx(members, [0.5, 0.3, 0.2]);
    for (const rows of [features, awkwardRows()]) {
      const parts = members.map((m) => m.predict(rows));
      const blended = parts[0].task === 'regression' ? parts[0] : { ...parts[0], proba: parts[0].proba.map((_, j) => parts.reduce((s, p, i) => s + [0.5, 0.3, 0.2][i] * (p.task === 'regression' ? 0 : p.proba[j]), 0)) };
      expect(maxDiff(blended, await graphPredict(bytes, tree, rows))).toBeLessThan(1e-5);
    }
  });

  it('round-trip through JSON, and a malformed derived list is refused', async () => {
    const { features, y } = syntheticData('regression', 200, 6);
    const model = await engineered(gbdt)(features, y, 'regression', null, { rng: createRng(1) });
    const restored = pipelineFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored).toBeInstanceOf(EngineeredPipeline);
    expect(maxDiff(restored.predict(awkwardRows()), model.predict(awkwardRows()))).toBe(0);
    expect(() => pipelineFromJSON({ ...model.toJSON(), derived: [{ name: 'x', op: 'power', left: 'a', right: 'b' }] })).toThrow(/derived features are malformed/);
  });
});
