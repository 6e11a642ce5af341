import { amendmentTarget, applyAmendment, findAmendedFiling } from './amendment';
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

describe('amendments', () => {
  const original = parsed('submission-form4-x0508-outliers.txt');
  const amendment = parsed('form4a-x0508-partial-amendment.xml', '0001311601-24-000033');

  it('finds the filing an amendment amends', () => {
    const target = amendmentTarget(amendment)!;
    const stored = [
      {
        accessionNumber: '0001311601-24-000020',
        documentType: '4',
        issuerCik: '0001999006',
        reportingOwnerCiks: ['0001311601'],
        periodOfReport: '2024-07-15',
        filedDate: '2024-07-17',
      },
      {
        accessionNumber: original.accessionNumber!,
        documentType: '4',
        issuerCik: '0001999006',
        reportingOwnerCiks: ['0001311601'],
        periodOfReport: '2024-08-01',
        filedDate: original.filedDate,
      },
      {
        accessionNumber: '0009999999-24-000001',
        documentType: '4',
        issuerCik: '0001999006',
        reportingOwnerCiks: ['0009999999'],
        periodOfReport: '2024-08-01',
        filedDate: '2024-08-05',
      },
    ];
    expect(findAmendedFiling(target, stored, '2024-08-07')).toEqual({
      accessionNumber: '0001311601-24-000031',
      reason: 'same issuer, owner and period; filed on dateOfOriginalSubmission',
    });
    expect(findAmendedFiling(target, stored.slice(0, 1), '2024-08-07')).toBeNull();
    expect(amendmentTarget(original)).toBeNull();
  });

  it('replaces only the restated row and never drops the rows it does not restate', () => {
    const effective = applyAmendment(original, amendment);
    expect(
      effective.map((e) => [e.row.transactionDate, e.row.pricePerShare, e.status, e.accessionNumber]),
    ).toEqual([
      ['2024-08-01', '12.3150', 'original', '0001311601-24-000031'],
      ['2024-08-02', '12.34', 'restated', '0001311601-24-000033'],
      ['2024-08-02', '12.2975', 'original', '0001311601-24-000031'],
      ['2026-08-05', '12.41', 'original', '0001311601-24-000031'],
    ]);
  });

  it('adds the rows an amendment reports for the first time', () => {
    const form5 = parsed('form5-x0306-gifts-annual.xml');
    const form5a = parsed('form5a-x0407-amendment.xml');
    const effective = applyAmendment(
      { ...form5, rows: form5.rows.filter((r) => r.rowType === 'transaction') },
      form5a,
    );
    expect(effective.map((e) => [e.row.kind, e.status])).toEqual([
      ['gift', 'original'],
      ['gift', 'original'],
      ['holding', 'added'],
    ]);
  });
});
