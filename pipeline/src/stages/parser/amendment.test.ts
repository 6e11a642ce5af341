import { amendmentTarget } from './amendment';
import { loadFixtures } from './fixture-files';
import type { OwnershipFiling } from './model';
import { parseFiling } from './parse-filing';

function parsed(name: string, accessionNumber?: string): OwnershipFiling {
  const fixture = loadFixtures().find((f) => f.name === name)!;
  const outcome = parseFiling(fixture.bytes, { source: name, accessionNumber });
  if (!outcome.ok) {
    throw new Error(outcome.error.message);
  }
  return outcome.filing;
}

describe('amendmentTarget', () => {
  it('records what a 4/A states it amends: base form, issuer, owners, period, original date', () => {
    const amendment = parsed('form4a-x0508-partial-amendment.xml', '0001311601-24-000033');
    expect(amendmentTarget(amendment)).toEqual({
      documentType: '4',
      issuerCik: '0001999006',
      reportingOwnerCiks: ['0001311601'],
      periodOfReport: '2024-08-01',
      dateOfOriginalSubmission: amendment.dateOfOriginalSubmission,
    });
    expect(amendment.dateOfOriginalSubmission).not.toBeNull();
  });

  it('is null for a filing that is not an amendment', () => {
    expect(amendmentTarget(parsed('submission-form4-x0508-outliers.txt'))).toBeNull();
  });
});
