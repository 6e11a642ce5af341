import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../../../devtools/fake-edgar';
import { checkSubmission } from './submission-check';

const fixture = (acc: string): string => readFileSync(join(FIXTURES_DIR, `${acc}.txt`), 'latin1');

describe('checkSubmission', () => {
  it('reads form type, issuer, owners and acceptance from a complete submission', () => {
    expect(checkSubmission(fixture('0009990201-26-000004'), '0009990201-26-000004')).toEqual({
      ok: true,
      formType: '4',
      issuerCik: '0009990002',
      ownerCiks: ['0009990202', '0009990201', '0009990203'],
      acceptedAt: '2026-04-15T22:42:10.000Z',
    });
  });

  it('calls a body without its closing tag truncated (retriable)', () => {
    const text = fixture('0009995001-26-000101');
    expect(checkSubmission(text.slice(0, 3000), '0009995001-26-000101')).toMatchObject({
      ok: false,
      reason: 'truncated',
      retriable: true,
    });
  });

  it('rejects HTML, another accession, and filings without ownership XML', () => {
    expect(checkSubmission('<!DOCTYPE html><html></html>', 'x')).toMatchObject({
      reason: 'not_a_submission',
      retriable: false,
    });
    expect(checkSubmission(fixture('0009995001-26-000101'), '0009995001-26-000102')).toMatchObject({
      reason: 'accession_mismatch',
    });
    expect(checkSubmission(fixture('0009990004-26-000011'), '0009990004-26-000011')).toMatchObject({
      reason: 'no_ownership_xml',
    });
  });
});
