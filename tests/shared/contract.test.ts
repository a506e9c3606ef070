import { describe, expect, it } from 'vitest';
import { methodNameOf, REQUEST_CHANNELS, requestSchemas } from '../../src/shared/contract';

describe('contract', () => {
  it('derives one method name per channel, all distinct', () => {
    const names = REQUEST_CHANNELS.map(methodNameOf);
    expect(new Set(names).size).toBe(names.length);
    expect(methodNameOf('datasets:importPath')).toBe('datasetsImportPath');
  });

  it('validates run settings', () => {
    const schema = requestSchemas['runs:start'];
    expect(schema.safeParse({ datasetId: 'abc', target: 'churn', budgetSeconds: 60, seed: 42 }).success).toBe(true);
    expect(schema.safeParse({ datasetId: 'abc', target: 'churn', budgetSeconds: 60, seed: 42, task: 'ranking' }).success).toBe(false);
    expect(schema.safeParse({ datasetId: 'abc', target: '', budgetSeconds: 60, seed: 42 }).success).toBe(false);
    expect(schema.safeParse({ datasetId: 'abc', target: 'churn', budgetSeconds: 60.5, seed: 42 }).success).toBe(false);
    expect(schema.safeParse({ datasetId: 'a/b', target: 'churn', budgetSeconds: 60, seed: 42 }).success).toBe(false);
  });

  it('refuses unknown fields', () => {
    expect(requestSchemas['app:info'].safeParse({ x: 1 }).success).toBe(false);
  });
});
