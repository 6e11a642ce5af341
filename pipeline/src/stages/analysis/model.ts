/**
 * The analysis stage's records: requests (schemas/analysis_request.avsc) and results
 * (schemas/analysis_result.avsc), field for field. Pure data; decimals are exact decimal strings,
 * dates `YYYY-MM-DD`.
 */
import type { FilingAnalysis } from './analysis-schema';

export const NOTABLE_RULES = [
  'large_purchase',
  'cluster_buy',
  'ceo_cfo_trade',
  'first_purchase',
  'large_sale',
] as const;
export type NotableRule = (typeof NOTABLE_RULES)[number];

export interface NotableReason {
  rule: NotableRule | 'on_demand';
  /** One sentence saying what the rule saw, with the numbers. */
  detail: string;
}

export type SubjectKind = 'filing' | 'cluster';

export interface AnalysisOwner {
  cik: string;
  name: string | null;
  roles: string[];
  officerTitle: string | null;
}

export interface AnalysisRow {
  position: number;
  table: string;
  rowType: string;
  securityTitle: string | null;
  transactionDate: string | null;
  code: string | null;
  kind: string;
  acquiredDisposed: string | null;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  sharesOwnedFollowing: string | null;
  directOrIndirect: string | null;
  natureOfOwnership: string | null;
  is10b5One: boolean | null;
  footnoteIds: string[];
}

export interface AnalysisFiling {
  accessionNumber: string;
  documentType: string;
  periodOfReport: string | null;
  filedDate: string | null;
  acceptedAt: string | null;
  aff10b5One: boolean | null;
  remarks: string | null;
  owners: AnalysisOwner[];
  rows: AnalysisRow[];
  footnotes: { id: string; text: string }[];
}

export interface InsiderRecord {
  ownerCik: string;
  firstFiledDate: string | null;
  lastPurchaseDate: string | null;
}

export interface PastTrade {
  accessionNumber: string;
  ownerCik: string;
  transactionDate: string;
  kind: string;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  is10b5One: boolean | null;
}

export interface ClusterContext {
  startDate: string;
  endDate: string;
  triggerDate: string;
  insiderCount: number;
  ownerCiks: string[];
  purchaseCount: number;
  purchaseShares: string;
  purchaseValue: string;
  windowDays: number;
}

/** Everything the analysis of one subject may use; nothing else reaches a prompt. */
export interface SubjectFacts {
  issuer: { cik: string; name: string | null; ticker: string | null };
  filings: AnalysisFiling[];
  insiders: InsiderRecord[];
  history: PastTrade[];
  issuerTrades: PastTrade[];
  cluster: ClusterContext | null;
}

export interface AnalysisRequest extends SubjectFacts {
  requestId: string;
  subjectKind: SubjectKind;
  subjectKey: string;
  origin: 'notable' | 'on_demand';
  force: boolean;
  withdrawn: boolean;
  requestedAt: string;
  reasons: NotableReason[];
}

export type ResultStatus = 'succeeded' | 'failed' | 'withdrawn';
export type FallbackReason = 'no_provider' | 'budget_exhausted';

export interface AnalysisResult {
  requestId: string;
  subjectKind: SubjectKind;
  subjectKey: string;
  issuerCik: string;
  issuerTicker: string | null;
  accessionNumbers: string[];
  subjectDate: string | null;
  reasons: NotableReason[];
  model: string;
  promptVersion: string;
  source: 'llm' | 'rules';
  fallbackReason: FallbackReason | null;
  status: ResultStatus;
  errorCode: string | null;
  error: string | null;
  analysis: FilingAnalysis | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
  latencyMs: number;
  attempts: number;
  contentHash: string;
  requestedAt: string;
  analyzedAt: string;
}

/** The model name the rule-based analyst's results carry. */
export const RULES_MODEL = 'rules';

/** Kinds of rows that are open-market trades (the parser's classification of codes P and S). */
export const OPEN_MARKET_PURCHASE = 'open_market_purchase';
export const OPEN_MARKET_SALE = 'open_market_sale';
