import { acceptanceToIso, isEasternDaylightTime } from './eastern-time';

describe('acceptanceToIso', () => {
  it('adds the Eastern offset in force on that day', () => {
    expect(acceptanceToIso('20250110160730')).toBe('2025-01-10T16:07:30-05:00');
    expect(acceptanceToIso('20250318201408')).toBe('2025-03-18T20:14:08-04:00');
    expect(acceptanceToIso('20241103013000')).toBe('2024-11-03T01:30:00-04:00');
    expect(acceptanceToIso('20241103030000')).toBe('2024-11-03T03:00:00-05:00');
  });

  it('follows the pre-2007 rules (first Sunday of April, last Sunday of October)', () => {
    expect(isEasternDaylightTime(2005, 3, 3, 12)).toBe(true); // 2005-04-03 was the first Sunday
    expect(isEasternDaylightTime(2005, 3, 2, 12)).toBe(false);
    expect(isEasternDaylightTime(2005, 9, 30, 12)).toBe(false); // 2005-10-30 was the last Sunday
    expect(isEasternDaylightTime(2025, 2, 9, 3)).toBe(true); // 2025-03-09 03:00, second Sunday of March
  });

  it('returns null for anything but a 14-digit stamp', () => {
    expect(['2025-01-10', '20251310000000', ''].map(acceptanceToIso)).toEqual([null, null, null]);
  });
});
