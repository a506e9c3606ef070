/** Validation checkers: target leakage, train/holdout overlap and data usage (pure, no I/O). */
export * from './data-usage';
export * from './fit-rows';
export * from './identifiers';
export * from './leakage';
export * from './one-feature-score';
export * from './row-overlap';
