/**
 * What the aggregator knows and what it produces. Pure data; decimals are exact decimal strings in
 * canonical form, dates `YYYY-MM-DD`.
 */

/** One transaction row as the aggregator keeps it (holdings and undated rows are not kept). */
export interface TradeRow {
  accessionNumber: string;
  position: number;
  documentType: string;
  issuerCik: string;
  issuerTicker: string | null;
  ownerCiks: string[];
  periodOfReport: string;
  filedDate: string | null;
  /** ISO-8601 instant; orders filings of a chain. */
  acceptedAt: string | null;
  table: 'nonDerivative' | 'derivative';
  securityTitle: string | null;
  transactionDate: string;
  code: string | null;
  directOrIndirect: string | null;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  /** The parser's RowKind: open_market_purchase, open_market_sale, derivative_trade, … */
  kind: string;
  is10b5One: boolean | null;
  tradeKey: string;
}

/** A reporting owner with the relationship stated in one filing. */
export interface OwnerInfo {
  cik: string;
  name: string | null;
  isDirector: boolean;
  isOfficer: boolean;
  isTenPercentOwner: boolean;
  isOther: boolean;
  officerTitle: string | null;
}

/** What rows lack and their filing record carries; absent until the filing record is consumed. */
export interface FilingContext {
  accessionNumber: string;
  dateOfOriginalSubmission: string | null;
  owners: OwnerInfo[];
}

/**
 * One economic trade: the copies of a trade reported by several filings (an ownership chain) or a
 * joint filing's single row, after amendments were applied. `row` is the earliest copy.
 */
export interface Trade {
  row: TradeRow;
  /** Union of the reporting owners of every copy. */
  ownerCiks: string[];
  /** True if any copy says 10b5-1, false if any says not and none says so, else null. */
  is10b5One: boolean | null;
  copies: number;
}

export interface Totals {
  count: number;
  shares: string;
  value: string;
  /** Trades counted without a value (no price or no shares): their value is not in `value`. */
  unvaluedCount: number;
}

/** Open-market purchases or sales, split by Rule 10b5-1 (`notTenB5One` includes unknown). */
export interface SideTotals {
  total: Totals;
  tenB5One: Totals;
  notTenB5One: Totals;
}

export interface TradeActivity {
  purchases: SideTotals;
  sales: SideTotals;
  /** Purchases minus sales (open-market only). */
  netShares: string;
  netValue: string;
  /** Every other kind (grants, exercises, derivative P/S, gifts, …), counted apart by kind. */
  otherKindCounts: Record<string, number>;
}

export interface IssuerActivity extends TradeActivity {
  /** Distinct insiders with any trade: owners reporting jointly or as one chain count once. */
  distinctInsiders: number;
  distinctBuyers: number;
  distinctSellers: number;
}

export interface IssuerDailySummary extends IssuerActivity {
  issuerCik: string;
  issuerTicker: string | null;
  date: string;
}

export interface IssuerRollingSummary extends IssuerActivity {
  issuerCik: string;
  issuerTicker: string | null;
  windowDays: number;
  startDate: string;
  endDate: string;
}

export interface InsiderDailySummary extends TradeActivity {
  issuerCik: string;
  issuerTicker: string | null;
  ownerCik: string;
  /** Name and roles from the latest filing context known for the owner; null/false when unknown. */
  ownerName: string | null;
  isDirector: boolean;
  isOfficer: boolean;
  isTenPercentOwner: boolean;
  isOther: boolean;
  officerTitle: string | null;
  date: string;
}

export type InsiderRole = 'director' | 'officer' | 'ten_percent_owner' | 'other';
export const INSIDER_ROLES: readonly InsiderRole[] = ['director', 'officer', 'ten_percent_owner', 'other'];

export interface ClusterRules {
  /** @defaultValue 3 */
  minInsiders: number;
  /** Trailing window, in calendar days, that the insiders' purchases must fall in. @defaultValue 10 */
  windowDays: number;
  /** An insider counts only if their purchases in the window are worth at least this. @defaultValue "0" */
  minValue: string;
  /** An insider counts only with one of these roles. @defaultValue every role */
  roles: readonly InsiderRole[];
}

export interface ClusterEvent {
  issuerCik: string;
  issuerTicker: string | null;
  /** Date of the first qualifying purchase; with the issuer, the event's identity. */
  startDate: string;
  /** Date of the last qualifying purchase. */
  endDate: string;
  /** The day the threshold was first reached. */
  triggerDate: string;
  /** False when later data (an amendment, a replay) dissolved a cluster that was reported. */
  active: boolean;
  insiderCount: number;
  ownerCiks: string[];
  purchaseCount: number;
  purchaseShares: string;
  purchaseValue: string;
  rules: ClusterRules;
}

export const ROLLING_WINDOWS = [7, 30, 90] as const;
