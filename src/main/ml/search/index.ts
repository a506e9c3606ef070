/** Hyperparameter search in Optuna's shape: spaces, trials, samplers, pruners and a study. */
export * from './direction';
export * from './median-pruner';
export * from './pruner';
export * from './random-sampler';
export * from './sampler';
export * from './space';
export * from './study';
export * from './successive-halving-pruner';
export * from './tpe-sampler';
export * from './trial';
