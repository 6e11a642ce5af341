/**
 * The one table of environment variables. Each entry parses its own raw string; `loadConfig`
 * collects every problem before failing so a user fixes them all in one go.
 */
export interface VariableSpec<T> {
  readonly name: string;
  readonly help: string;
  /** Used when the variable is unset or empty. `undefined` means the variable is optional. */
  readonly default?: string;
  readonly secret?: boolean;
  readonly parse: (raw: string) => T;
}

export class VariableError extends Error {}

export const str = (raw: string): string => raw;

export function int(min: number, max: number) {
  return (raw: string): number => {
    if (!/^-?\d+$/.test(raw.trim())) {
      throw new VariableError(`expected an integer, got "${raw}"`);
    }
    const n = Number(raw);
    if (n < min || n > max) {
      throw new VariableError(`expected ${min}..${max}, got ${n}`);
    }
    return n;
  };
}

export function num(min: number, max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      throw new VariableError(`expected a number, got "${raw}"`);
    }
    if (n < min || n > max) {
      throw new VariableError(`expected ${min}..${max}, got ${n}`);
    }
    return n;
  };
}

export function url(...protocols: string[]) {
  return (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new VariableError(`not a URL: "${raw}"`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new VariableError(`expected a ${protocols.join(' or ')} URL, got "${raw}"`);
    }
    return raw.replace(/\/+$/, '');
  };
}

export function list(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function hostPorts(raw: string): string[] {
  const items = list(raw);
  if (items.length === 0) {
    throw new VariableError('expected at least one host:port');
  }
  for (const item of items) {
    if (!/^[^\s:]+:\d{1,5}$/.test(item)) {
      throw new VariableError(`expected host:port, got "${item}"`);
    }
  }
  return items;
}

export function oneOf<T extends string>(...values: T[]) {
  return (raw: string): T => {
    if (!(values as string[]).includes(raw)) {
      throw new VariableError(`expected one of ${values.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  };
}

export function bool(raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) {
    return true;
  }
  if (/^(0|false|no|off)$/i.test(raw)) {
    return false;
  }
  throw new VariableError(`expected true or false, got "${raw}"`);
}

/**
 * SEC fair-access policy asks for "Company Name admin@example.com"; EDGAR answers 403 without it.
 * https://www.sec.gov/os/accessing-edgar-data
 */
export function userAgent(raw: string): string {
  const trimmed = raw.trim();
  if (!/^\S.*\s+[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
    throw new VariableError(`expected "Company Name contact@example.com", got "${raw}"`);
  }
  return trimmed;
}

/** A non-empty comma-separated list drawn from a fixed vocabulary. */
export function listOf<T extends string>(...values: T[]) {
  return (raw: string): T[] => {
    const items = list(raw);
    const bad = items.filter((i) => !(values as string[]).includes(i));
    if (items.length === 0 || bad.length > 0) {
      throw new VariableError(`expected a comma-separated list of ${values.join(', ')}; got "${raw}"`);
    }
    return items as T[];
  };
}

/** A Redis key namespace: letters, digits and . _ - : (no spaces or glob characters such as * ? [). */
export function redisNamespace(raw: string): string {
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(raw)) {
    throw new VariableError(`expected 1-100 letters, digits or . _ - :, got "${raw}"`);
  }
  return raw;
}

/**
 * A prefix of Kafka topic or consumer group names: empty, or Kafka's name characters ending in a
 * separator. The prefix is used as written, so without the separator check "tenant" would
 * silently give "tenantedgar.dlq".
 */
export function namePrefix(raw: string): string {
  if (raw === '') {
    return raw;
  }
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(raw)) {
    throw new VariableError(`expected up to 200 letters, digits, ".", "_" or "-", got "${raw}"`);
  }
  if (!/[._-]$/.test(raw)) {
    throw new VariableError(
      `must end with a separator (".", "_" or "-"), e.g. "${raw}." — names are the prefix followed directly by the topic name`,
    );
  }
  return raw;
}
