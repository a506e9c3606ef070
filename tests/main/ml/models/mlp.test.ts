/**
 * The MLP family beyond the shared contract: params and their messages, learning what a linear
 * model cannot, early stopping with the best epoch kept, the deadline, tanh, blending with
 * another family in one exported graph, and corrupt documents refused.
 */
import { describe, expect, it } from 'vitest';
import { fitFamily, mlpParams } from '../../../../src/main/ml/models/fit-family';
import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../../src/main/ml/models/linear';
import { DEFAULT_MLP_PARAMS, MlpPipeline, fitMlpPipeline, parseHiddenLayers, validateMlpParams, type MlpParams } from '../../../../src/main/ml/models/mlp';
import { pipelineFromJSON } from '../../../../src/main/ml/models/pipeline';
import type { Prediction } from '../../../../src/main/ml/prediction';
import { exportSolutionOnnx } from '../../../../src/main/onnx/ensemble-graph';
import { graphPredict, maxDiff } from './contract';
import { createRng, frame, numeric, syntheticData } from './synthetic';

const SMALL: MlpParams = { ...DEFAULT_MLP_PARAMS, hiddenLayers: '16,8', epochs: 30, batchSize: 64, learningRate: 0.01 };

function accuracy(p: Prediction, y: Float64Array): number {
  if (p.task === 'regression') throw new Error('expected probabilities');
  const k = p.classes.length;
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (p.proba[i * k + j] > p.proba[i * k + best]) best = j;
    if (best === y[i]) right++;
  }
  return right / y.length;
}

/** y = [a·b > 0]: no linear boundary does better than chance. */
function xor(n: number, seed: number) {
  const rng = createRng(seed);
  const a = Array.from({ length: n }, () => rng.normal());
  const b = Array.from({ length: n }, () => rng.normal());
  return { features: frame([numeric('a', a), numeric('b', b)]), y: Float64Array.from(a, (v, i) => (v * b[i] > 0 ? 1 : 0)), classes: ['no', 'yes'] };
}

describe('mlp params', () => {
  it('parses hidden layers and refuses bad ones with a clear message', () => {
    expect(parseHiddenLayers('64,32')).toEqual([64, 32]);
    expect(parseHiddenLayers(' 128 ')).toEqual([128]);
    expect(() => parseHiddenLayers('')).toThrow(/comma-separated positive whole numbers/);
    expect(() => parseHiddenLayers('64,,32')).toThrow(/comma-separated/);
    expect(() => parseHiddenLayers('1.5')).toThrow(/comma-separated/);
    expect(() => parseHiddenLayers('0')).toThrow(/between 1 and 4096/);
    expect(() => parseHiddenLayers('8,8,8,8,8,8,8,8,8')).toThrow(/at most 8 layers/);
  });

  it('validates every param by name', () => {
    expect(() => validateMlpParams(DEFAULT_MLP_PARAMS)).not.toThrow();
    expect(() => validateMlpParams({ ...DEFAULT_MLP_PARAMS, learningRate: 0 })).toThrow(/learningRate/);
    expect(() => validateMlpParams({ ...DEFAULT_MLP_PARAMS, batchSize: 2.5 })).toThrow(/batchSize/);
    expect(() => validateMlpParams({ ...DEFAULT_MLP_PARAMS, epochs: 0 })).toThrow(/epochs/);
    expect(() => validateMlpParams({ ...DEFAULT_MLP_PARAMS, l2: -1 })).toThrow(/l2/);
    expect(() => validateMlpParams({ ...DEFAULT_MLP_PARAMS, validationFraction: 0.9 })).toThrow(/validationFraction/);
    expect(() => validateMlpParams({ ...DEFAULT_MLP_PARAMS, earlyStoppingRounds: 0 })).toThrow(/earlyStoppingRounds/);
    expect(() => validateMlpParams({ ...DEFAULT_MLP_PARAMS, activation: 'gelu' as MlpParams['activation'] })).toThrow(/activation must be one of relu, tanh/);
  });

  it('maps CLI names (hidden_layers=64,32 …) onto params', () => {
    expect(mlpParams({ hidden_layers: '32,16', activation: 'tanh', learning_rate: '0.003', num_iterations: '50', lambda_l2: '0.001', validation_fraction: '0', early_stopping_round: '4', batch_size: '32' })).toEqual({
      hiddenLayers: '32,16',
      activation: 'tanh',
      learningRate: 0.003,
      epochs: 50,
      l2: 0.001,
      validationFraction: 0,
      earlyStoppingRounds: 4,
      batchSize: 32,
    });
    expect(() => mlpParams({ num_leaves: '31' })).toThrow(/Unknown parameter "num_leaves" for mlp; known: hidden_layers/);
    expect(() => mlpParams({ learning_rate: 'fast' })).toThrow(/needs a number/);
  });
});

