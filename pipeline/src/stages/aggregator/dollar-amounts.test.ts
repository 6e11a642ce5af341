/**
 * Rows sized in dollars (convertible notes, debt) through the summaries, from the parser's own
 * fixtures: they never count as shares, and their dollar value counts only where derivative rows
 * count, which is nowhere but the count of their kind (`otherKindCounts`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from '../parser/fixture-files';
import { parseFiling } from '../parser/parse-filing';
import { toRowRecords } from '../parser/to-avro';
import { issuerTrades, ownerLookup } from './aggregate';
import { detectClusterBuys } from './clusters';
import { contexts } from './fixtures/rows';
import { rowChange } from './from-records';
import { INSIDER_ROLES } from './model';
import type { TradeRow } from './model';
import { dailySummaries, insiderDailySummaries } from './summaries';

function keptRows(fixture: string, accession: string): TradeRow[] {
  const outcome = parseFiling(readFileSync(path.join(FIXTURES_DIR, fixture)), { accessionNumber: accession });
  if (!outcome.ok) {
    throw new Error(outcome.error.message);
  }
  return toRowRecords(outcome.filing)
    .map(rowChange)
    .flatMap((c) => (c.keep ? [c.row] : []));
}

const NO_TRADES = { count: 0, shares: '0', value: '0', unvaluedCount: 0 };

describe('rows sized in dollars in the summaries', () => {
  it('counts convertible notes bought by dollar amount apart, as derivative trades, never as shares', () => {
    const rows = keptRows('form4-x0508-convertible-notes-dollar-amount.xml', '0001777201-25-000001');
    expect(rows.map((r) => [r.kind, r.shares, r.value])).toEqual([
      ['derivative_trade', null, '60000000'],
      ['derivative_trade', null, '15000000'],
    ]);
    const issuer = { cik: '0001999012', ticker: 'TLBS' };
    const days = dailySummaries(issuer, issuerTrades(rows, new Map()), ['2025-06-10', '2025-06-12']);
    for (const day of days) {
      expect(day.purchases.total).toEqual(NO_TRADES);
      expect([day.netShares, day.netValue]).toEqual(['0', '0']);
      expect(day.otherKindCounts).toEqual({ derivative_trade: 1 });
    }
  });

  it('counts the share purchase of a filing and keeps the row with shares and a total value apart', () => {
    const rows = keptRows('form4-x0407-shares-and-total-value.xml', '0001777301-25-000002');
    const issuer = { cik: '0001999013', ticker: 'QMOC' };
    const trades = issuerTrades(rows, new Map());
    const [first, second] = dailySummaries(issuer, trades, ['2025-02-20', '2025-02-21']);
    expect(first!.purchases.total).toEqual({ count: 1, shares: '1000', value: '12400', unvaluedCount: 0 });
    expect(first!.otherKindCounts).toEqual({ derivative_trade: 1 });
    expect(second!.purchases.total).toEqual(NO_TRADES);
    expect(second!.otherKindCounts).toEqual({ dollar_amount_trade: 1 });
    expect(second!.distinctBuyers).toBe(0);
    const insider = insiderDailySummaries(issuer, trades, ['2025-02-21'], ownerLookup(contexts(), []));
    expect(insider.map((s) => [s.netShares, s.netValue, s.otherKindCounts])).toEqual([
      ['0', '0', { dollar_amount_trade: 1 }],
    ]);
  });

  it('makes a cluster buy of three insiders buying shares, never of their rows sized in dollars', () => {
    const byThree = (position: number) =>
      ['0001777301', '0001777302', '0001777303'].flatMap((owner, i) =>
        keptRows('form4-x0407-shares-and-total-value.xml', `000177730${i + 1}-25-000002`)
          .filter((r) => r.position === position)
          .map((r) => ({ ...r, ownerCiks: [owner] })),
      );
    const rules = { minInsiders: 3, windowDays: 10, minValue: '0', roles: INSIDER_ROLES };
    const issuer = { cik: '0001999013', ticker: 'QMOC' };
    const detect = (rows: TradeRow[]) =>
      detectClusterBuys(issuer, issuerTrades(rows, new Map()), rules, ownerLookup(contexts(), []));
    expect(detect(byThree(0))).toHaveLength(1);
    expect(detect(byThree(1))).toEqual([]);
  });
});
