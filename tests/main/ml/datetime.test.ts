import { describe, expect, it } from 'vitest';
import { dateParts, describeDateFormat, detectDate, detectDateFormat, formatDate, parseDate } from '../../../src/main/ml/datetime';

const utc = (s: string): number => Date.parse(s);

describe('parseDate', () => {
  it.each([
    ['2024-03-01', 'ymd-', '2024-03-01T00:00:00Z'],
    ['2024-03-01T12:30:00', 'ymd-', '2024-03-01T12:30:00Z'],
    ['2024-03-01 12:30', 'ymd-', '2024-03-01T12:30:00Z'],
    ['2024-03-01T12:30:00Z', 'ymd-', '2024-03-01T12:30:00Z'],
    ['2024-03-01T12:30:00.250+02:00', 'ymd-', '2024-03-01T10:30:00.250Z'],
    ['2024-03-01T12:30:00-0500', 'ymd-', '2024-03-01T17:30:00Z'],
    ['2024/03/01', 'ymd/', '2024-03-01T00:00:00Z'],
    ['03/01/2024', 'mdy/', '2024-03-01T00:00:00Z'],
    ['3/1/2024 3:45 PM', 'mdy/', '2024-03-01T15:45:00Z'],
    ['3/1/2024 12:05 am', 'mdy/', '2024-03-01T00:05:00Z'],
    ['01/03/2024', 'dmy/', '2024-03-01T00:00:00Z'],
    ['01.03.2024 08:00:05', 'dmy.', '2024-03-01T08:00:05Z'],
    ['01-Mar-2024', 'dMy', '2024-03-01T00:00:00Z'],
    ['1 March 2024', 'dMy', '2024-03-01T00:00:00Z'],
    ['Fri, 01 Mar 2024 12:00:00 GMT', 'dMy', '2024-03-01T12:00:00Z'],
    ['Mar 1, 2024', 'Mdy', '2024-03-01T00:00:00Z'],
    ['September 30 2023 11:59 PM', 'Mdy', '2023-09-30T23:59:00Z'],
    ['  2024-02-29  ', 'ymd-', '2024-02-29T00:00:00Z'],
    ['1899-12-31', 'ymd-', '1899-12-31T00:00:00Z'],
  ])('reads %s under %s', (text, format, iso) => {
    expect(parseDate(text, format)).toBe(utc(iso));
  });

  it.each([
    ['2023-02-29', 'ymd-'], // not a leap year
    ['2024-02-30', 'ymd-'],
    ['31/04/2024', 'dmy/'],
    ['2024-13-01', 'ymd-'],
    ['2024-03-01T24:00', 'ymd-'],
    ['2024-03-01T12:60', 'ymd-'],
    ['13:00 PM', 'ymd-'],
    ['3/1/2024 13:00 PM', 'mdy/'],
    ['2024-03-011', 'ymd-'],
    ['2024-03-01 garbage', 'ymd-'],
    ['2024/03/01', 'ymd-'],
    ['Foo 1, 2024', 'Mdy'],
    ['12345', 'ymd-'],
    ['', 'ymd-'],
    ['2024-03-01', 'no-such-format'],
  ])('rejects %s under %s', (text, format) => {
    expect(parseDate(text, format)).toBeNaN();
  });
});

describe('detectDateFormat', () => {
  it('detects ISO dates and timestamps', () => {
    expect(detectDateFormat(['2024-03-01', '2024-03-02T10:00:00Z', 'NA', ''])).toBe('ymd-');
  });

  it('reads day first when a first field is above 12', () => {
    const d = detectDate(['01/03/2024', '02/03/2024', '25/12/2023']);
    expect(d).toMatchObject({ format: 'dmy/', ambiguous: false });
  });

  it('reads month first when a second field is above 12', () => {
    expect(detectDate(['03/01/2024', '12/25/2023'])).toMatchObject({ format: 'mdy/', ambiguous: false });
  });

  it('defaults to month first when no field says, and says it is ambiguous', () => {
    expect(detectDate(['01/03/2024', '02/03/2024', '11/12/2023'])).toMatchObject({ format: 'mdy/', ambiguous: true });
  });

  it('reads DD.MM.YYYY day first', () => {
    expect(detectDateFormat(['01.03.2024', '02.03.2024'])).toBe('dmy.');
  });

  it('detects month names', () => {
    expect(detectDateFormat(['01-Mar-2024', '15-Apr-2024'])).toBe('dMy');
    expect(detectDateFormat(['Mar 1, 2024', 'April 15, 2024'])).toBe('Mdy');
  });

  it('needs 95% of the present samples to parse', () => {
    const good = Array.from({ length: 96 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
    expect(detectDateFormat([...good, 'x', 'y', 'z', 'w'])).toBe('ymd-');
    expect(detectDateFormat([...good.slice(0, 90), ...Array.from({ length: 10 }, () => 'nope')])).toBeNull();
  });

  it('refuses plain numbers and non-dates', () => {
    expect(detectDateFormat(['20240301', '20240302'])).toBeNull();
    expect(detectDateFormat(['red', 'green'])).toBeNull();
    expect(detectDateFormat([])).toBeNull();
    expect(detectDateFormat(['NA', ''])).toBeNull();
  });

  it('notes whether the values have a time of day', () => {
    expect(detectDate(['2024-03-01', '2024-03-02'])!.hasTime).toBe(false);
    expect(detectDate(['2024-03-01 10:00', '2024-03-02'])!.hasTime).toBe(true);
  });

  it('parses 200,000 distinct values in one go', () => {
    const texts = Array.from({ length: 200_000 }, (_, i) => formatDate(i * 3_600_000, 'minute'));
    const t0 = performance.now();
    let ok = 0;
    for (const s of texts) if (!Number.isNaN(parseDate(s, 'ymd-'))) ok++;
    expect(ok).toBe(texts.length);
    expect(performance.now() - t0).toBeLessThan(5000); // sanity, not a benchmark
  });
});

describe('date helpers', () => {
  it('round-trips calendar parts', () => {
    for (const iso of ['1970-01-01T00:00:00Z', '2000-02-29T23:59:59Z', '1900-03-01T12:00:00Z', '2038-01-19T03:14:07Z']) {
      const d = new Date(iso);
      expect(dateParts(d.getTime())).toEqual({
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
      });
    }
    expect(formatDate(utc('2024-03-01T12:30:00Z'), 'minute')).toBe('2024-03-01 12:30');
  });

  it('describes formats', () => {
    expect(describeDateFormat('dmy/')).toBe('DD/MM/YYYY');
    expect(describeDateFormat('ymd-')).toBe('YYYY-MM-DD');
    expect(describeDateFormat('Mdy')).toBe('Mon DD, YYYY');
  });
});
