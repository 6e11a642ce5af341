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

// Arithmetic is shared with the aggregator; only reading a value as filed is parser-specific.
export { canonicalDecimal, compareDecimals, multiplyDecimals } from '../../shared/decimal';
