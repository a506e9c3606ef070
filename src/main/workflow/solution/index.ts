/** The structured solution: blocks, their alternatives, diffs, the ablation study and block search spaces. */
export * from './ablation';
export * from './block-search';
export * from './blocks';
export * from './solution';
