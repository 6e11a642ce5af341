import { HttpError } from '../errors';

type Query = Record<string, string | string[] | undefined>;

export const TICKER = /^[A-Za-z0-9][A-Za-z0-9.-]{0,9}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function ticker(raw: string | undefined): string {
  if (!raw || !TICKER.test(raw)) {
    throw new HttpError(400, `"${raw ?? ''}" is not a ticker symbol (1-10 letters, digits, "." or "-")`);
  }
  return raw.toUpperCase();
}

export function onlyKnown(query: Query, known: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      `unknown query parameter(s): ${unknown.join(', ')}; allowed: ${known.join(', ') || 'none'}`,
    );
  }
}

export function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    throw new HttpError(400, `query parameter "${name}" given more than once`);
  }
  return value === '' ? undefined : value;
}

export function integer(query: Query, name: string, min: number, max: number, fallback: number): number {
  const raw = single(query, name);
  if (raw === undefined) {
    return fallback;
  }
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new HttpError(400, `"${name}" must be an integer ${min}..${max}, got "${raw}"`);
  }
  return n;
}

export function date(query: Query, name: string): string | undefined {
  const raw = single(query, name);
  if (raw === undefined) {
    return undefined;
  }
  if (!DATE.test(raw) || Number.isNaN(Date.parse(raw + 'T00:00:00Z'))) {
    throw new HttpError(400, `"${name}" must be a date YYYY-MM-DD, got "${raw}"`);
  }
  return raw;
}
