import { canonicalDecimal, compareDecimals, multiplyDecimals, readDecimal } from './decimal';

describe('readDecimal', () => {
  it.each([
    ['1,234.5678', '1234.5678'],
    ['  66.70 ', '66.70'],
    ['0.000012', '0.000012'],
    ['007', '7'],
    ['.5', '0.5'],
    ['12.', '12'],
    ['$4.00', '4.00'],
    ['-3', '-3'],
    ['-0.00', '0.00'],
    ['123456789012345678901234.123456789', '123456789012345678901234.123456789'],
  ])('%s → %s', (raw, expected) => expect(readDecimal(raw)).toBe(expected));

  it.each(['', '.', 'abc', '1e5', '1.2.3', '12O', '--1', '1-'])('rejects %j', (raw) =>
    expect(readDecimal(raw)).toBeNull(),
  );
});

describe('multiplyDecimals', () => {
  it('is exact where floating point is not', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(multiplyDecimals('0.1', '3')).toBe('0.3');
    expect(multiplyDecimals('3912.0001', '64.3372')).toBe('251687.13283372');
    expect(multiplyDecimals('1234.5678', '12.3456')).toBe('15241.48023168');
    expect(multiplyDecimals('9007199254740993', '1')).toBe('9007199254740993');
  });

  it('gives canonical results', () => {
    expect(multiplyDecimals('4200', '121.8731')).toBe('511867.02');
    expect(multiplyDecimals('100', '0')).toBe('0');
    expect(multiplyDecimals('-2.5', '0.4')).toBe('-1');
    expect(multiplyDecimals('0.001', '0.001')).toBe('0.000001');
  });
});

describe('compareDecimals and canonicalDecimal', () => {
  it('compares across scales', () => {
    expect(compareDecimals('66.70', '66.7')).toBe(0);
    expect(compareDecimals('121.44', '121.8731')).toBeLessThan(0);
    expect(compareDecimals('-1', '0.5')).toBeLessThan(0);
    expect(compareDecimals('10', '9.999')).toBeGreaterThan(0);
  });

  it('drops trailing zeros only', () => {
    expect(['66.70', '5.00', '100', '0.0', '-0.0'].map(canonicalDecimal)).toEqual([
      '66.7',
      '5',
      '100',
      '0',
      '0',
    ]);
  });
});
