/**
 * Calendar arithmetic for EDGAR's index files. Dates are `YYYY-MM-DD` strings of Eastern calendar
 * days. Holidays are not listed here: EDGAR publishes no daily index for them, and the reconciler
 * learns that from a missing file followed by a published later one.
 */
import { easternParts } from '../../shared/eastern-time';

const DAY_MS = 86_400_000;

const toUtc = (d: string): number => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);

export const addDays = (d: string, n: number): string => fromUtc(toUtc(d) + n * DAY_MS);

export function isWeekday(d: string): boolean {
  const wd = new Date(toUtc(d)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

export function isIsoDate(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && fromUtc(toUtc(d)) === d;
}

/** Weekdays from `from` to `to`, both included. */
export function weekdaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isWeekday(d)) {
      out.push(d);
    }
  }
  return out;
}

/** The newest weekday whose daily index should exist at `now`: today after `afterHourEt`, else the weekday before. */
export function latestPublishedDay(now: Date, afterHourEt: number): string {
  const p = easternParts(now);
  const today = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  let d = p.hour >= afterHourEt ? today : addDays(today, -1);
  while (!isWeekday(d)) {
    d = addDays(d, -1);
  }
  return d;
}

/** The weekday `n` weekdays before `d`. */
export function weekdaysBefore(d: string, n: number): string {
  let out = d;
  for (let i = 0; i < n;) {
    out = addDays(out, -1);
    if (isWeekday(out)) {
      i++;
    }
  }
  return out;
}

export const quarterOf = (d: string): number => Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1;

export function dailyIndexPath(kind: 'form' | 'master', d: string): string {
  return `/Archives/edgar/daily-index/${d.slice(0, 4)}/QTR${quarterOf(d)}/${kind}.${d.replace(/-/g, '')}.idx`;
}

export function fullIndexPath(year: number, quarter: number): string {
  return `/Archives/edgar/full-index/${year}/QTR${quarter}/form.idx`;
}

/** The quarters a date range touches, oldest first. */
export function quartersBetween(from: string, to: string): { year: number; quarter: number }[] {
  const out: { year: number; quarter: number }[] = [];
  let y = Number(from.slice(0, 4));
  let q = quarterOf(from);
  const endY = Number(to.slice(0, 4));
  const endQ = quarterOf(to);
  while (y < endY || (y === endY && q <= endQ)) {
    out.push({ year: y, quarter: q });
    q++;
    if (q > 4) {
      q = 1;
      y++;
    }
  }
  return out;
}
