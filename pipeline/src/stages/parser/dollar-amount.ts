/**
 * Rows whose size is filed in dollars rather than shares. EDGAR's ownership schema lets a filer give
 * `transactionTotalValue` instead of `transactionShares` (and `valueOwnedFollowingTransaction`
 * instead of `sharesOwnedFollowingTransaction`) for securities denominated in dollars: convertible
 * notes, debentures, partnership interests. For such a row the dollar amount is the row's size.
 * Filers often repeat the amount in `transactionPricePerShare` (or put a percent of par or 0
 * there): that number is no price per share, so nothing multiplies it.
 */
import { canonicalDecimal, multiplyDecimals } from './decimal';
import type { Decimal, FiledRow } from './model';

type AmountFields = Pick<
  FiledRow,
  'rowType' | 'shares' | 'pricePerShare' | 'totalValue' | 'valueOwnedFollowing'
>;

/**
 * The dollar amount the filer reported for the row itself: the total value of a transaction, the
 * value owned of a holding. Null for rows sized in shares. A transaction's value owned afterwards
 * describes the position, not the trade, so it does not make the trade dollar-denominated.
 */
export function filedDollarAmount(row: AmountFields): Decimal | null {
  return row.rowType === 'transaction' ? row.totalValue : row.valueOwnedFollowing;
}

export function isDollarDenominated(row: AmountFields): boolean {
  return filedDollarAmount(row) !== null;
}

/** The row's dollar value: the filed dollar amount, else shares × price when both are given. */
export function rowValue(row: AmountFields): Decimal | null {
  const dollars = filedDollarAmount(row);
  if (dollars !== null) {
    return canonicalDecimal(dollars);
  }
  return row.shares !== null && row.pricePerShare !== null
    ? multiplyDecimals(row.shares, row.pricePerShare)
    : null;
}
