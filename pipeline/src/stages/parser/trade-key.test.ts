import { loadFixtures } from './fixture-files';
import type { FiledRow } from './model';
import { parseFiling } from './parse-filing';
import { tradeKeys } from './trade-key';

const trade = (over: Partial<FiledRow> = {}) =>
  ({
    table: 'nonDerivative',
    rowType: 'transaction',
    securityTitle: 'Common Stock',
    transactionDate: '2024-08-01',
    code: 'S',
    acquiredDisposed: 'D',
    shares: '100',
    pricePerShare: '66.70',
    sharesOwnedFollowing: '900',
    directOrIndirect: 'D',
    totalValue: null,
    valueOwnedFollowing: null,
    ...over,
  }) as FiledRow;

/** The key of `trade()`, computed with trade-key.ts as it was before dollar amounts were keyed. */
const SHARE_TRADE_KEY = 'tk1:e17d10d5c4ccbfdc6f40d0d7ab4d7cc8';

describe('tradeKeys', () => {
  it('is the same trade whatever the filer, accession or formatting', () => {
    const [a] = tradeKeys('0000000001', [trade()]);
    const [b] = tradeKeys('0000000001', [
      trade({ pricePerShare: '66.7', securityTitle: '  common   STOCK ' }),
    ]);
    expect(a).toBe(b);
    expect(a).toMatch(/^tk1:[0-9a-f]{32}$/);
  });

  it('separates trades sized in dollars by their amount, and leaves keys of share trades as they were', () => {
    const notes = { shares: null, pricePerShare: null, table: 'derivative' as const, code: 'P' };
    const [sixty, ten] = tradeKeys('0000000001', [
      trade({ ...notes, totalValue: '60000000.00' }),
      trade({ ...notes, totalValue: '10000000' }),
    ]);
    expect(sixty).not.toBe(ten);
    expect(tradeKeys('0000000001', [trade({ ...notes, totalValue: '60000000' })])[0]).toBe(sixty);
    expect(tradeKeys('0000000001', [trade()])[0]).toBe(SHARE_TRADE_KEY);
  });

  it('separates different trades and identical fills within one filing', () => {
    const keys = tradeKeys('0000000001', [
      trade(),
      trade(),
      trade({ shares: '101' }),
      trade({ table: 'derivative' }),
    ]);
    expect(new Set(keys).size).toBe(4);
    expect(tradeKeys('0000000002', [trade()])[0]).not.toBe(keys[0]);
  });

  it('tells holdings apart by the position they report', () => {
    const holding = (sharesOwnedFollowing: string, directOrIndirect: 'D' | 'I') =>
      trade({
        rowType: 'holding',
        transactionDate: null,
        code: null,
        acquiredDisposed: null,
        shares: null,
        pricePerShare: null,
        sharesOwnedFollowing,
        directOrIndirect,
      });
    const keys = tradeKeys('0000000001', [holding('100', 'I'), holding('250', 'I'), holding('100', 'D')]);
    expect(new Set(keys).size).toBe(3);
    expect(tradeKeys('0000000001', [holding('250', 'I')])).toEqual([keys[1]]);
  });

  it('gives the fund, its GP and its manager the same keys for the same trades', () => {
    const fixture = loadFixtures().find((f) => f.name.startsWith('form4-x0306-joint'))!;
    const text = fixture.bytes.toString('utf8');
    // The same trades filed again by the general partner alone, as ownership chains do.
    const gpOnly = text.replace(/<reportingOwner>[\s\S]*?<\/reportingOwner>\s*/g, (block) =>
      block.includes('0001666202') ? block : '',
    );
    const joint = parseFiling(text);
    const gp = parseFiling(gpOnly, { accessionNumber: '0001666202-21-000009' });
    if (!joint.ok || !gp.ok) {
      throw new Error('fixture must parse');
    }
    expect(gp.filing.reportingOwners.map((o) => o.cik)).toEqual(['0001666202']);
    expect(gp.filing.rows.map((r) => r.tradeKey)).toEqual(joint.filing.rows.map((r) => r.tradeKey));
  });
});
