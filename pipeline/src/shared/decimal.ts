/**
 * Exact arithmetic on decimal strings ("1234.5678", "-3"). Share counts and dollar values are
 * summed over thousands of rows: through JS numbers 0.1 + 0.2 is 0.30000000000000004 and values
 * above 2^53 lose digits, so nothing here touches floating point. A decimal is BigInt units with an
 * explicit scale; results are canonical (no trailing fractional zeros, no "-0").
 *
 * Inputs must be plain decimals as the parser writes them (optional sign, digits, optional point
 * and digits); anything else throws, because a malformed amount is a bug upstream, not a zero.
 */

const DECIMAL_SHAPE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function toScaled(d: string): Scaled {
  if (!DECIMAL_SHAPE.test(d)) {
    throw new Error(`not a plain decimal: ${JSON.stringify(d)}`);
  }
  const point = d.indexOf('.');
  if (point < 0) {
    return { units: BigInt(d), scale: 0 };
  }
  const digits = d.slice(0, point) + d.slice(point + 1);
  return {
    units: BigInt(digits === '' || digits === '-' || digits === '+' ? '0' : digits),
    scale: d.length - point - 1,
  };
}

function rescale(x: Scaled, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale);
}

function fromScaled({ units, scale }: Scaled): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return canonicalDecimal((negative ? '-' : '') + digits);
}

/** Canonical form: no trailing fractional zeros, no trailing point, no "-0" ("66.70" → "66.7"). */
export function canonicalDecimal(d: string): string {
  const trimmed = d.includes('.') ? d.replace(/0+$/, '').replace(/\.$/, '') : d;
  const unsigned = trimmed.replace(/^\+/, '');
  return /^-?0*(\.0*)?$/.test(unsigned) ? '0' : unsigned;
}

export function addDecimals(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled({ units: rescale(x, scale) + rescale(y, scale), scale });
}

export function subtractDecimals(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled({ units: rescale(x, scale) - rescale(y, scale), scale });
}

export function multiplyDecimals(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  return fromScaled({ units: x.units * y.units, scale: x.scale + y.scale });
}

/** Exact sum; "0" for no terms. */
export function sumDecimals(terms: Iterable<string>): string {
  let total = '0';
  for (const t of terms) {
    total = addDecimals(total, t);
  }
  return total;
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareDecimals(a: string, b: string): number {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const xu = rescale(x, scale);
  const yu = rescale(y, scale);
  return xu === yu ? 0 : xu < yu ? -1 : 1;
}

export function isPlainDecimal(d: string): boolean {
  return DECIMAL_SHAPE.test(d);
}
