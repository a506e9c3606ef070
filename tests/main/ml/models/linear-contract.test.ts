import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../../src/main/ml/models/linear';
import { estimatorContract } from './contract';

estimatorContract('linear', (features, y, task, classes, options) => fitLinearPipeline(features, y, task, classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 8, batchSize: 64, learningRate: 0.05 }, options), { rows: 300 });
