import { issuerTrades, ownerLookup } from './aggregate';
import { detectClusterBuys } from './clusters';
import { contexts, filing, ISSUER, owner } from './fixtures/rows';
import { INSIDER_ROLES } from './model';
import type { ClusterRules, TradeRow } from './model';

const issuer = { cik: ISSUER, ticker: 'ACME' };
const RULES: ClusterRules = { minInsiders: 3, windowDays: 10, minValue: '0', roles: INSIDER_ROLES };

function buy(accession: string, ownerCik: string, date: string, value = '1000'): TradeRow[] {
  return filing({ accession, owners: [ownerCik] }, [
    {
      transactionDate: date,
      shares: '100',
      pricePerShare: String(Number(value) / 100),
      value,
      tradeKey: `${accession}-k`,
    },
  ]);
}

function detect(rows: TradeRow[], rules = RULES, ctx = contexts()) {
  return detectClusterBuys(issuer, issuerTrades(rows, ctx), rules, ownerLookup(ctx, [...ctx.keys()]));
}

describe('detectClusterBuys', () => {
  it('detects 3 insiders buying within 10 days', () => {
    const rows = [
      ...buy('B-1', 'A', '2026-03-01'),
      ...buy('B-2', 'B', '2026-03-05'),
      ...buy('B-3', 'C', '2026-03-10'),
    ];
    const events = detect(rows);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      startDate: '2026-03-01',
      endDate: '2026-03-10',
      triggerDate: '2026-03-10',
      active: true,
      insiderCount: 3,
      ownerCiks: ['A', 'B', 'C'],
      purchaseCount: 3,
      purchaseShares: '300',
      purchaseValue: '3000',
    });
  });

  it('does not fire for 2 insiders, nor for 3 spread over 11 days', () => {
    expect(
      detect([
        ...buy('B-1', 'A', '2026-03-01'),
        ...buy('B-2', 'B', '2026-03-05'),
        ...buy('B-4', 'A', '2026-03-06'),
      ]),
    ).toEqual([]);
    expect(
      detect([
        ...buy('B-1', 'A', '2026-03-01'),
        ...buy('B-2', 'B', '2026-03-05'),
        ...buy('B-3', 'C', '2026-03-11'),
      ]),
    ).toEqual([]);
  });

  it('does not count the three owners of a joint filing as three insiders', () => {
    const rows = filing({ accession: 'J-1', owners: ['A', 'B', 'C'] }, [
      { transactionDate: '2026-03-01', shares: '1', value: '1', tradeKey: 'j' },
    ]);
    expect(detect(rows)).toEqual([]);
  });

  it('merges overlapping qualifying windows into one event, and starts a new one after a gap', () => {
    const rows = [
      ...buy('B-1', 'A', '2026-03-01'),
      ...buy('B-2', 'B', '2026-03-05'),
      ...buy('B-5', 'D', '2026-03-08'), // window 02-27..03-08 holds A, B, D: the trigger
      ...buy('B-3', 'C', '2026-03-10'), // window 03-01..03-10 holds all four: same event
      ...buy('B-6', 'E', '2026-04-01'),
      ...buy('B-7', 'F', '2026-04-02'),
      ...buy('B-8', 'G', '2026-04-03'),
    ];
    expect(
      detect(rows).map((e) => [e.startDate, e.endDate, e.triggerDate, e.insiderCount, e.purchaseValue]),
    ).toEqual([
      ['2026-03-01', '2026-03-10', '2026-03-08', 4, '4000'],
      ['2026-04-01', '2026-04-03', '2026-04-03', 3, '3000'],
    ]);
  });

  it('applies the minimum value per insider and the role filter', () => {
    const rows = [
      ...buy('B-1', 'A', '2026-03-01', '500'),
      ...buy('B-2', 'B', '2026-03-05'),
      ...buy('B-3', 'C', '2026-03-10'),
    ];
    expect(detect(rows, { ...RULES, minValue: '1000' })).toEqual([]);
    const ctx = contexts(
      { accessionNumber: 'B-1', dateOfOriginalSubmission: null, owners: [owner('A')] },
      { accessionNumber: 'B-2', dateOfOriginalSubmission: null, owners: [owner('B')] },
      {
        accessionNumber: 'B-3',
        dateOfOriginalSubmission: null,
        owners: [owner('C', { isDirector: false, isTenPercentOwner: true })],
      },
    );
    expect(detect(rows, { ...RULES, roles: ['director', 'officer'] }, ctx)).toEqual([]);
    expect(detect(rows, { ...RULES, roles: ['director', 'ten_percent_owner'] }, ctx)).toHaveLength(1);
  });

  it('ignores derivative-table purchases', () => {
    const rows = [
      ...buy('B-1', 'A', '2026-03-01'),
      ...buy('B-2', 'B', '2026-03-05'),
      ...filing({ accession: 'B-3', owners: ['C'] }, [
        { transactionDate: '2026-03-06', table: 'derivative', code: 'P', value: '5', tradeKey: 'd' },
      ]),
    ];
    expect(detect(rows)).toEqual([]);
  });
});
