import {
  addDays,
  dailyIndexPath,
  fullIndexPath,
  isIsoDate,
  latestPublishedDay,
  quartersBetween,
  weekdaysBefore,
  weekdaysBetween,
} from './index-calendar';
import { formatDuration, formatProgress } from '../../shared/progress';
import { retryAfterMs } from './retry-after';

describe('index calendar', () => {
  it('lists weekdays and finds the newest published daily index', () => {
    expect(weekdaysBetween('2026-05-08', '2026-05-12')).toEqual(['2026-05-08', '2026-05-11', '2026-05-12']);
    expect(latestPublishedDay(new Date('2026-05-07T21:59:00-04:00'), 22)).toBe('2026-05-06');
    expect(latestPublishedDay(new Date('2026-05-07T22:00:00-04:00'), 22)).toBe('2026-05-07');
    expect(latestPublishedDay(new Date('2026-05-10T12:00:00-04:00'), 22)).toBe('2026-05-08');
    expect(weekdaysBefore('2026-05-11', 2)).toBe('2026-05-07');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isIsoDate('2026-02-30')).toBe(false);
  });
  it('builds index paths and quarter lists', () => {
    expect(dailyIndexPath('form', '2026-05-07')).toBe(
      '/Archives/edgar/daily-index/2026/QTR2/form.20260507.idx',
    );
    expect(fullIndexPath(2024, 1)).toBe('/Archives/edgar/full-index/2024/QTR1/form.idx');
    expect(quartersBetween('2025-11-15', '2026-04-01')).toEqual([
      { year: 2025, quarter: 4 },
      { year: 2026, quarter: 1 },
      { year: 2026, quarter: 2 },
    ]);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, caps, and ignores garbage', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 11 Mar 2026 17:00:10 GMT', Date.parse('2026-03-11T17:00:00Z'))).toBe(10000);
    expect(retryAfterMs('99999')).toBe(15 * 60_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe('progress line', () => {
  it('shows done/total, rate of this run and ETA', () => {
    expect(formatProgress({ done: 150, total: 300, doneAtStart: 50, elapsedMs: 10_000 }, 10)).toBe(
      '[#####.....] 150/300 50.0%  10.0/s  ETA 0:15',
    );
    expect(formatProgress({ done: 0, total: 0, doneAtStart: 0, elapsedMs: 0 }, 4)).toContain(
      '[####] 0/0 100.0%',
    );
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(Infinity)).toBe('--:--');
  });
});
