import {
  addDecimals,
  canonicalDecimal,
  compareDecimals,
  isPlainDecimal,
  multiplyDecimals,
  subtractDecimals,
  sumDecimals,
} from './decimal';

describe('shared/decimal', () => {
  it('adds without floating-point error', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(sumDecimals(['1500.5', '800', '2200'])).toBe('4500.5');
    expect(sumDecimals([])).toBe('0');
  });

  it('keeps digits beyond 2^53', () => {
    expect(addDecimals('9007199254740993', '0.01')).toBe('9007199254740993.01');
  });

  it('subtracts into negatives and canonicalizes zero', () => {
    expect(subtractDecimals('10', '12.5')).toBe('-2.5');
    expect(subtractDecimals('1.50', '1.5')).toBe('0');
  });

  it('multiplies exactly', () => {
    expect(multiplyDecimals('1500.5', '12.3456')).toBe('18524.5728');
    expect(multiplyDecimals('-2', '0.5')).toBe('-1');
  });

  it('compares across scales', () => {
    expect(compareDecimals('66.70', '66.7')).toBe(0);
    expect(compareDecimals('-1', '0')).toBeLessThan(0);
    expect(compareDecimals('100', '99.999')).toBeGreaterThan(0);
  });

  it('canonicalizes', () => {
    expect(canonicalDecimal('66.70')).toBe('66.7');
    expect(canonicalDecimal('5.00')).toBe('5');
    expect(canonicalDecimal('-0.0')).toBe('0');
    expect(canonicalDecimal('+3')).toBe('3');
  });

  it('rejects what is not a plain decimal instead of reading it as zero', () => {
    expect(isPlainDecimal('1e5')).toBe(false);
    expect(() => addDecimals('1,000', '1')).toThrow(/not a plain decimal/);
  });
});
