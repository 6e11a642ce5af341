import { economicTrades } from './economic-trades';
import { filing } from './fixtures/rows';
import { countInsiders } from './insider-groups';

const FUND = '0009992001';
const GP = '0009992002';
const MANAGER = '0009992003';
const buy = {
  transactionDate: '2026-04-01',
  shares: '1000',
  pricePerShare: '10',
  value: '10000',
  tradeKey: 'tk-buy',
};

describe('economicTrades', () => {
  it('counts a joint filing (three owners, one row) once, as one insider', () => {
    const trades = economicTrades(filing({ accession: 'J-1', owners: [FUND, GP, MANAGER] }, [buy]));
    expect(trades).toHaveLength(1);
    expect(trades[0]!.ownerCiks).toEqual([FUND, GP, MANAGER]);
    expect(countInsiders(trades.map((t) => t.ownerCiks))).toBe(1);
  });

  it('merges the copies of an ownership chain (one direct, two indirect filings) into one trade', () => {
    const rows = [
      ...filing({ accession: 'C-1', owners: [FUND], acceptedAt: '2026-04-02T16:00:00-04:00' }, [buy]),
      ...filing({ accession: 'C-2', owners: [GP], acceptedAt: '2026-04-02T16:01:00-04:00' }, [
        { ...buy, directOrIndirect: 'I' },
      ]),
      ...filing({ accession: 'C-3', owners: [MANAGER], acceptedAt: '2026-04-02T16:02:00-04:00' }, [
        { ...buy, directOrIndirect: 'I' },
      ]),
    ];
    const trades = economicTrades(rows);
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ copies: 3, ownerCiks: [FUND, GP, MANAGER] });
    expect(trades[0]!.row.accessionNumber).toBe('C-1');
  });

  it('keeps two directors buying identical terms directly as two trades', () => {
    const rows = [
      ...filing({ accession: 'D-1', owners: ['0009993001'] }, [buy]),
      ...filing({ accession: 'D-2', owners: ['0009993002'] }, [buy]),
    ];
    expect(economicTrades(rows)).toHaveLength(2);
  });

  it('never merges rows of one filing', () => {
    const rows = filing({ accession: 'E-1', owners: [FUND] }, [buy, { ...buy, tradeKey: 'tk-buy' }]);
    expect(economicTrades(rows)).toHaveLength(2);
  });

  it('takes 10b5-1 as true when any copy says so', () => {
    const rows = [
      ...filing({ accession: 'F-1', owners: [FUND] }, [{ ...buy, is10b5One: null }]),
      ...filing({ accession: 'F-2', owners: [GP] }, [{ ...buy, directOrIndirect: 'I', is10b5One: true }]),
    ];
    expect(economicTrades(rows)[0]!.is10b5One).toBe(true);
  });
});
