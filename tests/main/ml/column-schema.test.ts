import { describe, expect, it } from 'vitest';
import { applyColumnChoices, datePart, deriveInputColumns, type ColumnChoice } from '../../../src/main/ml/column-schema';
import { cellText, type Frame } from '../../../src/main/ml/frame';

const DATES = ['2024-01-15', '2024-02-29', '', '2023-12-31', 'not a date'];

function frame(): Frame {
  return {
    rowCount: 5,
    columns: [
      { kind: 'numeric', name: 'id', values: Float64Array.from([1, 2, 3, 4, 5]) },
      { kind: 'numeric', name: 'grade', values: Float64Array.from([1, 2, 2, Number.NaN, 3]) },
      { kind: 'categorical', name: 'amount', codes: Int32Array.from([0, 1, 2, -1, 1]), categories: ['1.5', '2', 'n/a?'] },
      { kind: 'categorical', name: 'signup', codes: Int32Array.from([0, 1, 2, 3, 4]), categories: DATES },
      { kind: 'numeric', name: 'y', values: Float64Array.from([0, 1, 0, 1, 0]) },
    ],
  };
}

const choice = (name: string, type: ColumnChoice['type'], excluded = false): ColumnChoice => ({ name, type, excluded });

describe('applyColumnChoices', () => {
  it('leaves the frame alone without choices (runs from before choices existed)', () => {
    const f = frame();
    expect(applyColumnChoices(f, undefined, 'y').frame).toBe(f);
  });

  it('drops excluded columns but never the target, and says which', () => {
    const out = applyColumnChoices(frame(), [choice('id', 'identifier', true), choice('y', 'boolean', true)], 'y');
    expect(out.frame.columns.map((c) => c.name)).toEqual(['grade', 'amount', 'signup', 'y']);
    expect(out.notes[0]).toContain('"id"');
  });

  it('holds numbers as categories when the user says categorical, and records the transform', () => {
    const out = applyColumnChoices(frame(), [choice('grade', 'categorical')], 'y');
    const grade = out.frame.columns.find((c) => c.name === 'grade')!;
    expect(grade.kind).toBe('categorical');
    expect([0, 1, 2, 3, 4].map((r) => cellText(grade, r))).toEqual(['1', '2', '2', null, '3']);
    expect(out.transforms).toEqual([{ kind: 'number-as-category', source: 'grade' }]);
  });

  it('makes a 0/1 target categorical when it is set to boolean (a classification task), but keeps a 0/1 feature numeric', () => {
    const out = applyColumnChoices(frame(), [choice('y', 'boolean'), choice('grade', 'boolean')], 'y');
    expect(out.frame.columns.find((c) => c.name === 'y')!.kind).toBe('categorical');
    expect(out.frame.columns.find((c) => c.name === 'grade')!.kind).toBe('numeric');
  });

  it('reads categories as numbers when set to numeric; texts that are not numbers become missing, counted in a note', () => {
    const out = applyColumnChoices(frame(), [choice('amount', 'numeric')], 'y');
    const amount = out.frame.columns.find((c) => c.name === 'amount')!;
    expect(amount.kind).toBe('numeric');
    expect([0, 1, 2, 3, 4].map((r) => cellText(amount, r))).toEqual(['1.5', '2', null, null, '2']);
    expect(out.notes.join(' ')).toMatch(/1 values of "amount" are not numbers/);
  });

  it('expands a datetime column into numeric parts; bad dates are missing', () => {
    const out = applyColumnChoices(frame(), [choice('signup', 'datetime')], 'y');
    const names = out.frame.columns.map((c) => c.name);
    expect(names).toEqual(['id', 'grade', 'amount', 'signup.year', 'signup.month', 'signup.day', 'signup.weekday', 'signup.epoch_days', 'y']);
    const part = (p: string, r: number): string | null => cellText(out.frame.columns.find((c) => c.name === `signup.${p}`)!, r);
    expect([part('year', 1), part('month', 1), part('day', 1), part('weekday', 1)]).toEqual(['2024', '2', '29', '4']); // a Thursday
    expect(part('year', 2)).toBeNull();
    expect(part('year', 4)).toBeNull();
    expect(out.transforms).toEqual([expect.objectContaining({ kind: 'datetime', source: 'signup', parts: ['year', 'month', 'day', 'weekday', 'epoch_days'] })]);
    expect(out.notes.join(' ')).toMatch(/1 values of "signup" did not read as dates/);
  });

  it('adds an hour part only when some value has a time of day', () => {
    const f: Frame = {
      rowCount: 3,
      columns: [{ kind: 'categorical', name: 'at', codes: Int32Array.from([0, 1, 2]), categories: ['2024-01-15 08:30', '2024-01-16 17:00', '2024-01-17 00:00'] }],
    };
    const out = applyColumnChoices(f, [choice('at', 'datetime')], 'y');
    const hour = out.frame.columns.find((c) => c.name === 'at.hour')!;
    expect([0, 1, 2].map((r) => cellText(hour, r))).toEqual(['8.5', '17', '0']);
  });

  it('leaves out a column set to datetime whose values are not dates', () => {
    const out = applyColumnChoices(frame(), [choice('amount', 'datetime')], 'y');
    expect(out.frame.columns.map((c) => c.name)).not.toContain('amount');
    expect(out.notes.join(' ')).toMatch(/"amount" is set to datetime but none of its values reads as a date/);
  });
});

