/**
 * Normalizers for the scalar values of an ownership document. Each takes the trimmed text as
 * filed (or null when the element is absent or empty) and either returns the normalized value or
 * fails with INVALID_VALUE naming the field, because a value we cannot read exactly must not be
 * guessed into the data.
 */
import { padCik } from '../../records/edgar-ids';
import { readDecimal } from './decimal';
import { fail } from './errors';

/** 0/1, true/false (any case), Y/N: all three spellings occur on EDGAR. */
export function toBoolean(raw: string | null, field: string): boolean | null {
  if (raw === null) {
    return null;
  }
  switch (raw.toLowerCase()) {
    case '1':
    case 'true':
    case 'y':
    case 'yes':
      return true;
    case '0':
    case 'false':
    case 'n':
    case 'no':
      return false;
    default:
      return fail('INVALID_VALUE', `${field}: "${clip(raw)}" is not a boolean (0/1/true/false)`);
  }
}

const DATE_WITH_OPTIONAL_ZONE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/;

/** xs:date as filed, e.g. "2021-09-30" or "2021-09-30-05:00"; the zone is dropped. */
export function toIsoDate(raw: string | null, field: string): string | null {
  if (raw === null) {
    return null;
  }
  const m = DATE_WITH_OPTIONAL_ZONE.exec(raw);
  if (!m) {
    return fail('INVALID_VALUE', `${field}: "${clip(raw)}" is not a date (YYYY-MM-DD)`);
  }
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    return fail('INVALID_VALUE', `${field}: "${clip(raw)}" is not a calendar date`);
  }
  return `${y}-${mo}-${d}`;
}

export function toDecimal(raw: string | null, field: string): string | null {
  if (raw === null) {
    return null;
  }
  const d = readDecimal(raw);
  return d ?? fail('INVALID_VALUE', `${field}: "${clip(raw)}" is not a decimal number`);
}

/** CIKs are written with or without leading zeros; the model always pads to 10 digits (padCik). */
export function toCik(raw: string | null, field: string): string {
  if (raw === null) {
    return fail('MISSING_FIELD', `${field} is missing`);
  }
  return padCik(raw) ?? fail('INVALID_VALUE', `${field}: "${clip(raw)}" is not a CIK`);
}

const NO_TICKER = new Set(['', 'NONE', 'N/A', 'NA', 'N.A.', '-', '--', 'NULL']);

/**
 * Trading symbols as filed include "NONE", "N/A", lower case and lists ("WLY, WLYB"). The model
 * keeps the first symbol upper-cased; the raw text stays in `rawTicker`.
 */
export function toTicker(raw: string | null): string | null {
  if (raw === null) {
    return null;
  }
  const upper = raw.trim().toUpperCase();
  if (NO_TICKER.has(upper)) {
    return null;
  }
  const first = upper.split(/[\s,;/]+/).find((s) => s !== '');
  return first === undefined || NO_TICKER.has(first) ? null : first;
}

/** Footnotes and remarks are prose: line breaks and indentation of the XML are not content. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function clip(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
