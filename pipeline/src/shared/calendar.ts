/** Calendar-day arithmetic on `YYYY-MM-DD` strings, in UTC so no timezone or DST shifts a day. */

const DAY_MS = 86_400_000;

function toDayNumber(date: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  // Date.parse rolls 2026-02-30 over to March; the round trip rejects it.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new Error(`not a YYYY-MM-DD date: ${date}`);
  }
  return ms / DAY_MS;
}

export function addDays(date: string, days: number): string {
  return new Date((toDayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** First day of the window of `windowDays` calendar days ending on (and including) `endDate`. */
export function windowStart(endDate: string, windowDays: number): string {
  return addDays(endDate, -(windowDays - 1));
}

export function isDate(value: string): boolean {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** The same day `months` calendar months earlier or later, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
