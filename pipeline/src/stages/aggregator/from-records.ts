/**
 * Decoded input records → what the aggregator keeps. Pure. Rows (edgar.transactions) carry their
 * filing's issuer, form, owners and dates; the filing record (edgar.filings.parsed) adds what rows
 * lack: owner names and roles (for cluster role filters and insider summaries) and
 * dateOfOriginalSubmission (for amendment linking).
 *
 * A record that breaks the invariants the aggregates rely on (a CIK, a date, an exact decimal) is
 * rejected with a non-retriable error, so the shell dead-letters it instead of summing garbage.
 */
import { provenanceOf } from '../../records/provenance';
import { isPlainDecimal } from '../../shared/decimal';
import { PipelineError } from '../../shared/errors';
// Type-only: the record shapes belong to the parser, which produces them.
import type { FilingRecord, RowRecord } from '../parser/to-avro';
import { isDate } from '../../shared/calendar';
import type { FilingContext, TradeRow } from './model';

export class AggregatorInputError extends PipelineError {
  constructor(message: string) {
    super(message, 'INVALID_RECORD', false);
  }
}

/** A row to keep, or the identity of one that no longer counts (a holding, an undated row). */
export type RowChange = (
  | { keep: true; row: TradeRow }
  | { keep: false; issuerCik: string; accessionNumber: string; position: number }
) & {
  /** xml or dataset:<quarter> (records/provenance.ts): an xml version supersedes a dataset one. */
  provenance: string;
};

const CIK = /^\d{10}$/;

function check(ok: boolean, what: string): void {
  if (!ok) {
    throw new AggregatorInputError(what);
  }
}

function decimalOrNull(value: string | null, field: string): string | null {
  check(value === null || isPlainDecimal(value), `${field} is not an exact decimal: ${String(value)}`);
  return value;
}

function dateOrNull(value: string | null, field: string): string | null {
  check(value === null || isDate(value), `${field} is not a YYYY-MM-DD date: ${String(value)}`);
  return value;
}

export function rowChange(record: RowRecord): RowChange {
  check(record.accessionNumber !== null, 'row without accession number');
  const accessionNumber = record.accessionNumber!;
  check(CIK.test(record.issuerCik), `issuer CIK ${record.issuerCik} is not 10 digits`);
  const transactionDate = dateOrNull(record.transactionDate, 'transactionDate');
  if (record.rowType !== 'transaction' || transactionDate === null) {
    return {
      keep: false,
      issuerCik: record.issuerCik,
      accessionNumber,
      position: record.position,
      provenance: provenanceOf(record.provenance),
    };
  }
  check(record.table === 'nonDerivative' || record.table === 'derivative', `unknown table ${record.table}`);
  return {
    keep: true,
    provenance: provenanceOf(record.provenance),
    row: {
      accessionNumber,
      position: record.position,
      documentType: record.documentType,
      issuerCik: record.issuerCik,
      issuerTicker: record.issuerTicker,
      ownerCiks: [...record.reportingOwnerCiks],
      periodOfReport: dateOrNull(record.periodOfReport, 'periodOfReport')!,
      filedDate: dateOrNull(record.filedDate, 'filedDate'),
      acceptedAt: record.acceptedAt,
      table: record.table,
      securityTitle: record.securityTitle,
      transactionDate,
      code: record.code,
      directOrIndirect: record.directOrIndirect,
      shares: decimalOrNull(record.shares, 'shares'),
      pricePerShare: decimalOrNull(record.pricePerShare, 'pricePerShare'),
      value: decimalOrNull(record.value, 'value'),
      kind: record.kind,
      is10b5One: record.is10b5One,
      tradeKey: record.tradeKey,
    },
  };
}

export interface FilingChange {
  issuerCik: string;
  context: FilingContext;
  /** Rows at this position or later are gone (a re-parse yielded fewer rows). */
  rowCount: number;
  provenance: string;
}

export function filingChange(record: FilingRecord): FilingChange {
  check(record.accessionNumber !== null, 'filing without accession number');
  check(CIK.test(record.issuer.cik), `issuer CIK ${record.issuer.cik} is not 10 digits`);
  return {
    issuerCik: record.issuer.cik,
    rowCount: record.rowCount,
    provenance: provenanceOf(record.provenance),
    context: {
      accessionNumber: record.accessionNumber!,
      dateOfOriginalSubmission: dateOrNull(record.dateOfOriginalSubmission, 'dateOfOriginalSubmission'),
      owners: record.reportingOwners.map((o) => ({
        cik: o.cik,
        name: o.name,
        isDirector: o.isDirector,
        isOfficer: o.isOfficer,
        isTenPercentOwner: o.isTenPercentOwner,
        isOther: o.isOther,
        officerTitle: o.officerTitle,
      })),
    },
  };
}
