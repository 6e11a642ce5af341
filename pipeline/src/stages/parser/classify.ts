/**
 * What kind of economic event a row is, from its transaction code and table, with the reason in
 * words so that a number on a dashboard can be traced back to a rule.
 *
 * The one rule that matters most: P and S mean an open-market (or private) purchase or sale of
 * stock only on the non-derivative table and only when sized in shares. On the derivative table
 * they are trades of options, warrants or swaps; sized in dollars (transactionTotalValue) they are
 * trades of notes or other dollar-denominated securities. Counting either as stock purchases would
 * invent insider buying.
 */
import { isDollarDenominated } from './dollar-amount';
import type { FiledRow, RowKind } from './model';

/** SEC Form 4 General Instructions 8, transaction codes, for the reason text. */
const CODE_MEANING: Record<string, string> = {
  P: 'open market or private purchase',
  S: 'open market or private sale',
  V: 'transaction voluntarily reported earlier than required',
  A: 'grant, award or other acquisition from the issuer',
  D: 'disposition to the issuer',
  F: 'payment of exercise price or tax liability by delivering or withholding securities',
  I: 'discretionary transaction',
  M: 'exercise or conversion of a derivative security exempted under Rule 16b-3',
  C: 'conversion of a derivative security',
  E: 'expiration of a short derivative position',
  H: 'expiration (or cancellation) of a long derivative position with value received',
  O: 'exercise of an out-of-the-money derivative security',
  X: 'exercise of an in-the-money or at-the-money derivative security',
  G: 'bona fide gift',
  L: 'small acquisition under Rule 16a-6',
  W: 'acquisition or disposition by will or the laws of descent and distribution',
  Z: 'deposit into or withdrawal from a voting trust',
  J: 'other acquisition or disposition (described in a footnote)',
  K: 'transaction in an equity swap or similar instrument',
  U: 'disposition pursuant to a tender of shares in a change of control',
};

const KIND_BY_CODE: Record<string, RowKind> = {
  A: 'grant_award',
  M: 'exercise_conversion',
  X: 'exercise_conversion',
  C: 'exercise_conversion',
  O: 'exercise_conversion',
  F: 'tax_withholding',
  G: 'gift',
  D: 'disposition_to_issuer',
};

export interface Classification {
  kind: RowKind;
  kindReason: string;
}

type ClassifiedRow = Pick<
  FiledRow,
  'code' | 'table' | 'rowType' | 'shares' | 'pricePerShare' | 'totalValue' | 'valueOwnedFollowing'
>;

export function classifyRow(row: ClassifiedRow): Classification {
  const tableName = row.table === 'nonDerivative' ? 'non-derivative' : 'derivative';
  if (row.rowType === 'holding') {
    return { kind: 'holding', kindReason: `holding on the ${tableName} table: a position, no transaction` };
  }
  const code = row.code;
  if (code === null) {
    return { kind: 'other', kindReason: `transaction without a code on the ${tableName} table` };
  }
  const meaning = Object.prototype.hasOwnProperty.call(CODE_MEANING, code) ? CODE_MEANING[code] : undefined;
  const said = `code ${code}${meaning ? ` (${meaning})` : ''} on the ${tableName} table`;
  if (code === 'P' || code === 'S') {
    if (row.table === 'derivative') {
      return {
        kind: 'derivative_trade',
        kindReason: `${said}: a derivative trade, not a stock ${code === 'P' ? 'purchase' : 'sale'}`,
      };
    }
    if (isDollarDenominated(row)) {
      const stock = `a stock ${code === 'P' ? 'purchase' : 'sale'}`;
      return {
        kind: 'dollar_amount_trade',
        kindReason:
          row.shares === null
            ? `${said}, sized in dollars (transactionTotalValue): a trade of a security denominated in dollars such as notes, not ${stock}`
            : `${said}, sized in dollars (transactionTotalValue) beside a share count: the units are ambiguous, so it does not count as ${stock}`,
      };
    }
    return { kind: code === 'P' ? 'open_market_purchase' : 'open_market_sale', kindReason: said };
  }
  const kind = Object.prototype.hasOwnProperty.call(KIND_BY_CODE, code) ? KIND_BY_CODE[code] : undefined;
  if (kind !== undefined) {
    return { kind, kindReason: said };
  }
  return { kind: 'other', kindReason: meaning ? said : `unknown code ${code} on the ${tableName} table` };
}
