/** One filing, whole and normalized: what /filings/:accession returns. Columns listed one by one. */
import type pg from 'pg';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export interface FilingRow {
  position: number;
  table: 'nonDerivative' | 'derivative';
  securityTitle: string | null;
  sharesOwnedFollowing: string | null;
  valueOwnedFollowing: string | null;
  directOrIndirect: string | null;
  natureOfOwnership: string | null;
  conversionOrExercisePrice: string | null;
  exerciseDate: string | null;
  expirationDate: string | null;
  underlyingTitle: string | null;
  underlyingShares: string | null;
  underlyingValue: string | null;
  flags: string[];
  /** Field name → footnote ids, as the filing attaches them. */
  footnoteIds: Record<string, string[]>;
  /** `xml` or `dataset:<quarter>` (numbers rounded to 2 decimals, flagged `rounded`). */
  provenance: string;
}

export interface FilingTransactionRow extends FilingRow {
  transactionDate: string | null;
  deemedExecutionDate: string | null;
  transactionFormType: string | null;
  code: string | null;
  equitySwapInvolved: boolean | null;
  timeliness: string | null;
  shares: string | null;
  pricePerShare: string | null;
  totalValue: string | null;
  acquiredDisposed: string | null;
  value: string | null;
  kind: string;
  kindReason: string;
  is10b5One: boolean | null;
  tenB5OneSource: string | null;
  priceLow: string | null;
  priceHigh: string | null;
  tradeKey: string;
}

export interface FilingDocument {
  accessionNumber: string;
  documentType: string;
  schemaVersion: string | null;
  periodOfReport: string | null;
  dateOfOriginalSubmission: string | null;
  acceptedAt: string | null;
  filedDate: string | null;
  issuer: { cik: string; name: string | null; ticker: string | null; rawTicker: string | null };
  aff10b5One: boolean | null;
  notSubjectToSection16: boolean | null;
  remarks: string | null;
  footnotes: { id: string; text: string }[];
  signatures: { name: string | null; date: string | null }[];
  reportingOwners: {
    cik: string;
    name: string | null;
    isDirector: boolean;
    isOfficer: boolean;
    isTenPercentOwner: boolean;
    isOther: boolean;
    officerTitle: string | null;
    otherText: string | null;
  }[];
  amends: { documentType: string; periodOfReport: string | null; ownerCiks: string[] } | null;
  amendmentLinks: {
    /** Earlier filings this amendment amends. */
    amends: { accessionNumber: string; documentType: string; acceptedAt: string | null }[];
    /** Later amendments of this filing. */
    amendedBy: { accessionNumber: string; documentType: string; acceptedAt: string | null }[];
  };
  /** Every data-quality flag of its rows, once each. */
  flags: string[];
  rowCount: number;
  source: string | null;
  /** `xml` (the filing's own XML) or `dataset:<quarter>` (an SEC Insider Transactions Data Set). */
  provenance: string;
  loadedAt: string;
  transactions: FilingTransactionRow[];
  holdings: FilingRow[];
}

const ROW_COLUMNS = `position, table_kind AS "table", security_title AS "securityTitle",
  shares_owned_following AS "sharesOwnedFollowing", value_owned_following AS "valueOwnedFollowing",
  direct_indirect AS "directOrIndirect", nature_of_ownership AS "natureOfOwnership",
  conversion_exercise_price AS "conversionOrExercisePrice", exercise_date AS "exerciseDate",
  expiration_date AS "expirationDate", underlying_title AS "underlyingTitle",
  underlying_shares AS "underlyingShares", underlying_value AS "underlyingValue", flags, footnote_ids AS "footnoteIds",
  provenance`;

