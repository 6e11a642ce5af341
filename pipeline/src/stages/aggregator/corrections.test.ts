import { applyCorrections, restatementKey } from './corrections';
import { filing } from './fixtures/rows';

const JANE = '0009991001';

/** Jane's Form 4: three purchases; row 1 on 03-03 direct, row 2 the same day by her trust. */
const original = filing({ accession: 'A-101', owners: [JANE], period: '2026-03-02', filed: '2026-03-04' }, [
  {
    transactionDate: '2026-03-02',
    shares: '1500.5',
    pricePerShare: '12.3456',
    value: '18524.5728',
    tradeKey: 'k1',
  },
  { transactionDate: '2026-03-03', shares: '800', pricePerShare: '12.4', value: '9920', tradeKey: 'k2' },
  {
    transactionDate: '2026-03-03',
    shares: '2000',
    pricePerShare: '12.39',
    value: '24780',
    directOrIndirect: 'I',
    tradeKey: 'k3',
  },
]);

/** Her 4/A restates only the 03-03 direct purchase, with the corrected price. */
const amendment = filing(
  { accession: 'A-123', form: '4/A', owners: [JANE], period: '2026-03-02', filed: '2026-03-06' },
  [
    {
      transactionDate: '2026-03-03',
      shares: '800',
      pricePerShare: '12.4075',
      value: '9926',
      tradeKey: 'k2-fixed',
    },
  ],
);

describe('applyCorrections', () => {
  it('replaces the restated row in place and keeps the rows the 4/A does not restate', () => {
    const effective = applyCorrections([...amendment, ...original], new Map());
    expect(effective.map((r) => [r.accessionNumber, r.position, r.value])).toEqual([
      ['A-101', 0, '18524.5728'],
      ['A-123', 0, '9926'],
      ['A-101', 2, '24780'],
    ]);
  });

  it('adds an amended row that matches nothing (a trade the original left out)', () => {
    const added = filing(
      { accession: 'A-124', form: '4/A', owners: [JANE], period: '2026-03-02', filed: '2026-03-07' },
      [{ transactionDate: '2026-03-04', shares: '10', pricePerShare: '12', value: '120', tradeKey: 'k4' }],
    );
    expect(applyCorrections([...original, ...added], new Map())).toHaveLength(4);
  });

  it('applies an amendment of an amendment to the chain in filing order', () => {
    const second = filing(
      { accession: 'A-130', form: '4/A', owners: [JANE], period: '2026-03-02', filed: '2026-03-09' },
      [
        {
          transactionDate: '2026-03-03',
          shares: '810',
          pricePerShare: '12.4075',
          value: '10050.075',
          tradeKey: 'k2-fixed-again',
        },
        {
          transactionDate: '2026-03-02',
          shares: '1500',
          pricePerShare: '12.3456',
          value: '18518.4',
          tradeKey: 'k1-fixed',
        },
      ],
    );
    const effective = applyCorrections([...second, ...original, ...amendment], new Map());
    expect(effective.map((r) => r.value)).toEqual(['18518.4', '10050.075', '24780']);
  });

  it('leaves filings of other owners, other periods and other forms alone', () => {
    const otherOwner = filing(
      { accession: 'B-1', form: '4/A', owners: ['0009991002'], period: '2026-03-02', filed: '2026-03-06' },
      [{ transactionDate: '2026-03-03', shares: '1', pricePerShare: '1', value: '1', tradeKey: 'x' }],
    );
    expect(applyCorrections([...original, ...otherOwner], new Map())).toHaveLength(4);
  });

  it('prefers the original filed on dateOfOriginalSubmission over another original of the same period', () => {
    const late = filing({ accession: 'A-102', owners: [JANE], period: '2026-03-02', filed: '2026-03-05' }, [
      {
        transactionDate: '2026-03-03',
        shares: '800',
        pricePerShare: '12.4',
        value: '9920',
        tradeKey: 'k2-late',
      },
    ]);
    const ctx = new Map([
      ['A-123', { accessionNumber: 'A-123', dateOfOriginalSubmission: '2026-03-04', owners: [] }],
    ]);
    const effective = applyCorrections([...original, ...late, ...amendment], ctx);
    expect(effective.map((r) => `${r.accessionNumber}#${r.position}`)).toEqual([
      'A-101#0',
      'A-123#0',
      'A-101#2',
      'A-102#0',
    ]);
  });

  it('matches on table, title, date, code and direct/indirect, ignoring case, spacing, shares and price', () => {
    const [a] = filing({ accession: 'X', owners: [JANE] }, [
      { transactionDate: '2026-01-02', securityTitle: 'Common  stock', shares: '1', tradeKey: 'a' },
    ]);
    const [b] = filing({ accession: 'Y', owners: [JANE] }, [
      { transactionDate: '2026-01-02', securityTitle: 'COMMON STOCK', shares: '2', tradeKey: 'b' },
    ]);
    expect(restatementKey(a!)).toBe(restatementKey(b!));
  });
});
