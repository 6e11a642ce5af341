import { ParseFailure } from './errors';
import { collapseWhitespace, toBoolean, toCik, toDecimal, toIsoDate, toTicker } from './values';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseFailure) {
      return err.code;
    }
  }
  return 'no failure';
}

describe('values', () => {
  it('reads booleans written 0/1, true/false and Y/N', () => {
    expect(['1', '0', 'true', 'FALSE', 'Y', 'n'].map((v) => toBoolean(v, 'f'))).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(toBoolean(null, 'f')).toBeNull();
    expect(codeOf(() => toBoolean('2', 'f'))).toBe('INVALID_VALUE');
  });

  it('reads dates and drops a timezone suffix', () => {
    expect(toIsoDate('2021-09-30-05:00', 'd')).toBe('2021-09-30');
    expect(toIsoDate('2021-09-30Z', 'd')).toBe('2021-09-30');
    expect(toIsoDate('2024-02-29', 'd')).toBe('2024-02-29');
    expect(codeOf(() => toIsoDate('2023-02-29', 'd'))).toBe('INVALID_VALUE');
    expect(codeOf(() => toIsoDate('09/30/2021', 'd'))).toBe('INVALID_VALUE');
  });

  it('pads CIKs to 10 digits and requires them', () => {
    expect(toCik('1750', 'c')).toBe('0000001750');
    expect(codeOf(() => toCik(null, 'c'))).toBe('MISSING_FIELD');
    expect(codeOf(() => toCik('12345678901', 'c'))).toBe('INVALID_VALUE');
  });

  it('normalizes tickers and keeps none for NONE, N/A and empty', () => {
    expect(['aapl', ' brk.a ', 'WLY, WLYB', 'NONE', 'n/a', 'NA', ''].map(toTicker)).toEqual([
      'AAPL',
      'BRK.A',
      'WLY',
      null,
      null,
      null,
      null,
    ]);
  });

  it('keeps decimals exact and fails on anything else', () => {
    expect(toDecimal('1,000.5', 'n')).toBe('1000.5');
    expect(codeOf(() => toDecimal('n/a', 'n'))).toBe('INVALID_VALUE');
  });

  it('collapses prose whitespace', () => {
    expect(collapseWhitespace('  a\r\n   b\tc ')).toBe('a b c');
  });
});
