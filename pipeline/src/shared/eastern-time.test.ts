import {
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
});
