import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../../src/shared/domain';
import { formatBytes, formatDuration, formatEpochDate, formatMs, formatNumber, formatScore, percent } from '../../../src/renderer/lib/format';
import { guessTask } from '../../../src/renderer/lib/guessTask';
import { runDurationMs, spanMs } from '../../../src/renderer/lib/runTime';
import { at, column } from '../fixtures';

describe('formatters', () => {
  it('durations', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(65_000)).toBe('1m 05s');
    expect(formatDuration(3_726_000)).toBe('1h 02m 06s');
  });

  it('numbers: whole ones with thousands separators, others as scores', () => {
    expect(formatNumber(1_234_567)).toBe('1,234,567');
    expect(formatNumber(-4200)).toBe('-4,200');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('scores, bytes, latencies, percentages', () => {
    expect(formatScore(0.84567)).toBe('0.8457');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(547.834)).toBe('547.83');
    expect(formatScore(12345.6)).toBe('12345.6');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatMs(0.014)).toBe('0.014 ms');
    expect(formatMs(0.005)).toBe('5.0 µs');
    expect(percent(1, 4)).toBe('25.0 %');
    expect(percent(0, 4)).toBe('0 %');
  });

  it('spans: open ones run to now only while live', () => {
    const now = Date.parse(at(10));
    expect(spanMs(at(0), at(4), false, now)).toBe(4000);
    expect(spanMs(at(0), null, true, now)).toBe(10_000);
    expect(spanMs(at(0), null, false, now)).toBeNull();
    expect(spanMs(null, null, true, now)).toBeNull();
    expect(runDurationMs({ status: 'failed', startedAt: at(0), finishedAt: null }, now)).toBeNull();
  });
});

describe('formatEpochDate', () => {
  it('shows a date, with the time only when it is not midnight (UTC)', () => {
    expect(formatEpochDate(Date.UTC(2024, 4, 1))).toBe('2024-05-01');
    expect(formatEpochDate(Date.UTC(2024, 4, 1, 14, 3))).toBe('2024-05-01 14:03');
    expect(formatEpochDate(Date.UTC(2024, 4, 1, 14, 3, 9))).toBe('2024-05-01 14:03:09');
    expect(formatEpochDate(null)).toBe('—');
  });
});

describe('guessTask', () => {
  const col = (over: Partial<ColumnProfile>) => column(0, 'y', { type: 'numeric', inferredType: 'numeric', distinct: 2, min: 0, max: 1, mean: 0.5, std: 0.5, ...over });
  it('reads binary, multiclass and regression off the profile', () => {
    expect(guessTask(col({}))?.task).toBe('binary');
    expect(guessTask(col({ storage: 'categorical', type: 'categorical', distinct: 6 }))?.task).toBe('multiclass');
    expect(guessTask(col({ storage: 'categorical', type: 'boolean', distinct: 1 }))?.task).toBe('binary');
    expect(guessTask(col({ distinct: 5, min: 1, max: 5 }))?.task).toBe('multiclass');
    expect(guessTask(col({ distinct: 900, min: 0.5, max: 99 }))?.task).toBe('regression');
    expect(guessTask(undefined)).toBeNull();
  });
});
