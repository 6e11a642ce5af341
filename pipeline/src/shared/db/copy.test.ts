import { copyField, copyLine } from './copy';

describe('COPY text format', () => {
  it('escapes the characters COPY treats specially and writes null as \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(true)).toBe('true');
    expect(copyField('1234.5678')).toBe('1234.5678');
  });

  it('joins fields with tabs and ends the line', () => {
    expect(copyLine(['x', null, 3])).toBe('x\t\\N\t3\n');
  });
});
