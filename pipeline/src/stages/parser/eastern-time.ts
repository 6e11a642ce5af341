/**
 * EDGAR stamps ACCEPTANCE-DATETIME (YYYYMMDDHHMMSS) in US Eastern time without an offset. The
 * model stores an ISO-8601 instant, so the offset (EST -05:00 or EDT -04:00) is worked out here
 * from the US daylight-saving rules, with no timezone database involved.
 */

/** Day of month of the n-th Sunday (n ≥ 1) of a month, or the last Sunday when n = -1. */
function sunday(year: number, month: number, n: number): number {
  if (n === -1) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return last.getUTCDate() - last.getUTCDay();
  }
  const firstDow = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - firstDow) % 7) + 7 * (n - 1);
}

/**
 * Whether a local Eastern wall-clock time falls in daylight time. Since 2007: second Sunday of
 * March 02:00 to first Sunday of November 02:00; 1987–2006: first Sunday of April to last Sunday
 * of October. The repeated hour at the fall change is read as daylight time.
 */
export function isEasternDaylightTime(year: number, month: number, day: number, hour: number): boolean {
  const [startMonth, startDay, endMonth, endDay] =
    year >= 2007
      ? [2, sunday(year, 2, 2), 10, sunday(year, 10, 1)]
      : [3, sunday(year, 3, 1), 9, sunday(year, 9, -1)];
  const key = (m: number, d: number, h: number) => (m * 32 + d) * 24 + h;
  const now = key(month, day, hour);
  return now >= key(startMonth, startDay, 2) && now < key(endMonth, endDay, 2);
}

/** "20250110160730" → "2025-01-10T16:07:30-05:00"; null when the text is not such a stamp. */
export function acceptanceToIso(stamp: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp.trim());
  if (!m) {
    return null;
  }
  const [, y, mo, d, h, mi, s] = m as unknown as [string, string, string, string, string, string, string];
  const month = Number(mo) - 1;
  if (
    month < 0 ||
    month > 11 ||
    Number(d) < 1 ||
    Number(d) > 31 ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 60
  ) {
    return null;
  }
  const offset = isEasternDaylightTime(Number(y), month, Number(d), Number(h)) ? '-04:00' : '-05:00';
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
}