export async function queryFiling(pool: pg.Pool, accession: string): Promise<FilingDocument | null> {
  const filing = await pool.query<{
    accession_number: string;
    document_type: string;
    schema_version: string | null;
    period_of_report: string | null;
    date_of_original_submission: string | null;
    accepted_at: Date | null;
    filed_date: string | null;
    issuer_cik: string;
    issuer_name: string | null;
    issuer_ticker: string | null;
    issuer_raw_ticker: string | null;
    aff10b5_one: boolean | null;
    not_subject_to_section16: boolean | null;
    remarks: string | null;
    footnotes: { id: string; text: string }[];
    signatures: { name: string | null; date: string | null }[];
    amends_document_type: string | null;
    amends_period_of_report: string | null;
    amends_owner_ciks: string[] | null;
    row_count: number;
    source: string | null;
    provenance: string;
    loaded_at: Date;
  }>(
    `SELECT accession_number, document_type, schema_version, period_of_report, date_of_original_submission,
            accepted_at, filed_date, issuer_cik, issuer_name, issuer_ticker, issuer_raw_ticker, aff10b5_one,
            not_subject_to_section16, remarks, footnotes, signatures, amends_document_type,
            amends_period_of_report, amends_owner_ciks, row_count, source, provenance, loaded_at
       FROM filings WHERE accession_number = $1`,
    [accession],
  );
  const f = filing.rows[0];
  if (!f) {
    return null;
  }
  const [owners, transactions, holdings, amends, amendedBy] = await Promise.all([
    pool.query<FilingDocument['reportingOwners'][number]>(
      `SELECT owner_cik AS cik, owner_name AS name, is_director AS "isDirector", is_officer AS "isOfficer",
              is_ten_percent_owner AS "isTenPercentOwner", is_other AS "isOther", officer_title AS "officerTitle",
              other_text AS "otherText"
         FROM filing_owners WHERE accession_number = $1 ORDER BY position`,
      [accession],
    ),
    pool.query<FilingTransactionRow>(
      `SELECT ${ROW_COLUMNS}, transaction_date AS "transactionDate", deemed_execution_date AS "deemedExecutionDate",
              transaction_form_type AS "transactionFormType", code, equity_swap_involved AS "equitySwapInvolved",
              timeliness, shares, price_per_share AS "pricePerShare", total_value AS "totalValue",
              acquired_disposed AS "acquiredDisposed", value, kind, kind_reason AS "kindReason",
              is_10b5_1 AS "is10b5One", ten_b5_one_source AS "tenB5OneSource", price_low AS "priceLow",
              price_high AS "priceHigh", trade_key AS "tradeKey"
         FROM transactions WHERE accession_number = $1 ORDER BY position`,
      [accession],
    ),
    pool.query<FilingRow>(
      `SELECT ${ROW_COLUMNS} FROM holdings WHERE accession_number = $1 ORDER BY position`,
      [accession],
    ),
    pool.query<{ accessionNumber: string; documentType: string; acceptedAt: Date | null }>(
      `SELECT o.accession_number AS "accessionNumber", o.document_type AS "documentType", o.accepted_at AS "acceptedAt"
         FROM amendment_links l JOIN filings o ON o.accession_number = l.original_accession
        WHERE l.amendment_accession = $1 AND l.issuer_cik = $2 ORDER BY o.accepted_at NULLS FIRST, o.accession_number`,
      [accession, f.issuer_cik],
    ),
    pool.query<{ accessionNumber: string; documentType: string; acceptedAt: Date | null }>(
      `SELECT a.accession_number AS "accessionNumber", a.document_type AS "documentType", a.accepted_at AS "acceptedAt"
         FROM amendment_links l JOIN filings a ON a.accession_number = l.amendment_accession
        WHERE l.original_accession = $1 AND l.issuer_cik = $2 ORDER BY a.accepted_at NULLS LAST, a.accession_number`,
      [accession, f.issuer_cik],
    ),
  ]);
  const link = (r: { accessionNumber: string; documentType: string; acceptedAt: Date | null }) => ({
    ...r,
    acceptedAt: iso(r.acceptedAt),
  });
  const flags = [...new Set([...transactions.rows, ...holdings.rows].flatMap((r) => r.flags))].sort();
  return {
    accessionNumber: f.accession_number,
    documentType: f.document_type,
    schemaVersion: f.schema_version,
    periodOfReport: f.period_of_report,
    dateOfOriginalSubmission: f.date_of_original_submission,
    acceptedAt: iso(f.accepted_at),
    filedDate: f.filed_date,
    issuer: {
      cik: f.issuer_cik,
      name: f.issuer_name,
      ticker: f.issuer_ticker,
      rawTicker: f.issuer_raw_ticker,
    },
    aff10b5One: f.aff10b5_one,
    notSubjectToSection16: f.not_subject_to_section16,
    remarks: f.remarks,
    footnotes: f.footnotes,
    signatures: f.signatures,
    reportingOwners: owners.rows,
    amends: f.amends_document_type
      ? {
          documentType: f.amends_document_type,
          periodOfReport: f.amends_period_of_report,
          ownerCiks: f.amends_owner_ciks ?? [],
        }
      : null,
    amendmentLinks: { amends: amends.rows.map(link), amendedBy: amendedBy.rows.map(link) },
    flags,
    rowCount: f.row_count,
    source: f.source,
    provenance: f.provenance,
    loadedAt: f.loaded_at.toISOString(),
    transactions: transactions.rows,
    holdings: holdings.rows,
  };
}
