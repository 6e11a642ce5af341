import { classifyRow } from './classify';
import type { RowTable } from './model';

const tx = (code: string | null, table: RowTable = 'nonDerivative') =>
  classifyRow({ code, table, rowType: 'transaction' });

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
    expect(classifyRow({ code: null, table: 'derivative', rowType: 'holding' }).kind).toBe('holding');
  });
});
