import { DEFAULT_LINEAR_PARAMS, fitLinearPipeline } from '../../../../src/main/ml/models/linear';
import { estimatorContract } from './contract';

estimatorContract('linear', (features, y, task, classes, options) => fitLinearPipeline(features, y, task, classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 8, batchSize: 64, learningRate: 0.05 }, options), { rows: 300 });

// The scaling and cleaning blocks' alternatives change the design and its graph (Max, Min, other centre and scale).
estimatorContract('linear (robust scaling, outliers clipped)', (features, y, task, classes, options) =>
  fitLinearPipeline(features, y, task, classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 8, batchSize: 64, learningRate: 0.05, scaling: 'robust', clipQuantile: 0.05 }, options), { rows: 300 });
estimatorContract('linear (min-max scaling, median imputation)', (features, y, task, classes, options) =>
  fitLinearPipeline(features, y, task, classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 8, batchSize: 64, learningRate: 0.05, scaling: 'min-max', imputation: 'median' }, options), { rows: 300 });
estimatorContract('linear (frequency encoding)', (features, y, task, classes, options) =>
  fitLinearPipeline(features, y, task, classes, { ...DEFAULT_LINEAR_PARAMS, epochs: 8, batchSize: 64, learningRate: 0.05, encoding: 'frequency' }, options), { rows: 300 });
