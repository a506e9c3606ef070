/** Ensembles over member predictions: voting, greedy selection, stacking, blending, and the adoption gate. */
export * from './adoption';
export * from './blending';
export * from './greedy-selection';
export * from './members';
export * from './meta-learner';
export * from './stacking';
export * from './voting';
