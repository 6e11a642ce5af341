import type pg from 'pg';
import { provenanceOf } from '../../records/provenance';
import type { CopyValue } from '../../shared/db/copy';
// Type-only: the Avro record shapes are defined next to the schemas' producer.
import type { FilingRecord, RowRecord } from '../parser/to-avro';
import type { TableSpec } from './merge';
import { supersedeFilings, supersedeRows } from './supersede';

/** Turns one decoded record of a topic into rows of the tables it feeds. Pure. */
export interface RecordSink {
  toTables(record: unknown): { spec: TableSpec; rows: CopyValue[][] }[];
  /** Issuer CIKs whose cached API answers this record changes. */
  issuers(record: unknown): string[];
  /** EDGAR acceptance time (ISO-8601) of a record that stands for a whole filing, for the end-to-end metric. */
  acceptedAt?(record: unknown): string | null;
  /**
   * Runs in the load transaction before the merge: says which records to load (true) and which a
   * stored or batch-mate version supersedes (false), and clears what the loaded ones supersede.
   */
  supersede?(client: pg.PoolClient, records: readonly unknown[]): Promise<boolean[]>;
}

const json = (v: unknown): string => JSON.stringify(v);
/** Postgres array literal for text[]: {"a","b"} with quotes and backslashes escaped. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const FILINGS: TableSpec = {
  table: 'filings',
  key: ['accession_number'],
  columns: [
    'accession_number',
    'document_type',
    'schema_version',
    'period_of_report',
    'date_of_original_submission',
    'accepted_at',
    'filed_date',
    'issuer_cik',
    'issuer_name',
    'issuer_ticker',
    'issuer_raw_ticker',
    'aff10b5_one',
    'not_subject_to_section16',
    'remarks',
    'footnotes',
    'signatures',
    'owner_ciks',
    'amends_document_type',
    'amends_period_of_report',
    'amends_owner_ciks',
    'row_count',
    'source',
    'provenance',
  ],
};

const FOOTNOTES: TableSpec = {
  table: 'footnotes',
  key: ['accession_number', 'footnote_id'],
  columns: ['accession_number', 'footnote_id', 'text'],
};

const OWNERS: TableSpec = {
  table: 'filing_owners',
  key: ['accession_number', 'position'],
  columns: [
    'accession_number',
    'position',
    'owner_cik',
    'owner_name',
    'is_director',
    'is_officer',
    'is_ten_percent_owner',
    'is_other',
    'officer_title',
    'other_text',
  ],
};

const ROW_CONTEXT = [
  'accession_number',
  'position',
  'table_kind',
  'issuer_cik',
  'issuer_ticker',
  'document_type',
  'filed_date',
  'accepted_at',
  'owner_ciks',
  'security_title',
  'provenance',
] as const;
const DERIVATIVE_TERMS = [
  'conversion_exercise_price',
  'exercise_date',
  'expiration_date',
  'underlying_title',
  'underlying_shares',
  'underlying_value',
] as const;

export const TRANSACTIONS: TableSpec = {
  table: 'transactions',
  key: ['accession_number', 'position'],
  columns: [
    ...ROW_CONTEXT,
    'transaction_date',
    'deemed_execution_date',
    'transaction_form_type',
    'code',
    'equity_swap_involved',
    'timeliness',
    'shares',
    'price_per_share',
    'total_value',
    'acquired_disposed',
    'shares_owned_following',
    'value_owned_following',
    'direct_indirect',
    'nature_of_ownership',
    ...DERIVATIVE_TERMS,
    'value',
    'kind',
    'kind_reason',
    'is_10b5_1',
    'ten_b5_one_source',
    'price_low',
    'price_high',
    'flags',
    'trade_key',
    'footnote_ids',
  ],
};

export const HOLDINGS: TableSpec = {
  table: 'holdings',
  key: ['accession_number', 'position'],
  columns: [
    ...ROW_CONTEXT,
    'shares_owned_following',
    'value_owned_following',
    'direct_indirect',
    'nature_of_ownership',
    ...DERIVATIVE_TERMS,
    'flags',
    'footnote_ids',
  ],
};

function requireAccession(accession: string | null): string {
  if (!accession) {
    throw new Error('record has no accession number');
  }
  return accession;
}

export const filingSink: RecordSink = {
  toTables(record) {
    const f = record as FilingRecord;
    const accession = requireAccession(f.accessionNumber);
    const filing: CopyValue[] = [
      accession,
      f.documentType,
      f.schemaVersion,
      f.periodOfReport,
      f.dateOfOriginalSubmission,
      f.acceptedAt,
      f.filedDate,
      f.issuer.cik,
      f.issuer.name,
      f.issuer.ticker,
      f.issuer.rawTicker,
      f.aff10b5One,
      f.notSubjectToSection16,
      f.remarks,
      json(f.footnotes),
      json(f.signatures),
      textArray(f.reportingOwners.map((o) => o.cik)),
      f.amends?.documentType ?? null,
      f.amends?.periodOfReport ?? null,
      f.amends ? textArray(f.amends.reportingOwnerCiks) : null,
      f.rowCount,
      f.source,
      provenanceOf(f.provenance),
    ];
    const owners = f.reportingOwners.map((o, i): CopyValue[] => [
      accession,
      i,
      o.cik,
      o.name,
      o.isDirector,
      o.isOfficer,
      o.isTenPercentOwner,
      o.isOther,
      o.officerTitle,
      o.otherText,
    ]);
    return [
      { spec: FILINGS, rows: [filing] },
      { spec: OWNERS, rows: owners },
      { spec: FOOTNOTES, rows: f.footnotes.map((n): CopyValue[] => [accession, n.id, n.text]) },
    ];
  },
  issuers: (record) => [(record as FilingRecord).issuer.cik],
  acceptedAt: (record) => (record as FilingRecord).acceptedAt,
  supersede: supersedeFilings,
};

export const rowSink: RecordSink = {
  toTables(record) {
    const r = record as RowRecord;
    const context: CopyValue[] = [
      requireAccession(r.accessionNumber),
      r.position,
      r.table,
      r.issuerCik,
      r.issuerTicker,
      r.documentType,
      r.filedDate,
      r.acceptedAt,
      textArray(r.reportingOwnerCiks),
      r.securityTitle,
      provenanceOf(r.provenance),
    ];
    const derivative: CopyValue[] = [
      r.conversionOrExercisePrice,
      r.exerciseDate,
      r.expirationDate,
      r.underlyingSecurityTitle,
      r.underlyingSecurityShares,
      r.underlyingSecurityValue,
    ];
    if (r.rowType === 'holding') {
      return [
        {
          spec: HOLDINGS,
          rows: [
            [
              ...context,
              r.sharesOwnedFollowing,
              r.valueOwnedFollowing,
              r.directOrIndirect,
              r.natureOfOwnership,
              ...derivative,
              textArray(r.flags),
              json(r.footnoteIds),
            ],
          ],
        },
      ];
    }
    return [
      {
        spec: TRANSACTIONS,
        rows: [
          [
            ...context,
            r.transactionDate,
            r.deemedExecutionDate,
            r.transactionFormType,
            r.code,
            r.equitySwapInvolved,
            r.timeliness,
            r.shares,
            r.pricePerShare,
            r.totalValue,
            r.acquiredDisposed,
            r.sharesOwnedFollowing,
            r.valueOwnedFollowing,
            r.directOrIndirect,
            r.natureOfOwnership,
            ...derivative,
            r.value,
            r.kind,
            r.kindReason,
            r.is10b5One,
            r.tenB5OneSource,
            r.priceRange?.low ?? null,
            r.priceRange?.high ?? null,
            textArray(r.flags),
            r.tradeKey,
            json(r.footnoteIds),
          ],
        ],
      },
    ];
  },
  issuers: (record) => [(record as RowRecord).issuerCik],
  supersede: supersedeRows,
};
