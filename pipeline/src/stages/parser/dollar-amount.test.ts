import { filedDollarAmount, isDollarDenominated, rowValue } from './dollar-amount';

const transaction = {
  rowType: 'transaction' as const,
  shares: null,
  pricePerShare: null,
  totalValue: null,
  valueOwnedFollowing: null,
};
const holding = { ...transaction, rowType: 'holding' as const };

describe('rows sized in dollars', () => {
  it('takes the total value as the value and never multiplies the price', () => {
    const notes = { ...transaction, totalValue: '60000000.00', pricePerShare: '60000000.00' };
    expect(rowValue(notes)).toBe('60000000');
    expect(isDollarDenominated(notes)).toBe(true);
    expect(rowValue({ ...notes, shares: '2000', pricePerShare: '12.50', totalValue: '25000' })).toBe('25000');
  });

  it('takes the value owned of a holding, but not of a transaction', () => {
    expect(rowValue({ ...holding, valueOwnedFollowing: '2500000' })).toBe('2500000');
    const trade = { ...transaction, shares: '10', pricePerShare: '3', valueOwnedFollowing: '2500000' };
    expect(filedDollarAmount(trade)).toBeNull();
    expect(rowValue(trade)).toBe('30');
  });

  it('multiplies shares and price of a row sized in shares, and gives null when one is missing', () => {
    expect(rowValue({ ...transaction, shares: '1500.5', pricePerShare: '12.3456' })).toBe('18524.5728');
    expect(rowValue({ ...transaction, shares: '100' })).toBeNull();
    expect(isDollarDenominated(holding)).toBe(false);
  });
});
