import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and leaves plain values bare', () => {
    expect(csvLine(['ACME', 'Smith, John', 'say "hi"', 'a\nb', 12.5, null, true])).toBe(
      'ACME,"Smith, John","say ""hi""","a\nb",12.5,,true\r\n',
    );
  });
  it('defuses spreadsheet formulas but keeps negative numbers as numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-25.5')).toBe('-25.5');
  });
});
