import { DEFAULT_MLP_PARAMS, fitMlpPipeline } from '../../../../src/main/ml/models/mlp';
import { estimatorContract } from './contract';

estimatorContract('mlp', (features, y, task, classes, options) => fitMlpPipeline(features, y, task, classes, { ...DEFAULT_MLP_PARAMS, hiddenLayers: '16,8', epochs: 15, batchSize: 64, learningRate: 0.01 }, options), { rows: 300 });
