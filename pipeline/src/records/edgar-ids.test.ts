import { accessionFolder, isAccession, padCik, unpadCik } from './edgar-ids';

describe('EDGAR identifiers', () => {
  it('pads a CIK to 10 digits, or says it is none', () => {
    expect(padCik(320193)).toBe('0000320193');
    expect(padCik(' 0000320193 ')).toBe('0000320193');
    expect(padCik('12345678901')).toBeNull();
    expect(padCik('abc')).toBeNull();
    expect(padCik('')).toBeNull();
  });

  it('drops the padding for archive paths, keeping a lone zero', () => {
    expect(unpadCik('0000320193')).toBe('320193');
    expect(unpadCik('0000000000')).toBe('0');
  });

  it('recognizes accession numbers and their archive folder', () => {
    expect(isAccession('0009990001-26-000004')).toBe(true);
    expect(isAccession('000999000126000004')).toBe(false);
    expect(accessionFolder('0009990001-26-000004')).toBe('000999000126000004');
  });
});
