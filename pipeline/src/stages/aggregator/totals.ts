/**
 * Sums of economic trades: open-market purchases and sales (count, shares, dollar value, split by
 * Rule 10b5-1), net shares and value, and every other kind counted apart. Only kind decides: a P
 * or S on the derivative table is `derivative_trade` (an option or warrant trade, not a stock
 * purchase) and lands in `otherKindCounts`, never in purchases or sales.
 */
import { addDecimals, subtractDecimals } from '../../shared/decimal';
import { countInsiders } from './insider-groups';
import type { IssuerActivity, SideTotals, Totals, Trade, TradeActivity } from './model';

const PURCHASE = 'open_market_purchase';
const SALE = 'open_market_sale';

function emptyTotals(): Totals {
  return { count: 0, shares: '0', value: '0', unvaluedCount: 0 };
}

function emptySide(): SideTotals {
  return { total: emptyTotals(), tenB5One: emptyTotals(), notTenB5One: emptyTotals() };
}

function addTrade(totals: Totals, trade: Trade): void {
  totals.count += 1;
  if (trade.row.shares !== null) {
    totals.shares = addDecimals(totals.shares, trade.row.shares);
  }
  if (trade.row.value !== null) {
    totals.value = addDecimals(totals.value, trade.row.value);
  } else {
    totals.unvaluedCount += 1;
  }
}

function addToSide(side: SideTotals, trade: Trade): void {
  addTrade(side.total, trade);
  // Unknown (null: no checkbox before 2023, no footnote) is reported with "not under a plan".
  addTrade(trade.is10b5One === true ? side.tenB5One : side.notTenB5One, trade);
}

export function tradeActivity(trades: Iterable<Trade>): TradeActivity {
  const purchases = emptySide();
  const sales = emptySide();
  const otherKindCounts: Record<string, number> = {};
  for (const trade of trades) {
    const kind = trade.row.kind;
    if (kind === PURCHASE) {
      addToSide(purchases, trade);
    } else if (kind === SALE) {
      addToSide(sales, trade);
    } else {
      otherKindCounts[kind] = (otherKindCounts[kind] ?? 0) + 1;
    }
  }
  return {
    purchases,
    sales,
    netShares: subtractDecimals(purchases.total.shares, sales.total.shares),
    netValue: subtractDecimals(purchases.total.value, sales.total.value),
    otherKindCounts,
  };
}

export function issuerActivity(trades: readonly Trade[]): IssuerActivity {
  return {
    ...tradeActivity(trades),
    distinctInsiders: countInsiders(trades.map((t) => t.ownerCiks)),
    distinctBuyers: countInsiders(trades.filter((t) => t.row.kind === PURCHASE).map((t) => t.ownerCiks)),
    distinctSellers: countInsiders(trades.filter((t) => t.row.kind === SALE).map((t) => t.ownerCiks)),
  };
}

export function isPurchase(trade: Trade): boolean {
  return trade.row.kind === PURCHASE;
}
