/**
 * Facts about a filing's open-market activity that both the notable-activity rules and the
 * rule-based analyst state: totals (exact decimals), the share of a holding sold, the roles of
 * the filers, the insider's purchase history and recent prices. Pure.
 */
import { addMonths } from '../../shared/calendar';
import { addDecimals, sumDecimals } from '../../shared/decimal';
import type {
  AnalysisFiling,
  AnalysisOwner,
  AnalysisRow,
  InsiderRecord,
  PastTrade,
  SubjectFacts,
  SubjectKind,
} from './model';
import { OPEN_MARKET_PURCHASE, OPEN_MARKET_SALE } from './model';

export interface TradeSide {
  /** In document order. */
  rows: AnalysisRow[];
  shares: string;
  /** Sum over rows with a price; unpriced rows add shares but no value. */
  value: string;
  /** Value over the shares of priced rows; null when no row has a price. */
  averagePrice: number | null;
  firstDate: string | null;
  lastDate: string | null;
  /** true when every row is under a Rule 10b5-1 plan, false when none is, null when mixed or unknown. */
  tenB5One: boolean | null;
}

function tradeSide(rows: AnalysisRow[]): TradeSide {
  const priced = rows.filter((r) => r.value !== null && r.shares !== null);
  const value = sumDecimals(priced.map((r) => r.value!));
  const pricedShares = sumDecimals(priced.map((r) => r.shares!));
  const dates = rows.flatMap((r) => (r.transactionDate ? [r.transactionDate] : [])).sort();
  const flags = new Set(rows.map((r) => r.is10b5One));
  return {
    rows,
    shares: sumDecimals(rows.flatMap((r) => (r.shares ? [r.shares] : []))),
    value,
    averagePrice: Number(pricedShares) > 0 ? Number(value) / Number(pricedShares) : null,
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
    tenB5One: flags.size === 1 && !flags.has(null) ? [...flags][0]! : null,
  };
}

export function purchasesOf(filing: AnalysisFiling): TradeSide {
  return tradeSide(filing.rows.filter((r) => r.kind === OPEN_MARKET_PURCHASE));
}

export function salesOf(filing: AnalysisFiling): TradeSide {
  return tradeSide(filing.rows.filter((r) => r.kind === OPEN_MARKET_SALE));
}

/** Open-market sales out of one holding (same security, direct/indirect, nature). */
export interface HoldingCut {
  securityTitle: string | null;
  directOrIndirect: string | null;
  sold: string;
  before: string;
  after: string;
  /** sold / before. */
  fraction: number;
  rows: AnalysisRow[];
}

/**
 * The holding the filing's open-market sales cut the most, as a fraction of what was held before
 * them: the shares owned after the last sale plus the shares sold. Null when no sale states what
 * remains.
 */
