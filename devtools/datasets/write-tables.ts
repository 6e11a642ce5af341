/**
 * The inverse of the data-set reader, for our own fixtures, the fake EDGAR's quarterly zip and the
 * benchmark: normalized filings → the eight TSV tables the SEC publishes, written the SEC's way
 * (DD-MON-YYYY dates, numbers rounded half-up to 2 decimals and written with at least one
 * decimal: `352425.0`, `15515.94`). Column order is the metadata's (TABLE_COLUMNS).
 */
import type { OwnershipFiling, OwnershipRow } from '../../pipeline/src/stages/parser/model';
import { TABLE_COLUMNS } from '../../pipeline/src/stages/datasets/tables';
import type { DatasetTable } from '../../pipeline/src/stages/datasets/tables';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export function secDate(iso: string | null): string {
  return iso === null ? '' : `${iso.slice(8, 10)}-${MONTHS[Number(iso.slice(5, 7)) - 1]}-${iso.slice(0, 4)}`;
}

/** Exact decimal string → the SEC's 2-decimal rounding (half away from zero), `.0` for integers. */
export function secNumber(d: string | null): string {
  if (d === null) {
    return '';
  }
  const negative = d.startsWith('-');
  const [int = '0', frac = ''] = (negative ? d.slice(1) : d).split('.');
  let cents = BigInt(int || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  if (Number(frac[2] ?? '0') >= 5) {
    cents += 1n;
  }
  const whole = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  const text = `${whole}.${rest === '' ? '0' : rest}`;
  return negative && cents !== 0n ? `-${text}` : text;
}

const ids = (row: OwnershipRow, element: string) => (row.footnoteIds[element] ?? []).join(', ');
const bool = (b: boolean | null) => (b === null ? '' : b ? '1' : '0');
const text = (s: string | null) => (s ?? '').replace(/[\t\r\n]+/g, ' ');

type Line = Record<string, string>;

function rowLine(f: OwnershipFiling, row: OwnershipRow, sk: string, skValue: number): Line {
  return {
    ACCESSION_NUMBER: f.accessionNumber ?? '',
    [sk]: String(skValue),
    SECURITY_TITLE: text(row.securityTitle),
    SECURITY_TITLE_FN: ids(row, 'securityTitle'),
    CONV_EXERCISE_PRICE: secNumber(row.conversionOrExercisePrice),
    CONV_EXERCISE_PRICE_FN: ids(row, 'conversionOrExercisePrice'),
    TRANS_DATE: secDate(row.transactionDate),
    TRANS_DATE_FN: ids(row, 'transactionDate'),
    DEEMED_EXECUTION_DATE: secDate(row.deemedExecutionDate),
    DEEMED_EXECUTION_DATE_FN: ids(row, 'deemedExecutionDate'),
    TRANS_FORM_TYPE: text(row.transactionFormType),
    TRANS_FORM_TYPE_FN: ids(row, 'transactionFormType'),
    TRANS_CODE: text(row.code),
    EQUITY_SWAP_INVOLVED: bool(row.equitySwapInvolved),
    EQUITY_SWAP_INVOLVED_FN: ids(row, 'transactionCoding'),
    TRANS_TIMELINESS: text(row.timeliness),
    TRANS_TIMELINESS_FN: ids(row, 'transactionTimeliness'),
    TRANS_SHARES: secNumber(row.shares),
    TRANS_SHARES_FN: ids(row, 'transactionShares'),
    TRANS_TOTAL_VALUE: secNumber(row.totalValue),
    TRANS_TOTAL_VALUE_FN: ids(row, 'transactionTotalValue'),
    TRANS_PRICEPERSHARE: secNumber(row.pricePerShare),
    TRANS_PRICEPERSHARE_FN: ids(row, 'transactionPricePerShare'),
    TRANS_ACQUIRED_DISP_CD: text(row.acquiredDisposed),
    TRANS_ACQUIRED_DISP_CD_FN: ids(row, 'transactionAcquiredDisposedCode'),
    EXCERCISE_DATE: secDate(row.exerciseDate),
    EXCERCISE_DATE_FN: ids(row, 'exerciseDate'),
    EXERCISE_DATE: secDate(row.exerciseDate),
    EXERCISE_DATE_FN: ids(row, 'exerciseDate'),
    EXPIRATION_DATE: secDate(row.expirationDate),
    EXPIRATION_DATE_FN: ids(row, 'expirationDate'),
    UNDLYNG_SEC_TITLE: text(row.underlyingSecurityTitle),
    UNDLYNG_SEC_TITLE_FN: ids(row, 'underlyingSecurityTitle'),
    UNDLYNG_SEC_SHARES: secNumber(row.underlyingSecurityShares),
    UNDLYNG_SEC_SHARES_FN: ids(row, 'underlyingSecurityShares'),
    UNDLYNG_SEC_VALUE: secNumber(row.underlyingSecurityValue),
    UNDLYNG_SEC_VALUE_FN: ids(row, 'underlyingSecurityValue'),
    SHRS_OWND_FOLWNG_TRANS: secNumber(row.sharesOwnedFollowing),
    SHRS_OWND_FOLWNG_TRANS_FN: ids(row, 'sharesOwnedFollowingTransaction'),
    VALU_OWND_FOLWNG_TRANS: secNumber(row.valueOwnedFollowing),
    VALU_OWND_FOLWNG_TRANS_FN: ids(row, 'valueOwnedFollowingTransaction'),
    DIRECT_INDIRECT_OWNERSHIP: text(row.directOrIndirect),
    DIRECT_INDIRECT_OWNERSHIP_FN: ids(row, 'directOrIndirectOwnership'),
    NATURE_OF_OWNERSHIP: text(row.natureOfOwnership),
    NATURE_OF_OWNERSHIP_FN: ids(row, 'natureOfOwnership'),
  };
}

const ROW_TABLE: Record<string, [DatasetTable, string]> = {
  'nonDerivative/transaction': ['NONDERIV_TRANS', 'NONDERIV_TRANS_SK'],
  'nonDerivative/holding': ['NONDERIV_HOLDING', 'NONDERIV_HOLDING_SK'],
  'derivative/transaction': ['DERIV_TRANS', 'DERIV_TRANS_SK'],
  'derivative/holding': ['DERIV_HOLDING', 'DERIV_HOLDING_SK'],
};

/** Accumulates filings into the eight tables; `tsv()` renders them. Surrogate keys count up. */
export function createTableWriter() {
  const lines = Object.fromEntries(Object.keys(TABLE_COLUMNS).map((t) => [t, [] as string[]])) as Record<
    DatasetTable,
    string[]
  >;
  let sk = 1;
  const push = (table: DatasetTable, line: Line) =>
    lines[table].push(TABLE_COLUMNS[table].map((c) => line[c] ?? '').join('\t'));
  return {
    add(f: OwnershipFiling): void {
      const accession = f.accessionNumber ?? '';
      push('SUBMISSION', {
        ACCESSION_NUMBER: accession,
        FILING_DATE: secDate(f.filedDate ?? f.acceptedAt?.slice(0, 10) ?? f.periodOfReport),
        PERIOD_OF_REPORT: secDate(f.periodOfReport),
        DATE_OF_ORIG_SUB: secDate(f.dateOfOriginalSubmission),
        NO_SECURITIES_OWNED: bool(f.noSecuritiesOwned),
        NOT_SUBJECT_SEC16: bool(f.notSubjectToSection16),
        FORM3_HOLDINGS_REPORTED: bool(f.form3HoldingsReported),
        FORM4_TRANS_REPORTED: bool(f.form4TransactionsReported),
        DOCUMENT_TYPE: f.documentType,
        ISSUERCIK: f.issuer.cik,
        ISSUERNAME: text(f.issuer.name),
        ISSUERTRADINGSYMBOL: text(f.issuer.rawTicker),
        REMARKS: text(f.remarks),
        AFF10B5ONE: bool(f.aff10b5One),
      });
      for (const o of f.reportingOwners) {
        const roles = [
          o.isDirector && 'Director',
          o.isOfficer && 'Officer',
          o.isTenPercentOwner && 'TenPercentOwner',
          o.isOther && 'Other',
        ].filter(Boolean);
        push('REPORTINGOWNER', {
          ACCESSION_NUMBER: accession,
          RPTOWNERCIK: o.cik,
          RPTOWNERNAME: text(o.name),
          RPTOWNER_RELATIONSHIP: roles.join(','),
          RPTOWNER_TITLE: text(o.officerTitle),
          RPTOWNER_TXT: text(o.otherText),
        });
      }
      for (const row of f.rows) {
        const [table, skColumn] = ROW_TABLE[`${row.table}/${row.rowType}`]!;
        push(table, rowLine(f, row, skColumn, sk++));
      }
      for (const n of f.footnotes) {
        push('FOOTNOTES', { ACCESSION_NUMBER: accession, FOOTNOTE_ID: n.id, FOOTNOTE_TXT: text(n.text) });
      }
      for (const s of f.signatures) {
        push('OWNER_SIGNATURE', {
          ACCESSION_NUMBER: accession,
          OWNERSIGNATURENAME: text(s.name),
          OWNERSIGNATUREDATE: secDate(s.date),
        });
      }
    },
    tsv(): Record<DatasetTable, string> {
      return Object.fromEntries(
        Object.entries(lines).map(([t, l]) => [
          t,
          [TABLE_COLUMNS[t as DatasetTable].join('\t'), ...l].join('\n') + '\n',
        ]),
      ) as Record<DatasetTable, string>;
    },
  };
}
