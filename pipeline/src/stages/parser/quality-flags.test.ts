import { qualityFlags } from './quality-flags';

const row = (over: Record<string, unknown>) => ({
  rowType: 'transaction' as const,
  table: 'nonDerivative' as const,
  code: 'S',
  securityTitle: 'Common Stock',
  transactionDate: '2024-08-01',
  pricePerShare: '10.00',
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

  it('does not flag holdings', () => {
    expect(
      qualityFlags(
        [row({ rowType: 'holding', code: null, pricePerShare: null, transactionDate: null })],
        ctx,
      ),
    ).toEqual([[]]);
  });
});