describe('free text', () => {
  const notes = ['late by 2 days', 'fine', null, 'called  twice, no answer'];
  const textFrame = (): Frame => ({
    rowCount: 4,
    columns: [
      { kind: 'categorical', name: 'note', codes: Int32Array.from([0, 1, -1, 2]), categories: [notes[0], notes[1], notes[3]] as string[] },
      { kind: 'numeric', name: 'y', values: Float64Array.from([0, 1, 0, 1]) },
    ],
  });

  it('becomes its characters, words and digits (missing stays missing), recorded as a transform and replayed on raw texts', () => {
    const out = applyColumnChoices(textFrame(), [choice('note', 'text')], 'y');
    expect(out.frame.columns.map((c) => c.name)).toEqual(['note.chars', 'note.words', 'note.digits', 'y']);
    const values = (name: string) => Array.from((out.frame.columns.find((c) => c.name === name) as { values: Float64Array }).values);
    expect(values('note.chars')).toEqual([14, 4, Number.NaN, 24]);
    expect(values('note.words')).toEqual([4, 1, Number.NaN, 4]);
    expect(values('note.digits')).toEqual([1, 0, Number.NaN, 0]);
    expect(out.transforms).toEqual([{ kind: 'text-stats', source: 'note', stats: ['chars', 'words', 'digits'] }]);
    const derived = deriveInputColumns({ note: notes }, out.transforms);
    for (const stat of ['chars', 'words', 'digits']) {
      const column = out.frame.columns.find((c) => c.name === `note.${stat}`)!;
      expect(derived[`note.${stat}`]).toEqual([0, 1, 2, 3].map((r) => cellText(column, r)));
    }
  });

  it('at prediction reads cells as the import did: trimmed, and a missing token (NA, ?, -) missing', () => {
    const out = applyColumnChoices(textFrame(), [choice('note', 'text')], 'y');
    const derived = deriveInputColumns({ note: ['  late by 2 days ', 'NA', '?', '-', ''] }, out.transforms);
    expect(derived['note.chars']).toEqual(['14', null, null, null, null]);
    expect(derived['note.words']).toEqual(['4', null, null, null, null]);
  });

  it('stays categories when the column holds numbers (as the number-as-category transform replays them)', () => {
    const f: Frame = { rowCount: 2, columns: [{ kind: 'numeric', name: 'zip', values: Float64Array.from([2134, 90210]) }, { kind: 'numeric', name: 'y', values: Float64Array.from([0, 1]) }] };
    const out = applyColumnChoices(f, [choice('zip', 'text')], 'y');
    expect(out.frame.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['zip:categorical', 'y:numeric']);
    expect(out.transforms).toEqual([{ kind: 'number-as-category', source: 'zip' }]);
  });

  it('is left out when the user excludes it, and kept as a category when set to categorical', () => {
    expect(applyColumnChoices(textFrame(), [choice('note', 'text', true)], 'y').frame.columns.map((c) => c.name)).toEqual(['y']);
    expect(applyColumnChoices(textFrame(), [choice('note', 'categorical')], 'y').frame.columns.map((c) => c.name)).toEqual(['note', 'y']);
  });
});

describe('deriveInputColumns', () => {
  it('replays the training transforms on raw texts, giving the same inputs the frame had', () => {
    const out = applyColumnChoices(frame(), [choice('signup', 'datetime'), choice('grade', 'categorical')], 'y');
    const raw = { signup: DATES.map((d) => (d === '' ? null : d)), grade: ['1.0', '2', '2.00', null, '3'] };
    const derived = deriveInputColumns(raw, out.transforms);
    for (const part of ['year', 'month', 'day', 'weekday', 'epoch_days']) {
      const column = out.frame.columns.find((c) => c.name === `signup.${part}`)!;
      expect(derived[`signup.${part}`]).toEqual([0, 1, 2, 3, 4].map((r) => cellText(column, r)));
    }
    expect(derived.grade).toEqual(['1', '2', '2', null, '3']);
    expect(raw.grade[0]).toBe('1.0');
  });

  it('datePart keeps NaN as NaN', () => {
    expect(datePart(Number.NaN, 'year')).toBeNaN();
    expect(datePart(86_400_000 * 1.5, 'epoch_days')).toBe(1.5);
  });
});