export function largestHoldingCut(filing: AnalysisFiling): HoldingCut | null {
  const groups = new Map<string, AnalysisRow[]>();
  for (const row of salesOf(filing).rows) {
    const key = JSON.stringify([row.securityTitle, row.directOrIndirect, row.natureOfOwnership]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  let best: HoldingCut | null = null;
  for (const rows of groups.values()) {
    const last = [...rows].sort((a, b) => a.position - b.position)[rows.length - 1]!;
    if (last.sharesOwnedFollowing === null) {
      continue;
    }
    const sold = sumDecimals(rows.flatMap((r) => (r.shares ? [r.shares] : [])));
    const before = addDecimals(last.sharesOwnedFollowing, sold);
    if (Number(before) <= 0) {
      continue;
    }
    const cut: HoldingCut = {
      securityTitle: last.securityTitle,
      directOrIndirect: last.directOrIndirect,
      sold,
      before,
      after: last.sharesOwnedFollowing,
      fraction: Number(sold) / Number(before),
      rows,
    };
    if (!best || cut.fraction > best.fraction) {
      best = cut;
    }
  }
  return best;
}

const EXECUTIVE_TITLE =
  /\b(chief executive|chief financial|principal executive|principal financial|ceo|cfo)\b/i;

/** Owners whose officer title names them CEO or CFO (or principal executive/financial officer). */
export function executivesOf(filing: AnalysisFiling): AnalysisOwner[] {
  return filing.owners.filter((o) => o.officerTitle !== null && EXECUTIVE_TITLE.test(o.officerTitle));
}

/** "Chief Executive Officer", "director, 10% owner": the title as filed, else the roles. */
export function roleOf(owner: AnalysisOwner): string {
  if (owner.officerTitle) {
    return owner.officerTitle;
  }
  const names: Record<string, string> = {
    director: 'director',
    officer: 'officer',
    ten_percent_owner: '10% owner',
    other: 'other insider',
  };
  return owner.roles.map((r) => names[r] ?? r).join(', ') || 'insider';
}

/** Exercises/conversions on a day the filing also sells: an exercise-and-sell, not a bet. */
export function exercisesBeforeSales(filing: AnalysisFiling): AnalysisRow[] {
  const saleDays = new Set(salesOf(filing).rows.map((r) => r.transactionDate));
  return filing.rows.filter(
    (r) => r.kind === 'exercise_conversion' && r.table === 'nonDerivative' && saleDays.has(r.transactionDate),
  );
}

export interface PurchaseGap {
  ownerCik: string;
  /** The owner's previous open-market purchase at the issuer, or null if none is on record. */
  lastPurchaseDate: string | null;
  /** Their earliest filing on record at the issuer. */
  firstFiledDate: string | null;
}

/**
 * Whether `record`'s purchase on `date` is their first open-market purchase in `years`: true only
 * when the record can show it — a previous purchase before the window, or none at all while their
 * filings go back further than the window.
 */
export function purchaseGap(record: InsiderRecord, date: string, years: number): PurchaseGap | null {
  const windowStart = addMonths(date, -Math.round(years * 12));
  const known = record.lastPurchaseDate
    ? record.lastPurchaseDate < windowStart
    : record.firstFiledDate !== null && record.firstFiledDate <= windowStart;
  return known
    ? {
        ownerCik: record.ownerCik,
        lastPurchaseDate: record.lastPurchaseDate,
        firstFiledDate: record.firstFiledDate,
      }
    : null;
}

/** Open-market purchases in the owner's history, largest value first. */
export function previousPurchases(facts: SubjectFacts, ownerCik: string): PastTrade[] {
  return facts.history
    .filter((t) => t.ownerCik === ownerCik && t.kind === OPEN_MARKET_PURCHASE && t.value !== null)
    .sort((a, b) => Number(b.value) - Number(a.value));
}

export interface RecentPrice {
  /** Volume-weighted average price. */
  average: number;
  trades: number;
  firstDate: string;
  lastDate: string;
}

/** VWAP of the priced trades given (other insiders' recent open-market trades); null if none. */
export function recentPrice(trades: readonly PastTrade[]): RecentPrice | null {
  const priced = trades.filter((t) => t.value !== null && t.shares !== null && Number(t.shares) > 0);
  if (priced.length === 0) {
    return null;
  }
  const value = Number(sumDecimals(priced.map((t) => t.value!)));
  const shareCount = Number(sumDecimals(priced.map((t) => t.shares!)));
  const dates = priced.map((t) => t.transactionDate).sort();
  return {
    average: value / shareCount,
    trades: priced.length,
    firstDate: dates[0]!,
    lastDate: dates[dates.length - 1]!,
  };
}

/** The day a subject's activity happened: a cluster's trigger date, a filing's last trade date. */
export function subjectDate(kind: SubjectKind, facts: SubjectFacts): string | null {
  if (kind === 'cluster' && facts.cluster) {
    return facts.cluster.triggerDate;
  }
  const dates = facts.filings.flatMap((f) =>
    f.rows.flatMap((r) => (r.transactionDate ? [r.transactionDate] : [])),
  );
  return dates.sort()[dates.length - 1] ?? facts.filings[0]?.periodOfReport ?? null;
}
