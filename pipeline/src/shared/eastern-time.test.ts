import {
  acceptanceToEasternIso,
  easternDate,
  easternOffsetMinutes,
  easternToInstant,
  formatAcceptanceDateTime,
  formatEasternIso,
  parseAcceptanceDateTime,
} from './eastern-time';

describe('eastern time', () => {
  it('knows EST and EDT, including the 2026 switch dates', () => {
    expect(easternOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(easternOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(-240);
    expect(easternToInstant(2026, 3, 8, 1, 59).toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(easternToInstant(2026, 3, 8, 3, 0).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(easternToInstant(2026, 11, 2, 12).toISOString()).toBe('2026-11-02T17:00:00.000Z');
    // 02:30 on 2026-03-08 never happened on a New York clock: read as EST it is 03:30 EDT.
    expect(easternToInstant(2026, 3, 8, 2, 30).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 on 2026-11-01 happened twice: the first (EDT) reading is the one taken.
    expect(easternToInstant(2026, 11, 1, 1, 30).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('parses and formats acceptance datetimes', () => {
    const t = parseAcceptanceDateTime('20260311171204')!;
    expect(t.toISOString()).toBe('2026-03-11T21:12:04.000Z');
    expect(formatEasternIso(t)).toBe('2026-03-11T17:12:04-04:00');
    expect(formatAcceptanceDateTime(t)).toBe('20260311171204');
    expect(parseAcceptanceDateTime('2026031117120')).toBeNull();
    expect(parseAcceptanceDateTime('20261311171204')).toBeNull();
  });

  it('gives the Eastern calendar date, which differs from UTC late in the evening', () => {
    expect(easternDate(new Date('2026-05-08T02:30:00Z'))).toBe('2026-05-07');
  });

  it('stamps an acceptance datetime with the offset in force that day, as the parser stores it', () => {
    expect(acceptanceToEasternIso('20250110160730')).toBe('2025-01-10T16:07:30-05:00');
    expect(acceptanceToEasternIso('20250318201408')).toBe('2025-03-18T20:14:08-04:00');
    // The repeated autumn hour reads as daylight time; the hour after it as standard time.
    expect(acceptanceToEasternIso('20241103013000')).toBe('2024-11-03T01:30:00-04:00');
    expect(acceptanceToEasternIso('20241103030000')).toBe('2024-11-03T03:00:00-05:00');
    expect(acceptanceToEasternIso('20250309030000')).toBe('2025-03-09T03:00:00-04:00');
  });

  it('follows the pre-2007 rules (first Sunday of April to last Sunday of October)', () => {
    expect(acceptanceToEasternIso('20050403120000')).toBe('2005-04-03T12:00:00-04:00');
    expect(acceptanceToEasternIso('20050402120000')).toBe('2005-04-02T12:00:00-05:00');
    expect(acceptanceToEasternIso('20051029120000')).toBe('2005-10-29T12:00:00-04:00');
    expect(acceptanceToEasternIso('20051030120000')).toBe('2005-10-30T12:00:00-05:00');
  });

  it('returns null for anything but a 14-digit stamp', () => {
    expect(['2025-01-10', '20251310000000', ''].map(acceptanceToEasternIso)).toEqual([null, null, null]);
  });
});
