/** The search agent's knowledge base (resources/knowledge/*.json): loading, rules, findings. */
export * from './families';
export * from './findings';
export * from './load';
export * from './retrieve';
export * from './schema';
