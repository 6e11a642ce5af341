/**
 * Zod builders for the parameters routes share. Each carries its own error message (the 400 a
 * client sees) and its OpenAPI description, so a route declares a parameter in one line.
 * Query values arrive as strings; lists are comma-separated (`codes=P,S`), never repeated.
 */
import { z } from 'zod';
import { isDate } from '../../../pipeline/src/shared/calendar';

export const TICKER = /^[A-Za-z0-9][A-Za-z0-9.-]{0,9}$/;
export const CIK = /^\d{1,10}$/;
export const ACCESSION = /^\d{10}-\d{2}-\d{6}$/;

/** Calendar date YYYY-MM-DD; 2026-02-31 is refused here, never by Postgres. */
export function date(description: string) {
  return (
    z
      .string({ error: 'must be a date YYYY-MM-DD' })
      .refine(isDate, { error: (iss) => `must be a calendar date YYYY-MM-DD; got "${String(iss.input)}"` })
      // Windows reach back up to 10 years from a date; before 1900 they could reach year 0, which
      // Postgres has no date for. EDGAR has nothing before the 1990s anyway.
      .refine((d) => d >= '1900-01-01', { error: 'must be 1900-01-01 or later' })
      .meta({ description, format: 'date', example: '2026-03-02' })
  );
}

/** An instant: ISO-8601 date-time with an offset, or a bare date (its start, UTC). */
export function instant(description: string) {
  return z
    .string()
    .refine(
      (s) =>
        (isDate(s) ||
          (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
            isDate(s.slice(0, 10)))) &&
        s >= '1900' &&
        !Number.isNaN(Date.parse(isDate(s) ? `${s}T00:00:00Z` : s)),
      {
        error: (iss) =>
          `must be a date-time like 2026-03-02T16:05:00-05:00 or a date; got "${String(iss.input)}"`,
      },
    )
    .transform((s) => new Date(isDate(s) ? `${s}T00:00:00Z` : s).toISOString())
    .meta({ description, format: 'date-time', example: '2026-03-02T16:05:00-05:00' });
}

/** Whole number in [min, max] given as a decimal string. */
export function integer(description: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,9}$/, {
      error: (iss) => `must be a whole number ${min}..${max}; got "${String(iss.input)}"`,
    })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    )
    .meta({ description, type: 'integer', minimum: min, maximum: max });
}

/** Non-negative decimal amount (dollars, shares). Kept as a string: exact, compared as NUMERIC. */
export function amount(description: string) {
  return z
    .string()
    .regex(/^\d{1,15}(\.\d{1,6})?$/, {
      error: (iss) => `must be a non-negative number like 100000 or 12.5; got "${String(iss.input)}"`,
    })
    .meta({ description, example: '100000' });
}

/** true/false (also 1/0, yes/no). */
export function flag(description: string) {
  return z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .meta({ description, type: 'boolean' });
}

/** One value of a fixed set, case-insensitive. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(
      z.enum(values, { error: (iss) => `must be one of ${values.join(', ')}; got "${String(iss.input)}"` }),
    )
    .meta({ description, enum: [...values] });
}

function splitList(s: string, upper: boolean): string[] {
  return [...new Set(s.split(',').map((v) => (upper ? v.trim().toUpperCase() : v.trim().toLowerCase())))];
}

/** Comma-separated list of values matching `item`, upper-cased, at most `max` of them. */
export function list(description: string, options: { item: RegExp; max: number; what: string }) {
  const { item, max, what } = options;
  return z
    .string()
    .transform((s, ctx) => {
      const values = splitList(s, true);
      if (values.length > max) {
        ctx.addIssue({ code: 'custom', message: `lists at most ${max} ${what}; got ${values.length}` });
        return z.NEVER;
      }
      const bad = values.filter((v) => !item.test(v));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `has ${bad.map((b) => `"${b}"`).join(', ')}, not ${what}` });
        return z.NEVER;
      }
      return values;
    })
    .meta({ description });
}

/** Comma-separated list of values of a fixed set, case-insensitive. */
export function enumList<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .string()
    .transform((s, ctx): T[number][] => {
      const given = splitList(s, false);
      const bad = given.filter((v) => !values.includes(v));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `has ${bad.map((b) => `"${b}"`).join(', ')}; allowed: ${values.join(', ')}`,
        });
        return z.NEVER;
      }
      return given;
    })
    .meta({ description: `${description}, comma-separated: ${values.join(', ')}` });
}

/** A ticker symbol, upper-cased. */
export function ticker(description = 'Ticker symbol, any case (e.g. ACME, BRK.B)') {
  return z
    .string()
    .regex(TICKER, {
      error: (iss) => `is not a ticker symbol (1-10 letters, digits, "." or "-"): "${String(iss.input)}"`,
    })
    .transform((s) => s.toUpperCase())
    .meta({ description, example: 'ACME' });
}

/** A CIK, 1-10 digits, returned zero-padded to 10 as stored. */
export function cik(description: string) {
  return z
    .string()
    .regex(CIK, { error: (iss) => `is not a CIK (1-10 digits): "${String(iss.input)}"` })
    .transform((s) => s.padStart(10, '0'))
    .meta({ description, example: '0001234567' });
}

/** A ticker or a CIK: all digits is a CIK, anything else must be a ticker. */
export function tickerOrCik(description = 'Ticker symbol (any case) or issuer CIK (digits)') {
  return z
    .string()
    .refine((s) => CIK.test(s) || TICKER.test(s), {
      error: (iss) => `is neither a ticker symbol nor a CIK: "${String(iss.input)}"`,
    })
    .transform((s): TickerOrCik => (CIK.test(s) ? { cik: s.padStart(10, '0') } : { ticker: s.toUpperCase() }))
    .meta({ description, example: 'ACME' });
}

export type TickerOrCik = { cik: string } | { ticker: string };

export function accession(description = 'Accession number, 0001234567-26-000123') {
  return z
    .string()
    .regex(ACCESSION, {
      error: (iss) => `is not an accession number like 0001234567-26-000123: "${String(iss.input)}"`,
    })
    .meta({ description, example: '0001234567-26-000123' });
}

/** Free-text search term. */
export function searchTerm(description: string) {
  return (
    z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' })
      // Postgres refuses NUL in text, and U+FFFD is what invalid UTF-8 decodes to: both are a
      // client's mistake (a 400), never the database's (a 500). Other control characters name nothing.
      .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c === '\u007f' || c === '\ufffd'), {
        error: 'must be printable text in UTF-8 (no control characters)',
      })
      .meta({ description, example: 'acme' })
  );
}
