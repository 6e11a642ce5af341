import { qualityFlags } from './quality-flags';

const row = (over: Record<string, unknown>) => ({
  rowType: 'transaction' as const,
  table: 'nonDerivative' as const,
  code: 'S',
  securityTitle: 'Common Stock',
  transactionDate: '2024-08-01',
  shares: '100',
  pricePerShare: '10.00',
  totalValue: null,
  sharesOwnedFollowing: '900',
  valueOwnedFollowing: null,
  value: '1000',
  ...over,
});
const ctx = { periodOfReport: '2024-08-01', referenceDate: '2024-08-05' };

describe('qualityFlags', () => {
  it('flags a P or S without a price, but not a gift', () => {
    const flags = qualityFlags(
      [row({ pricePerShare: null, value: null }), row({ code: 'G', pricePerShare: null, value: null })],
      ctx,
    );
    expect(flags).toEqual([['missing_price'], []]);
  });

  it('flags dates after filing and long before the period', () => {
    const flags = qualityFlags(
      [row({ transactionDate: '2024-08-06' }), row({ transactionDate: '2022-07-01' }), row({})],
      ctx,
    );
    expect(flags).toEqual([['date_after_filing'], ['date_long_before_period'], []]);
  });

  it('flags a value above the sanity bound', () => {
    expect(qualityFlags([row({ value: '10000000000.01' })], ctx)).toEqual([['value_above_bound']]);
  });

  it('flags a price far from the other prices of the same security and code only', () => {
    const rows = [
      row({ pricePerShare: '12.31' }),
      row({ pricePerShare: '1231.00' }),
      row({ pricePerShare: '12.29' }),
      row({ pricePerShare: '12.40' }),
    ];
    expect(qualityFlags(rows, ctx)).toEqual([[], ['price_outlier'], [], []]);
    const exercise = [row({ code: 'M', pricePerShare: '6.24' }), ...rows.filter((_, i) => i !== 1)];
    expect(qualityFlags(exercise, ctx).flat()).toEqual([]);
  });

  it('does not flag holdings sized in shares', () => {
    expect(
      qualityFlags(
        [row({ rowType: 'holding', code: null, shares: null, pricePerShare: null, transactionDate: null })],
        ctx,
      ),
    ).toEqual([[]]);
  });

  describe('rows sized in dollars', () => {
    const notes = (over: Record<string, unknown>) =>
      row({
        code: 'P',
        table: 'derivative',
        shares: null,
        pricePerShare: null,
        totalValue: '60000000',
        ...over,
      });

    it('flags the dollar amount, and never a missing price', () => {
      expect(qualityFlags([notes({ sharesOwnedFollowing: null })], ctx)).toEqual([['dollar_amount']]);
      expect(qualityFlags([notes({ table: 'nonDerivative' })], ctx)).toEqual([['dollar_amount']]);
    });

    it('flags any price on it, and a price that repeats the total value', () => {
      const flags = qualityFlags(
        [
          notes({ pricePerShare: '60000000.00' }),
          notes({ pricePerShare: '0.00' }),
          notes({ pricePerShare: '100' }),
        ],
        ctx,
      );
      expect(flags).toEqual([
        ['dollar_amount', 'price_on_dollar_amount', 'price_is_total_value'],
        ['dollar_amount', 'price_on_dollar_amount'],
        ['dollar_amount', 'price_on_dollar_amount'],
      ]);
    });

    it('flags a share count given beside the dollar amount', () => {
      expect(qualityFlags([notes({ shares: '2000', pricePerShare: '12.50' })], ctx)).toEqual([
        ['dollar_amount', 'shares_and_dollar_amount', 'price_on_dollar_amount'],
      ]);
    });

    it('flags a holding reported by value, whatever the schema version of its filing', () => {
      const holding = {
        rowType: 'holding',
        code: null,
        shares: null,
        pricePerShare: null,
        totalValue: null,
        transactionDate: null,
      };
      expect(
        qualityFlags(
          [
            row({ ...holding, sharesOwnedFollowing: null, valueOwnedFollowing: '2500000' }),
            row({ ...holding, sharesOwnedFollowing: '100', valueOwnedFollowing: '2500000' }),
          ],
          ctx,
        ),
      ).toEqual([['dollar_amount'], ['dollar_amount', 'shares_and_dollar_amount']]);
    });

    it('keeps its price out of the outlier comparison of the real prices', () => {
      const rows = [
        row({ code: 'P', pricePerShare: '12.31' }),
        row({ code: 'P', pricePerShare: '12.29' }),
        row({ code: 'P', pricePerShare: '12.40' }),
        notes({ table: 'nonDerivative', pricePerShare: '60000000' }),
      ];
      expect(qualityFlags(rows, ctx).map((f) => f.includes('price_outlier'))).toEqual([
        false,
        false,
        false,
        false,
      ]);
    });
  });
});
