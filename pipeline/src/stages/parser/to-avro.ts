/**
 * The model → Avro records of schemas/ownership_filing.avsc (edgar.filings.parsed) and
 * schemas/ownership_row.avsc (edgar.transactions). Unions are unwrapped (the registry codec uses
 * wrapUnions: false), so a nullable field is just the value or null. Every field is written
 * explicitly: a record must match its schema exactly, and to-avro.test.ts checks that with avsc
 * for every golden fixture.
 */
import path from 'node:path';
import { SCHEMAS_DIR } from '../../paths';
import { amendmentTarget, type AmendmentTarget } from './amendment';
import type {
  FiledRow,
  Footnote,
  Issuer,
  OwnershipFiling,
  PriceRange,
  ReportingOwner,
  RowDerivation,
  Signature,
} from './model';

/** File names inside schemas/, as TOPICS[…].valueSchema names them. */
export const FILING_SCHEMA_FILE = 'ownership_filing.avsc';
export const ROW_SCHEMA_FILE = 'ownership_row.avsc';
export const FILING_SCHEMA_PATH = path.join(SCHEMAS_DIR, FILING_SCHEMA_FILE);
export const ROW_SCHEMA_PATH = path.join(SCHEMAS_DIR, ROW_SCHEMA_FILE);

export interface FilingRecord {
  accessionNumber: string | null;
  source: string | null;
  documentType: string;
  schemaVersion: string | null;
  periodOfReport: string;
  dateOfOriginalSubmission: string | null;
  acceptedAt: string | null;
  filedDate: string | null;
  issuer: Issuer;
  reportingOwners: ReportingOwner[];
  aff10b5One: boolean | null;
  notSubjectToSection16: boolean | null;
  noSecuritiesOwned: boolean | null;
  form3HoldingsReported: boolean | null;
  form4TransactionsReported: boolean | null;
  remarks: string | null;
  footnotes: Footnote[];
  signatures: Signature[];
  amends: AmendmentTarget | null;
  rowCount: number;
  /** xml or dataset:<quarter>; optional (schema default null = xml) for records built elsewhere. */
  provenance?: string | null;
}

export type RowRecord = Omit<FiledRow, 'priceRange'> &
  Omit<RowDerivation, 'priceRange'> & {
    accessionNumber: string | null;
    documentType: string;
    issuerCik: string;
    issuerTicker: string | null;
    reportingOwnerCiks: string[];
    periodOfReport: string;
    filedDate: string | null;
    acceptedAt: string | null;
    priceRange: PriceRange | null;
    /** As on the filing; optional (schema default null = xml). */
    provenance?: string | null;
  };

export function toFilingRecord(filing: OwnershipFiling): FilingRecord {
  return {
    accessionNumber: filing.accessionNumber,
    source: filing.source,
    documentType: filing.documentType,
    schemaVersion: filing.schemaVersion,
    periodOfReport: filing.periodOfReport,
    dateOfOriginalSubmission: filing.dateOfOriginalSubmission,
    acceptedAt: filing.acceptedAt,
    filedDate: filing.filedDate,
    issuer: {
      cik: filing.issuer.cik,
      name: filing.issuer.name,
      ticker: filing.issuer.ticker,
      rawTicker: filing.issuer.rawTicker,
    },
    reportingOwners: filing.reportingOwners.map((o) => ({
      cik: o.cik,
      name: o.name,
      isDirector: o.isDirector,
      isOfficer: o.isOfficer,
      isTenPercentOwner: o.isTenPercentOwner,
      isOther: o.isOther,
      officerTitle: o.officerTitle,
      otherText: o.otherText,
    })),
    aff10b5One: filing.aff10b5One,
    notSubjectToSection16: filing.notSubjectToSection16,
    noSecuritiesOwned: filing.noSecuritiesOwned,
    form3HoldingsReported: filing.form3HoldingsReported,
    form4TransactionsReported: filing.form4TransactionsReported,
    remarks: filing.remarks,
    footnotes: filing.footnotes.map((f) => ({ id: f.id, text: f.text })),
    signatures: filing.signatures.map((s) => ({ name: s.name, date: s.date })),
    amends: amendmentTarget(filing),
    rowCount: filing.rows.length,
    provenance: filing.provenance ?? 'xml',
  };
}

export function toRowRecords(filing: OwnershipFiling): RowRecord[] {
  const ownerCiks = filing.reportingOwners.map((o) => o.cik);
  return filing.rows.map((row) => ({
    accessionNumber: filing.accessionNumber,
    documentType: filing.documentType,
    issuerCik: filing.issuer.cik,
    issuerTicker: filing.issuer.ticker,
    reportingOwnerCiks: [...ownerCiks],
    periodOfReport: filing.periodOfReport,
    filedDate: filing.filedDate,
    acceptedAt: filing.acceptedAt,
    position: row.position,
    table: row.table,
    rowType: row.rowType,
    securityTitle: row.securityTitle,
    transactionDate: row.transactionDate,
    deemedExecutionDate: row.deemedExecutionDate,
    transactionFormType: row.transactionFormType,
    code: row.code,
    equitySwapInvolved: row.equitySwapInvolved,
    timeliness: row.timeliness,
    shares: row.shares,
    pricePerShare: row.pricePerShare,
    totalValue: row.totalValue,
    acquiredDisposed: row.acquiredDisposed,
    sharesOwnedFollowing: row.sharesOwnedFollowing,
    valueOwnedFollowing: row.valueOwnedFollowing,
    directOrIndirect: row.directOrIndirect,
    natureOfOwnership: row.natureOfOwnership,
    conversionOrExercisePrice: row.conversionOrExercisePrice,
    exerciseDate: row.exerciseDate,
    expirationDate: row.expirationDate,
    underlyingSecurityTitle: row.underlyingSecurityTitle,
    underlyingSecurityShares: row.underlyingSecurityShares,
    underlyingSecurityValue: row.underlyingSecurityValue,
    footnoteIds: Object.fromEntries(Object.entries(row.footnoteIds).map(([k, ids]) => [k, [...ids]])),
    value: row.value,
    kind: row.kind,
    kindReason: row.kindReason,
    is10b5One: row.is10b5One,
    tenB5OneSource: row.tenB5OneSource,
    priceRange:
      row.priceRange === null
        ? null
        : { low: row.priceRange.low, high: row.priceRange.high, footnoteId: row.priceRange.footnoteId },
    flags: [...row.flags],
    tradeKey: row.tradeKey,
    provenance: filing.provenance ?? 'xml',
  }));
}
