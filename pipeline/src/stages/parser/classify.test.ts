import { classifyRow } from './classify';
import type { RowTable } from './model';

const amounts = { shares: '100', pricePerShare: '10', totalValue: null, valueOwnedFollowing: null };
const tx = (code: string | null, table: RowTable = 'nonDerivative') =>
  classifyRow({ code, table, rowType: 'transaction', ...amounts });

describe('classifyRow', () => {
  it.each([
    ['P', 'nonDerivative', 'open_market_purchase'],
    ['S', 'nonDerivative', 'open_market_sale'],
    ['P', 'derivative', 'derivative_trade'],
    ['S', 'derivative', 'derivative_trade'],
    ['A', 'derivative', 'grant_award'],
    ['M', 'nonDerivative', 'exercise_conversion'],
    ['X', 'derivative', 'exercise_conversion'],
    ['C', 'derivative', 'exercise_conversion'],
    ['O', 'derivative', 'exercise_conversion'],
    ['F', 'nonDerivative', 'tax_withholding'],
    ['G', 'nonDerivative', 'gift'],
    ['D', 'nonDerivative', 'disposition_to_issuer'],
    ['J', 'nonDerivative', 'other'],
    ['Q', 'nonDerivative', 'other'],
  ] as const)('code %s on the %s table is %s', (code, table, kind) =>
    expect(tx(code, table).kind).toBe(kind),
  );

  it('explains itself', () => {
    expect(tx('P', 'derivative').kindReason).toBe(
      'code P (open market or private purchase) on the derivative table: a derivative trade, not a stock purchase',
    );
    expect(tx('J').kindReason).toBe(
      'code J (other acquisition or disposition (described in a footnote)) on the non-derivative table',
    );
    expect(tx('Q').kindReason).toBe('unknown code Q on the non-derivative table');
    expect(tx(null).kind).toBe('other');
    expect(classifyRow({ code: null, table: 'derivative', rowType: 'holding', ...amounts }).kind).toBe(
      'holding',
    );
  });

  it('never calls a trade sized in dollars a stock purchase or sale', () => {
    const notes = { ...amounts, shares: null, pricePerShare: null, totalValue: '5000000' };
    const bought = classifyRow({ code: 'P', table: 'nonDerivative', rowType: 'transaction', ...notes });
    expect(bought.kind).toBe('dollar_amount_trade');
    expect(bought.kindReason).toBe(
      'code P (open market or private purchase) on the non-derivative table, sized in dollars (transactionTotalValue): a trade of a security denominated in dollars such as notes, not a stock purchase',
    );
    const both = { ...amounts, totalValue: '1000' };
    expect(classifyRow({ code: 'S', table: 'nonDerivative', rowType: 'transaction', ...both })).toEqual({
      kind: 'dollar_amount_trade',
      kindReason:
        'code S (open market or private sale) on the non-derivative table, sized in dollars (transactionTotalValue) beside a share count: the units are ambiguous, so it does not count as a stock sale',
    });
    expect(classifyRow({ code: 'P', table: 'derivative', rowType: 'transaction', ...notes }).kind).toBe(
      'derivative_trade',
    );
    expect(classifyRow({ code: 'A', table: 'derivative', rowType: 'transaction', ...notes }).kind).toBe(
      'grant_award',
    );
  });
});
