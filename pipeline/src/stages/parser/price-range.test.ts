import type { FiledRow } from './model';
import { findPriceRange, rangesIn } from './price-range';

describe('price ranges', () => {
  it.each([
    ['at prices ranging from $121.44 to $122.24, inclusive', ['121.44', '122.24']],
    ['at prices ranging from $1,139.050 to $1,139.620, inclusive', ['1139.050', '1139.620']],
    ['purchases ranged from $9.80 to $9.95 per ADS', ['9.80', '9.95']],
    ['prices range between $5.00 and $5.27', ['5.00', '5.27']],
    ['in a range of $0.55 - $0.61', ['0.55', '0.61']],
  ])('%s', (text, [low, high]) => expect(rangesIn(text)).toEqual([{ low, high }]));

  it('ignores reversed or missing ranges', () => {
    expect(rangesIn('ranging from $5 to $4')).toEqual([]);
    expect(rangesIn('weighted average price of $12.00')).toEqual([]);
  });

  it('picks the range containing the row price when a footnote lists several', () => {
    const notes = new Map([
      ['F1', 'Ranging from $10.00 to $10.50 for row 1; ranging from $11.00 to $11.40 for row 2.'],
    ]);
    const row = {
      rowType: 'transaction',
      pricePerShare: '11.2',
      footnoteIds: { transactionPricePerShare: ['F1'] },
    } as unknown as FiledRow;
    expect(findPriceRange(row, notes)).toEqual({ low: '11.00', high: '11.40', footnoteId: 'F1' });
  });
});
