import { issuerTrades } from './aggregate';
import { contexts, filing, ISSUER, owner } from './fixtures/rows';
import { dailySummaries, insiderDailySummaries, rollingSummaries } from './summaries';

const issuer = { cik: ISSUER, ticker: 'ACME' };
const JANE = '0009991001';
const BOB = '0009991002';

describe('daily summaries', () => {
  it('does not count a derivative-table P as a purchase; it is counted apart', () => {
    const rows = filing({ accession: 'W-1', owners: [JANE] }, [
      {
        transactionDate: '2026-05-01',
        table: 'derivative',
        code: 'P',
        shares: '5000',
        pricePerShare: '1.2575',
        value: '6287.5',
        tradeKey: 'w',
      },
    ]);
    const [day] = dailySummaries(issuer, issuerTrades(rows, new Map()), ['2026-05-01']);
    expect(day!.purchases.total).toEqual({ count: 0, shares: '0', value: '0', unvaluedCount: 0 });
    expect(day!.otherKindCounts).toEqual({ derivative_trade: 1 });
    expect(day!.distinctBuyers).toBe(0);
    expect(day!.distinctInsiders).toBe(1);
  });

  it('splits sales by 10b5-1 (unknown goes with "not"), and nets purchases against sales', () => {
    const rows = filing({ accession: 'S-1', owners: [BOB] }, [
      {
        transactionDate: '2026-05-04',
        code: 'S',
        shares: '1000',
        pricePerShare: '50',
        value: '50000',
        is10b5One: true,
        tradeKey: 's1',
      },
      {
        transactionDate: '2026-05-04',
        code: 'S',
        shares: '500',
        pricePerShare: '51',
        value: '25500',
        is10b5One: false,
        tradeKey: 's2',
      },
      {
        transactionDate: '2026-05-04',
        code: 'S',
        shares: '200',
        pricePerShare: '52',
        value: '10400',
        is10b5One: null,
        tradeKey: 's3',
      },
      {
        transactionDate: '2026-05-04',
        code: 'P',
        shares: '100',
        pricePerShare: '49.5',
        value: '4950',
        tradeKey: 'p1',
      },
      { transactionDate: '2026-05-04', code: 'P', shares: '10', tradeKey: 'p2' },
    ]);
    const [day] = dailySummaries(issuer, issuerTrades(rows, new Map()), ['2026-05-04']);
    expect(day!.sales).toEqual({
      total: { count: 3, shares: '1700', value: '85900', unvaluedCount: 0 },
      tenB5One: { count: 1, shares: '1000', value: '50000', unvaluedCount: 0 },
      notTenB5One: { count: 2, shares: '700', value: '35900', unvaluedCount: 0 },
    });
    expect(day!.purchases.total).toEqual({ count: 2, shares: '110', value: '4950', unvaluedCount: 1 });
    expect(day!.netShares).toBe('-1590');
    expect(day!.netValue).toBe('-80950');
  });

  it('applies a 4/A correcting one row of the original without wiping the others', () => {
    const original = filing(
      { accession: 'A-101', owners: [JANE], period: '2026-03-02', filed: '2026-03-04' },
      [
        {
          transactionDate: '2026-03-02',
          shares: '1500.5',
          pricePerShare: '12.3456',
          value: '18524.5728',
          tradeKey: 'k1',
        },
        {
          transactionDate: '2026-03-03',
          shares: '800',
          pricePerShare: '12.4',
          value: '9920',
          tradeKey: 'k2',
        },
        {
          transactionDate: '2026-03-03',
          shares: '2000',
          pricePerShare: '12.39',
          value: '24780',
          directOrIndirect: 'I',
          tradeKey: 'k3',
        },
      ],
    );
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
    const trades = issuerTrades([...original, ...amendment], new Map());
    const [d2, d3] = dailySummaries(issuer, trades, ['2026-03-02', '2026-03-03']);
    expect(d2!.purchases.total).toEqual({
      count: 1,
      shares: '1500.5',
      value: '18524.5728',
      unvaluedCount: 0,
    });
    // 800 × 12.4075 = 9926 (not the original 9920) + 2000 × 12.39 = 24780 from the untouched trust row.
    expect(d3!.purchases.total).toEqual({ count: 2, shares: '2800', value: '34706', unvaluedCount: 0 });
    const week = rollingSummaries(issuer, trades, ['2026-03-03'], [7]);
    expect(week[0]).toMatchObject({
      startDate: '2026-02-25',
      endDate: '2026-03-03',
      netValue: '53230.5728',
      distinctBuyers: 1,
    });
  });

  it('gives an all-zero summary for a requested day without trades', () => {
    const [day] = dailySummaries(issuer, [], ['2026-01-01']);
    expect(day).toMatchObject({
      date: '2026-01-01',
      netValue: '0',
      distinctInsiders: 0,
      otherKindCounts: {},
    });
  });
});

describe('rolling summaries', () => {
  it('sums the trailing 7, 30 and 90 calendar days, end day included', () => {
    const rows = [
      ...filing({ accession: 'R-1', owners: [JANE] }, [
        { transactionDate: '2026-01-01', shares: '1', pricePerShare: '100', value: '100', tradeKey: 'r1' },
      ]),
      ...filing({ accession: 'R-2', owners: [BOB] }, [
        { transactionDate: '2026-03-01', shares: '2', pricePerShare: '100', value: '200', tradeKey: 'r2' },
      ]),
      ...filing({ accession: 'R-3', owners: [JANE] }, [
        { transactionDate: '2026-03-25', shares: '4', pricePerShare: '100', value: '400', tradeKey: 'r3' },
      ]),
    ];
    const windows = rollingSummaries(issuer, issuerTrades(rows, new Map()), ['2026-03-31'], [7, 30, 90]);
    expect(
      windows.map((w) => [w.windowDays, w.startDate, w.purchases.total.value, w.distinctBuyers]),
    ).toEqual([
      [7, '2026-03-25', '400', 1],
      [30, '2026-03-02', '400', 1],
      [90, '2026-01-01', '700', 2],
    ]);
  });
});

describe('per-insider daily summaries', () => {
  it('gives each owner of a joint filing the trade, with name and roles from the filing', () => {
    const rows = filing({ accession: 'J-1', owners: [JANE, BOB] }, [
      { transactionDate: '2026-06-01', shares: '10', pricePerShare: '3', value: '30', tradeKey: 'j' },
    ]);
    const ctx = contexts({
      accessionNumber: 'J-1',
      dateOfOriginalSubmission: null,
      owners: [owner(JANE, { isOfficer: true, officerTitle: 'CEO' }), owner(BOB)],
    });
    const lookup = (cik: string) => ctx.get('J-1')!.owners.find((o) => o.cik === cik);
    const out = insiderDailySummaries(issuer, issuerTrades(rows, ctx), ['2026-06-01'], lookup, [
      { ownerCik: '0009999999', date: '2026-06-01' },
    ]);
    expect(out.map((s) => [s.ownerCik, s.purchases.total.value, s.officerTitle])).toEqual([
      [JANE, '30', 'CEO'],
      [BOB, '30', null],
      ['0009999999', '0', null],
    ]);
  });
});