describe('mlp fits', () => {
  it('learns an interaction a linear model cannot (XOR of signs)', async () => {
    const train = xor(1200, 1);
    const test = xor(400, 2);
    const mlp = await fitMlpPipeline(train.features, train.y, 'binary', train.classes, { ...SMALL, epochs: 80 }, { rng: createRng(1) });
    const linear = await fitLinearPipeline(train.features, train.y, 'binary', train.classes, DEFAULT_LINEAR_PARAMS, { rng: createRng(1) });
    expect(accuracy(mlp.predict(test.features), test.y)).toBeGreaterThan(0.9);
    expect(accuracy(linear.predict(test.features), test.y)).toBeLessThan(0.7);
  });

  it('stops early on the validation loss, keeps the best epoch, and reports every epoch', async () => {
    const { features, y, classes } = syntheticData('binary', 300, 5, 0.05);
    const seen: number[] = [];
    const model = await fitMlpPipeline(features, y, 'binary', classes, { ...SMALL, hiddenLayers: '64', epochs: 300, learningRate: 0.03, validationFraction: 0.2, earlyStoppingRounds: 3 }, {
      rng: createRng(5),
      onIteration: ({ iteration, loss }) => {
        expect(Number.isFinite(loss)).toBe(true);
        seen.push(iteration);
      },
    });
    const training = model.toJSON().training as { losses: number[]; validationLosses: number[]; bestEpoch: number };
    expect(training.losses.length).toBeLessThan(300);
    expect(seen).toEqual(training.losses.map((_, i) => i + 1));
    expect(training.validationLosses).toHaveLength(training.losses.length);
    expect(training.bestEpoch).toBe(training.validationLosses.indexOf(Math.min(...training.validationLosses)) + 1);
    expect(training.losses.length).toBeGreaterThanOrEqual(training.bestEpoch + 3);
  });

  it('without a validation share, trains on every row until the training loss plateaus', async () => {
    const { features, y, classes } = syntheticData('multiclass', 200, 6);
    const model = await fitMlpPipeline(features, y, 'multiclass', classes, { ...SMALL, validationFraction: 0, epochs: 12 }, { rng: createRng(6) });
    const training = model.toJSON().training as { losses: number[]; validationLosses: number[]; bestEpoch: number };
    expect(training.validationLosses).toEqual([]);
    expect(training.bestEpoch).toBe(training.losses.length);
    expect(training.losses.at(-1)).toBeLessThan(training.losses[0]);
  });

  it('starts no epoch after the deadline (the first always runs)', async () => {
    const { features, y, classes } = syntheticData('binary', 300, 7);
    const model = await fitMlpPipeline(features, y, 'binary', classes, { ...SMALL, epochs: 50 }, { rng: createRng(7), deadline: Date.now() - 1 });
    expect((model.toJSON().training as { losses: number[] }).losses).toHaveLength(1);
  });

  it('tanh, regression: the exported graph equals predict() within 1e-5', async () => {
    const { features, y } = syntheticData('regression', 300, 8, 0.1);
    const model = await fitMlpPipeline(features, y, 'regression', null, { ...SMALL, activation: 'tanh', hiddenLayers: '12,12,6' }, { rng: createRng(8) });
    expect(maxDiff(model.predict(features), await graphPredict(model.toOnnx(), model, features))).toBeLessThan(1e-5);
  });

  it("'cuda' runs where installed and falls back to CPU elsewhere, with the same results on CPU", async () => {
    const { features, y, classes } = syntheticData('binary', 200, 9);
    const cuda = await fitMlpPipeline(features, y, 'binary', classes, SMALL, { rng: createRng(9), executionProvider: 'cuda' });
    const provider = (cuda.toJSON().training as { executionProvider: string }).executionProvider;
    expect(['cpu', 'cuda']).toContain(provider);
    if (provider === 'cpu') {
      const cpu = await fitMlpPipeline(features, y, 'binary', classes, SMALL, { rng: createRng(9) });
      expect(cuda.toJSON()).toEqual(cpu.toJSON());
    }
  });

  it('ranks informative columns above noise in feature importance', async () => {
    const { features, y, classes } = syntheticData('binary', 600, 10);
    const model = await fitMlpPipeline(features, y, 'binary', classes, SMALL, { rng: createRng(10) });
    const importance = model.featureImportance();
    expect(importance.reduce((a, f) => a + f.importance, 0)).toBeCloseTo(1, 6);
    const rank = (name: string) => importance.findIndex((f) => f.feature === name);
    expect(rank('a')).toBeLessThan(rank('noise'));
  });

  it('blends with a linear model in one exported graph (soft vote) that equals the blend in JS', async () => {
    const { features, y, classes } = syntheticData('multiclass', 300, 11, 0.1);
    const mlp = await fitFamily('mlp', { hidden_layers: '16', num_iterations: '20' }, features, y, 'multiclass', classes, { rng: createRng(11) });
    const linear = await fitLinearPipeline(features, y, 'multiclass', classes, DEFAULT_LINEAR_PARAMS, { rng: createRng(11) });
    const [a, b] = [mlp.predict(features), linear.predict(features)];
    if (a.task === 'regression' || b.task === 'regression') throw new Error('expected probabilities');
    const blend: Prediction = { task: 'multiclass', classes: a.classes, proba: a.proba.map((p, i) => 0.75 * p + 0.25 * b.proba[i]) };
    expect(maxDiff(blend, await graphPredict(exportSolutionOnnx([mlp, linear], [3, 1]), mlp, features))).toBeLessThan(1e-5);
  });

  it('refuses corrupt documents with a message naming the problem', async () => {
    const { features, y, classes } = syntheticData('binary', 120, 12);
    const fitted = await fitMlpPipeline(features, y, 'binary', classes, { ...SMALL, epochs: 2 }, { rng: createRng(12) });
    if (!(fitted instanceof MlpPipeline)) throw new Error('expected an MlpPipeline');
    const doc = fitted.toJSON();
    const layers = doc.model.layers;
    expect(() => pipelineFromJSON({ ...doc, model: { ...doc.model, layers: [{ ...layers[0], weights: layers[0].weights.slice(1) }, ...layers.slice(1)] } })).toThrow(/layer 0 holds/);
    expect(() => pipelineFromJSON({ ...doc, model: { ...doc.model, layers: [layers[0], layers[2]] } })).toThrow(/layer 1 takes/);
    expect(() => pipelineFromJSON({ ...doc, model: { ...doc.model, outputs: 3 } })).toThrow(/expected 3/);
    expect(() => pipelineFromJSON({ ...doc, model: { ...doc.model, activation: 'gelu' } })).toThrow(/Not a valid MLP pipeline document: model.activation/);
  });
});
