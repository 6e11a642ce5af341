/**
 * Exact decimal strings. Shares and prices are money and share counts: a JS number would turn
 * 0.1 + 0.2 into 0.30000000000000004 and silently round 17-digit values, so nothing here goes
 * through floating point. Arithmetic uses BigInt on the digits with an explicit scale.
 */

const DECIMAL_SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Reads a decimal as filed: commas (thousands separators), surrounding spaces and a leading `$`
 * are removed; leading zeros of the integer part are dropped; the fractional digits are kept
 * exactly as written (scale is information: "66.70" stays "66.70"). Returns null for anything that
 * is not a plain decimal (exponents, two points, letters).
 */
export function readDecimal(raw: string): string | null {
  const compact = raw.replace(/[,\s]/g, '').replace(/^([+-]?)\$/, '$1');
  const m = DECIMAL_SHAPE.exec(compact);
  if (!m) {
    return null;
  }
  const sign = m[1] === '-' ? '-' : '';
  const intPart = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  const fracPart = m[3];
  if (intPart === '' && (fracPart === undefined || fracPart === '')) {
    return null;
  }
  const whole = intPart === '' ? '0' : intPart;
  const text = fracPart === undefined || fracPart === '' ? whole : `${whole}.${fracPart}`;
  return sign && !/^[0.]+$/.test(text) ? sign + text : text;
}

interface Scaled {
  units: bigint;
  scale: number;
}

function toScaled(d: string): Scaled {
  const point = d.indexOf('.');
  if (point < 0) {
    return { units: BigInt(d), scale: 0 };
  }
  return { units: BigInt(d.slice(0, point) + d.slice(point + 1)), scale: d.length - point - 1 };
}

function fromScaled({ units, scale }: Scaled): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return (negative ? '-' : '') + digits;
}

/** Canonical form: no trailing fractional zeros, no trailing point ("66.70" → "66.7", "5.00" → "5"). */
export function canonicalDecimal(d: string): string {
  if (!d.includes('.')) {
    return d === '-0' ? '0' : d;
  }
  const trimmed = d.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/** Exact product of two decimal strings, in canonical form. */
export function multiplyDecimals(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  return canonicalDecimal(fromScaled({ units: x.units * y.units, scale: x.scale + y.scale }));
}

/** Exact comparison: negative when a < b, 0 when equal, positive when a > b. */
export function compareDecimals(a: string, b: string): number {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const xu = x.units * 10n ** BigInt(scale - x.scale);
  const yu = y.units * 10n ** BigInt(scale - y.scale);
  return xu === yu ? 0 : xu < yu ? -1 : 1;
}
