import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/main/ml/frame';
import { cat, num, rowsOf } from '../../support/columns';
import { defaultExclusion, inferColumnType, isIdentifierName } from '../../../src/main/ml/semantic-types';

const infer = (c: Column) => inferColumnType(c, rowsOf(c));
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('numeric storage', () => {
  it('reads whole numbers as integer, others as numeric', () => {
    expect(infer(num('n', [1, 2, 2, 5, NaN]))).toMatchObject({ type: 'integer', reason: 'whole numbers' });
    expect(infer(num('x', [1.5, 2, 3]))).toMatchObject({ type: 'numeric' });
  });

  it('reads exactly 0 and 1 as boolean, not 1 and 2', () => {
    expect(infer(num('flag', [0, 1, 1, NaN, 0])).type).toBe('boolean');
    expect(infer(num('n', [1, 2, 1])).type).toBe('integer');
    expect(infer(num('n', [0, 1, 2])).type).toBe('integer');
  });

  it('reads unique whole numbers named like a key as an identifier', () => {
    for (const name of ['id', 'ID', 'customer_id', 'customerId', 'orderID', 'key', 'row uuid']) {
      expect(infer(num(name, [5, 3, 9, 11])).type, name).toBe('identifier');
    }
    expect(infer(num('customer_id', [5, 5, 9])).type).toBe('integer'); // repeats: a grouping key, not a row id
    expect(infer(num('paid', [5, 3, 9])).type).toBe('integer');
  });

  it('reads a permutation of 1..n over many rows as a row number', () => {
    const shuffled = range(100).map((i) => ((i * 37) % 100) + 1);
    expect(infer(num('n', shuffled))).toMatchObject({ type: 'identifier', reason: expect.stringMatching(/row number/) });
    expect(infer(num('n', range(30))).type).toBe('integer'); // too few rows to say
  });

  it('flags constant, all-missing and unique columns', () => {
    expect(infer(num('k', [7, 7, NaN])).flags).toEqual(['constant']);
    expect(infer(num('e', [NaN, NaN])).flags).toEqual(['all-missing']);
    expect(infer(num('u', [1.5, 2.5, NaN])).flags).toEqual(['unique']);
    expect(infer(num('one', [3])).flags).toEqual(['constant']);
  });
});

describe('categorical storage', () => {
  it.each([
    ['true', 'false'],
    ['Yes', 'No'],
    ['y', 'n'],
    ['T', 'F'],
    ['on', 'OFF'],
  ])('reads %s / %s as boolean', (a, b) => {
    expect(infer(cat('b', [a, b, a, null])).type).toBe('boolean');
  });

  it('does not read other pairs or mixed pairs as boolean', () => {
    expect(infer(cat('b', ['good', 'bad', 'good'])).type).toBe('categorical');
    expect(infer(cat('b', ['yes', 'false', 'yes'])).type).toBe('categorical');
  });

  it('reads dates as datetime and says which order it assumed', () => {
    const iso = infer(cat('d', ['2024-03-01', '2024-03-02', null, '2023-12-31T10:00:00']));
    expect(iso).toMatchObject({ type: 'datetime', dateFormat: 'ymd-' });
    const us = infer(cat('d', ['01/03/2024', '02/03/2024']));
    expect(us).toMatchObject({ type: 'datetime', dateFormat: 'mdy/' });
    expect(us.reason).toMatch(/month first/);
    expect(infer(cat('d', ['13/03/2024', '02/03/2024'])).dateFormat).toBe('dmy/');
  });

  it('reads short codes unique per row as an identifier', () => {
    expect(infer(cat('code', ['a1', 'b2', 'c3'])).type).toBe('identifier');
    const nearly = range(100).map((i) => `C-${i < 97 ? i : 0}`);
    expect(infer(cat('code', nearly))).toMatchObject({ type: 'identifier', reason: expect.stringMatching(/97 distinct in 100 rows/) });
  });

  it('reads long or many-word values with many distinct values as text', () => {
    const reviews = range(40).map((i) => `the product arrived late but works fine ${i}`);
    expect(infer(cat('review', reviews)).type).toBe('text');
    const phrases = range(40).map((i) => `red big box ${i % 20}`);
    expect(infer(cat('note', phrases)).type).toBe('text');
  });

  it('keeps long labels with few values categorical', () => {
    const plans = range(300).map((i) => ['Fiber optic internet with TV bundle', 'DSL internet only, no phone line'][i % 2] + (i % 3));
    expect(infer(cat('plan', plans)).type).toBe('categorical');
  });

  it('reads ordinary labels as categorical', () => {
    expect(infer(cat('colour', ['red', 'blue', 'red', 'green']))).toMatchObject({ type: 'categorical', flags: [] });
  });

  it('flags constant and all-missing categorical columns', () => {
    expect(infer(cat('k', ['a', 'a', null])).flags).toEqual(['constant']);
    expect(infer(cat('e', [null, null])).flags).toEqual(['all-missing']);
  });
});

describe('defaults', () => {
  it('leaves identifiers, constant and empty columns out; free text is used (as its statistics)', () => {
    expect(defaultExclusion('identifier', ['unique'])).toMatch(/identifier/);
    expect(defaultExclusion('text', [])).toBeNull();
    expect(defaultExclusion('integer', ['constant'])).toMatch(/constant/);
    expect(defaultExclusion('numeric', ['all-missing'])).toMatch(/missing/);
    expect(defaultExclusion('numeric', ['unique'])).toBeNull();
    expect(defaultExclusion('datetime', [])).toBeNull();
  });

  it('recognises key-like names', () => {
    expect(['id', 'Id', 'user_id', 'userId', 'userID', 'order-key', 'uuid', 'GUID'].every(isIdentifierName)).toBe(true);
    expect(['paid', 'valid', 'idea', 'monkey', 'width', 'hid'].some(isIdentifierName)).toBe(false);
  });
});
