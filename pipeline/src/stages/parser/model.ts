/**
 * The normalized model of an SEC ownership filing (Forms 3, 4, 5 and their amendments).
 *
 * Invariants every consumer may rely on:
 * - Decimals (shares, prices, values) are exact decimal strings, commas removed, never rounded
 *   through a JS number: `"1234.5678"`. A missing number is `null`, never `"0"`.
 * - Dates are `YYYY-MM-DD`; a timezone suffix as filed (`2021-09-30-05:00`) is dropped.
 * - `rows` hold every transaction and holding of both tables in document order; `position` is the
 *   0-based index in that order and, with the accession number, the identity of a row.
 * - A joint filing (several reporting owners, one table) yields each row once; the owners belong to
 *   the filing, never to a copy of the row.
 */

export const OWNERSHIP_DOCUMENT_TYPES = ['3', '3/A', '4', '4/A', '5', '5/A'] as const;
export type DocumentType = (typeof OWNERSHIP_DOCUMENT_TYPES)[number];

/** Exact decimal as a string, e.g. "1234.5678" or "-3". */
export type Decimal = string;
/** Calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Issuer {
  /** Zero-padded to 10 digits. */
  cik: string;
  name: string | null;
  /** First symbol, upper-cased; null when filed as NONE, N/A or empty. */
  ticker: string | null;
  /** The trading symbol exactly as filed. */
  rawTicker: string | null;
}

export interface ReportingOwner {
  cik: string;
  /** Exactly as filed (surrounding whitespace trimmed). */
  name: string | null;
  isDirector: boolean;
  isOfficer: boolean;
  isTenPercentOwner: boolean;
  isOther: boolean;
  officerTitle: string | null;
  otherText: string | null;
}

export interface Footnote {
  id: string;
  /** Whitespace runs collapsed to one space. */
  text: string;
}

export interface Signature {
  name: string | null;
  date: IsoDate | null;
}

export type RowTable = 'nonDerivative' | 'derivative';
export type RowType = 'transaction' | 'holding';

export type RowKind =
  | 'open_market_purchase'
  | 'open_market_sale'
  | 'grant_award'
  | 'exercise_conversion'
  | 'tax_withholding'
  | 'gift'
  | 'disposition_to_issuer'
  | 'derivative_trade'
  | 'dollar_amount_trade'
  | 'holding'
  | 'other';

export type TenB5OneSource = 'checkbox' | 'footnote' | 'remarks';

export interface PriceRange {
  low: Decimal;
  high: Decimal;
  /** The footnote the range was read from. */
  footnoteId: string;
}

/** What the document states about one row, before any derivation. */
export interface FiledRow {
  position: number;
  table: RowTable;
  rowType: RowType;
  securityTitle: string | null;
  transactionDate: IsoDate | null;
  deemedExecutionDate: IsoDate | null;
  transactionFormType: string | null;
  code: string | null;
  equitySwapInvolved: boolean | null;
  /** E (early) or L (late) as filed. */
  timeliness: string | null;
  shares: Decimal | null;
  pricePerShare: Decimal | null;
  /** transactionTotalValue, used instead of shares by value-denominated securities. */
  totalValue: Decimal | null;
  acquiredDisposed: 'A' | 'D' | null;
  sharesOwnedFollowing: Decimal | null;
  valueOwnedFollowing: Decimal | null;
  directOrIndirect: 'D' | 'I' | null;
  natureOfOwnership: string | null;
  conversionOrExercisePrice: Decimal | null;
  exerciseDate: IsoDate | null;
  expirationDate: IsoDate | null;
  underlyingSecurityTitle: string | null;
  underlyingSecurityShares: Decimal | null;
  underlyingSecurityValue: Decimal | null;
  /**
   * Footnote ids keyed by the XML element that carries them (`transactionPricePerShare`,
   * `transactionCoding`, …), in document order, without duplicates.
   */
  footnoteIds: Record<string, string[]>;
}

/** Derived, explainable classification of a row. */
export interface RowDerivation {
  /**
   * The row's dollar value, exact. For a row sized in dollars (flag `dollar_amount`) it is the amount
   * filed: transactionTotalValue, or valueOwnedFollowingTransaction for a holding. Otherwise
   * shares × pricePerShare, null unless both are given. A price is never multiplied on a row sized
   * in dollars.
   */
  value: Decimal | null;
  kind: RowKind;
  kindReason: string;
  is10b5One: boolean | null;
  tenB5OneSource: TenB5OneSource | null;
  priceRange: PriceRange | null;
  /** Data-quality flags, see quality-flags.ts for the vocabulary. */
  flags: string[];
  /** Economic-trade key: equal for the same trade reported in several filings of an ownership chain. */
  tradeKey: string;
}

export type OwnershipRow = FiledRow & RowDerivation;

/**
 * What a filing was built from: its own ownership XML, or a quarter of the SEC's Insider
 * Transactions Data Sets (`dataset:2025q2`), whose numbers are rounded to 2 decimals.
 */
export type Provenance = 'xml' | `dataset:${string}`;

export interface OwnershipFiling {
  /** Where the document came from (a path, a URL); null when not given. */
  source: string | null;
  /** Absent means `xml`: the parser reads XML, only the data-set reader sets it. */
  provenance?: Provenance;
  /** From the submission header; null when only the XML was given and no hint was passed. */
  accessionNumber: string | null;
  documentType: DocumentType;
  schemaVersion: string | null;
  periodOfReport: IsoDate;
  dateOfOriginalSubmission: IsoDate | null;
  /** ISO-8601 instant with EDGAR's Eastern offset, e.g. 2025-01-10T16:07:30-05:00. */
  acceptedAt: string | null;
  /** FILED AS OF DATE of the submission header. */
  filedDate: IsoDate | null;
  issuer: Issuer;
  reportingOwners: ReportingOwner[];
  /** The 10b5-1 checkbox (schema X0407 and later, 2023); null when absent. */
  aff10b5One: boolean | null;
  notSubjectToSection16: boolean | null;
  noSecuritiesOwned: boolean | null;
  form3HoldingsReported: boolean | null;
  form4TransactionsReported: boolean | null;
  remarks: string | null;
  footnotes: Footnote[];
  signatures: Signature[];
  rows: OwnershipRow[];
}
