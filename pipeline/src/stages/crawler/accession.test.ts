import { isAccession, padCik, submissionTextPath } from './accession';
import { feedTypes, isWantedForm, parseFormsOption } from './forms';

describe('accession numbers and CIKs', () => {
  it('validates, pads and builds archive paths', () => {
    expect(isAccession('0009995001-26-000101')).toBe(true);
    expect(isAccession('000999500126000101')).toBe(false);
    expect(padCik(320193)).toBe('0000320193');
    expect(padCik('0000320193')).toBe('0000320193');
    expect(padCik('12345678901')).toBeNull();
    expect(padCik('abc')).toBeNull();
    expect(submissionTextPath('0000320193', '0000320193-26-000001')).toBe(
      '/Archives/edgar/data/320193/000032019326000001/0000320193-26-000001.txt',
    );
  });
});

describe('form filters', () => {
  it('keeps a form and its amendment, but not what only shares the prefix', () => {
    const forms = ['3', '4', '5'];
    expect(isWantedForm('4', forms)).toBe(true);
    expect(isWantedForm('4/A', forms)).toBe(true);
    expect(isWantedForm('424B2', forms)).toBe(false);
    expect(isWantedForm('40-F', forms)).toBe(false);
    expect(isWantedForm('S-3', forms)).toBe(false);
  });
  it('polls one feed type per base form, dropping amendments and longer prefixes', () => {
    expect(feedTypes(['3', '4', '5', '4/A'])).toEqual(['3', '4', '5']);
    expect(feedTypes(['4', '424B2'])).toEqual(['4']);
  });
  it('parses --forms', () => {
    expect(parseFormsOption('3, 4,5')).toEqual(['3', '4', '5']);
    expect(() => parseFormsOption(' , ')).toThrow(/at least one/);
    expect(() => parseFormsOption('4;5')).toThrow(/not a form type/);
  });
});
