/**
 * Data-quality flags: what an analyst should see before trusting a number, either a probable typo or
 * misreading, or a unit other than the column suggests (a row sized in dollars, not shares). A flag
 * never changes a value; it only marks it.
 *
 * These comparisons use JS numbers on purpose: they are heuristics with wide margins, not stored
 * values, and a rounding error in the 16th digit cannot flip them in any meaningful case.
 */
import { compareDecimals } from './decimal';
import { filedDollarAmount } from './dollar-amount';
import type { FiledRow } from './model';

export const QUALITY_FLAG = {
  /** P or S without a price per share (a weighted-average footnote alone is not a price). */
  missingPrice: 'missing_price',
  /** Transaction date after the date the filing was filed (or, without a header, signed). */
  dateAfterFiling: 'date_after_filing',
  /** Transaction date more than MAX_DAYS_BEFORE_PERIOD before the period of report. */
  dateLongBeforePeriod: 'date_long_before_period',
  /** The row's value (shares × price, or the dollar amount filed) above VALUE_SANITY_BOUND dollars. */
  valueAboveBound: 'value_above_bound',
  /**
   * Price over PRICE_OUTLIER_FACTOR times away from the median of the filing's other prices for the
   * same security, table and code. The code matters: an option exercise (M) at a $6 strike next to
   * sales (S) at $1,100 is normal, a $1,100 sale among $11 sales is not.
   */
  priceOutlier: 'price_outlier',
  /**
   * The row is sized in dollars as filed (transactionTotalValue; valueOwnedFollowingTransaction for
   * a holding): its value is that amount, its shares are not a share count of the security.
   */
  dollarAmount: 'dollar_amount',
  /** A dollar-denominated row that also gives a share count: units are ambiguous, shares never count. */
  sharesAndDollarAmount: 'shares_and_dollar_amount',
  /** A price on a dollar-denominated row: no price per share, never multiplied. */
  priceOnDollarAmount: 'price_on_dollar_amount',
  /** The price equals the total value: the filer repeated the amount in the price field. */
  priceIsTotalValue: 'price_is_total_value',
} as const;

/** Form 5 reports a fiscal year and late Form 4 rows trail by months; two years is beyond both. */
export const MAX_DAYS_BEFORE_PERIOD = 730;
/** Larger than any single insider trade on record; above it a unit or decimal point slipped. */
export const VALUE_SANITY_BOUND = 10_000_000_000;
export const PRICE_OUTLIER_FACTOR = 10;

export interface FlagContext {
  periodOfReport: string;
  /** filedDate, else the acceptance date, else the latest signature date; null when none is known. */
  referenceDate: string | null;
}

type FlaggableRow = Pick<
  FiledRow,
  | 'rowType'
  | 'table'
  | 'code'
  | 'securityTitle'
  | 'transactionDate'
  | 'shares'
  | 'pricePerShare'
  | 'totalValue'
  | 'sharesOwnedFollowing'
  | 'valueOwnedFollowing'
> & {
  value: string | null;
};

const DAY_MS = 86_400_000;

function daysBetween(earlier: string, later: string): number {
  return (Date.parse(later) - Date.parse(earlier)) / DAY_MS;
}

/** One flag list per row, same order. */
export function qualityFlags(rows: readonly FlaggableRow[], ctx: FlagContext): string[][] {
  const medians = otherPriceMedians(rows);
  return rows.map((row, index) => {
    const flags = dollarAmountFlags(row);
    const inDollars = flags.length > 0;
    if (row.rowType !== 'transaction') {
      return flags;
    }
    if ((row.code === 'P' || row.code === 'S') && row.pricePerShare === null && !inDollars) {
      flags.push(QUALITY_FLAG.missingPrice);
    }
    if (row.transactionDate !== null) {
      if (ctx.referenceDate !== null && row.transactionDate > ctx.referenceDate) {
        flags.push(QUALITY_FLAG.dateAfterFiling);
      }
      if (daysBetween(row.transactionDate, ctx.periodOfReport) > MAX_DAYS_BEFORE_PERIOD) {
        flags.push(QUALITY_FLAG.dateLongBeforePeriod);
      }
    }
    if (row.value !== null && Number(row.value) > VALUE_SANITY_BOUND) {
      flags.push(QUALITY_FLAG.valueAboveBound);
    }
    const median = medians[index];
    const price = row.pricePerShare === null ? 0 : Number(row.pricePerShare);
    if (
      median !== undefined &&
      price > 0 &&
      (price / median > PRICE_OUTLIER_FACTOR || median / price > PRICE_OUTLIER_FACTOR)
    ) {
      flags.push(QUALITY_FLAG.priceOutlier);
    }
    return flags;
  });
}

function dollarAmountFlags(row: FlaggableRow): string[] {
  const dollars = filedDollarAmount(row);
  if (dollars === null) {
    return [];
  }
  const flags: string[] = [QUALITY_FLAG.dollarAmount];
  const shares = row.rowType === 'transaction' ? row.shares : row.sharesOwnedFollowing;
  if (shares !== null) {
    flags.push(QUALITY_FLAG.sharesAndDollarAmount);
  }
  if (row.pricePerShare !== null) {
    flags.push(QUALITY_FLAG.priceOnDollarAmount);
    if (row.totalValue !== null && compareDecimals(row.pricePerShare, row.totalValue) === 0) {
      flags.push(QUALITY_FLAG.priceIsTotalValue);
    }
  }
  return flags;
}

/**
 * For each priced transaction row, the median price of the other priced transaction rows of the
 * same table, security title and code, when there are at least two of them to compare with.
 */
function otherPriceMedians(rows: readonly FlaggableRow[]): (number | undefined)[] {
  const groups = new Map<string, { index: number; price: number }[]>();
  rows.forEach((row, index) => {
    const price = row.pricePerShare === null ? 0 : Number(row.pricePerShare);
    // A price on a dollar-denominated row is no price per share: it is neither compared nor a median.
    if (row.rowType !== 'transaction' || !(price > 0) || filedDollarAmount(row) !== null) {
      return;
    }
    const key = `${row.table}|${row.code ?? ''}|${(row.securityTitle ?? '').toLowerCase()}`;
    const group = groups.get(key) ?? [];
    group.push({ index, price });
    groups.set(key, group);
  });
  const out: (number | undefined)[] = new Array<number | undefined>(rows.length);
  for (const group of groups.values()) {
    if (group.length < 3) {
      continue;
    }
    // Sorted once; the median without member k is read off by skipping index k: O(n log n), not O(n²).
    group.sort((a, b) => a.price - b.price);
    const m = group.length - 1;
    group.forEach((member, k) => {
      const at = (p: number) => (group[p < k ? p : p + 1] as { price: number }).price;
      out[member.index] = m % 2 ? at((m - 1) / 2) : (at(m / 2 - 1) + at(m / 2)) / 2;
    });
  }
  return out;
}
