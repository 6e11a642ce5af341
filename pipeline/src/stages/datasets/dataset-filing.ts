/**
 * One accession of a data set → the same normalized filing the XML parser produces, derivations
 * included (deriveRows). What the data set does not carry stays null: the schema version, the
 * acceptance time (the data set has only the filing date) and transactionTotalValue of Table I.
 * Every row holding a number is flagged `rounded`: the SEC rounds to 2 decimals, so 201.785 as
 * filed reads 201.79 here, and which values lost digits cannot be told from the data set alone.
 */
import { deriveRows } from '../parser/derive';
import { fail, ParseFailure } from '../parser/errors';
import type { FilingParseError } from '../parser/errors';
import { OWNERSHIP_DOCUMENT_TYPES } from '../parser/model';
import type {
  DocumentType,
  OwnershipFiling,
  OwnershipRow,
  Provenance,
  ReportingOwner,
} from '../parser/model';
import { collapseWhitespace, toBoolean, toCik, toTicker } from '../parser/values';
import { readDatasetRows } from './dataset-rows';
import { datasetDate, textOrNull } from './dataset-values';
import { field } from './table-lines';
import type { QuarterTables } from './zip-tables';

export const ROUNDED_FLAG = 'rounded';

/** The row fields the data sets round to 2 decimals. */
export const NUMBER_FIELDS = [
  'shares',
  'pricePerShare',
  'totalValue',
  'sharesOwnedFollowing',
  'valueOwnedFollowing',
  'conversionOrExercisePrice',
  'underlyingSecurityShares',
  'underlyingSecurityValue',
] as const;

export type DatasetOutcome =
  { ok: true; filing: OwnershipFiling } | { ok: false; accession: string; error: FilingParseError };

export interface DatasetFilingOptions {
  /** `2025q2`: the filing's provenance becomes `dataset:2025q2`. */
  quarter: string;
  /** The zip's URL or path, recorded in `filing.source`. */
  source: string;
}

function lines(tables: QuarterTables, table: keyof QuarterTables, accession: string): string[][] {
  return (tables[table].byAccession.get(accession) ?? []).map((l) => l.split('\t'));
}

function bool(raw: string, what: string): boolean | null {
  return toBoolean(textOrNull(raw), what);
}

function readOwners(tables: QuarterTables, accession: string): ReportingOwner[] {
  const t = tables.REPORTINGOWNER;
  return lines(tables, 'REPORTINGOWNER', accession).map((f) => {
    const roles = new Set(
      field(t, f, 'RPTOWNER_RELATIONSHIP')
        .toUpperCase()
        .split(/[,;/]/)
        .map((r) => r.replace(/[\s_-]+/g, '')),
    );
    return {
      cik: toCik(textOrNull(field(t, f, 'RPTOWNERCIK')), 'RPTOWNERCIK'),
      name: textOrNull(field(t, f, 'RPTOWNERNAME')),
      isDirector: roles.has('DIRECTOR'),
      isOfficer: roles.has('OFFICER'),
      isTenPercentOwner: roles.has('TENPERCENTOWNER'),
      isOther: roles.has('OTHER'),
      officerTitle: textOrNull(field(t, f, 'RPTOWNER_TITLE')),
      otherText: textOrNull(field(t, f, 'RPTOWNER_TXT')),
    };
  });
}

function markRounded(row: OwnershipRow): OwnershipRow {
  return NUMBER_FIELDS.some((k) => row[k] !== null) && !row.flags.includes(ROUNDED_FLAG)
    ? { ...row, flags: [...row.flags, ROUNDED_FLAG] }
    : row;
}

function buildFiling(tables: QuarterTables, accession: string, o: DatasetFilingOptions): OwnershipFiling {
  const s = tables.SUBMISSION;
  const [sub] = lines(tables, 'SUBMISSION', accession);
  if (sub === undefined) {
    return fail('MISSING_FIELD', `no SUBMISSION row for ${accession}`);
  }
  const get = (c: string) => field(s, sub, c);
  const documentType = get('DOCUMENT_TYPE').toUpperCase();
  if (!(OWNERSHIP_DOCUMENT_TYPES as readonly string[]).includes(documentType)) {
    fail(
      'UNSUPPORTED_DOCUMENT_TYPE',
      `DOCUMENT_TYPE "${documentType.slice(0, 20)}" is not 3, 4, 5 or an amendment`,
    );
  }
  const periodOfReport = datasetDate(get('PERIOD_OF_REPORT'), 'PERIOD_OF_REPORT');
  const filedDate = datasetDate(get('FILING_DATE'), 'FILING_DATE');
  const owners = readOwners(tables, accession);
  if (owners.length === 0) {
    fail('MISSING_FIELD', 'no REPORTINGOWNER row');
  }
  const rawTicker = textOrNull(get('ISSUERTRADINGSYMBOL'));
  const f = tables.FOOTNOTES;
  const footnotes = lines(tables, 'FOOTNOTES', accession).map((n) => ({
    id: field(f, n, 'FOOTNOTE_ID'),
    text: collapseWhitespace(field(f, n, 'FOOTNOTE_TXT')),
  }));
  const g = tables.OWNER_SIGNATURE;
  const signatures = lines(tables, 'OWNER_SIGNATURE', accession).map((n) => ({
    name: textOrNull(field(g, n, 'OWNERSIGNATURENAME')),
    date: datasetDate(field(g, n, 'OWNERSIGNATUREDATE'), 'OWNERSIGNATUREDATE'),
  }));
  const issuerCik = toCik(textOrNull(get('ISSUERCIK')), 'ISSUERCIK');
  const aff10b5One = bool(get('AFF10B5ONE'), 'AFF10B5ONE');
  const remarksRaw = get('REMARKS');
  const remarks = remarksRaw === '' ? null : collapseWhitespace(remarksRaw);
  const period = periodOfReport ?? fail('MISSING_FIELD', 'PERIOD_OF_REPORT is empty');
  const provenance: Provenance = `dataset:${o.quarter}`;
  return {
    source: o.source,
    provenance,
    accessionNumber: accession,
    documentType: documentType as DocumentType,
    schemaVersion: null,
    periodOfReport: period,
    dateOfOriginalSubmission: datasetDate(get('DATE_OF_ORIG_SUB'), 'DATE_OF_ORIG_SUB'),
    acceptedAt: null,
    filedDate,
    issuer: { cik: issuerCik, name: textOrNull(get('ISSUERNAME')), ticker: toTicker(rawTicker), rawTicker },
    reportingOwners: owners,
    aff10b5One,
    notSubjectToSection16: bool(get('NOT_SUBJECT_SEC16'), 'NOT_SUBJECT_SEC16'),
    noSecuritiesOwned: bool(get('NO_SECURITIES_OWNED'), 'NO_SECURITIES_OWNED'),
    form3HoldingsReported: bool(get('FORM3_HOLDINGS_REPORTED'), 'FORM3_HOLDINGS_REPORTED'),
    form4TransactionsReported: bool(get('FORM4_TRANS_REPORTED'), 'FORM4_TRANS_REPORTED'),
    remarks,
    footnotes,
    signatures,
    rows: deriveRows(readDatasetRows(tables, accession), {
      issuerCik,
      periodOfReport: period,
      aff10b5One,
      remarks,
      footnotes,
      referenceDate: filedDate,
    }).map(markRounded),
  };
}

/** Never throws for bad data: a filing that cannot be read is an outcome with its reason. */
export function datasetFiling(
  tables: QuarterTables,
  accession: string,
  o: DatasetFilingOptions,
): DatasetOutcome {
  try {
    return { ok: true, filing: buildFiling(tables, accession, o) };
  } catch (err) {
    if (err instanceof ParseFailure) {
      return { ok: false, accession, error: { code: err.code, message: `${accession}: ${err.message}` } };
    }
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { ok: false, accession, error: { code: 'INTERNAL_ERROR', message: `${accession}: ${message}` } };
  }
}

/**
 * Every accession of the quarter, in SUBMISSION order. Rows, owners or footnotes of an accession
 * that SUBMISSION does not list come last, each as a failed outcome, so nothing is dropped unseen.
 */
export function* quarterFilings(tables: QuarterTables, o: DatasetFilingOptions): Generator<DatasetOutcome> {
  const listed = tables.SUBMISSION.byAccession;
  for (const accession of listed.keys()) {
    yield datasetFiling(tables, accession, o);
  }
  const orphans = new Set<string>();
  for (const t of Object.values(tables)) {
    for (const accession of t.byAccession.keys()) {
      if (!listed.has(accession)) {
        orphans.add(accession);
      }
    }
  }
  for (const accession of orphans) {
    yield {
      ok: false,
      accession,
      error: { code: 'MISSING_FIELD', message: `${accession}: rows in the data set but no SUBMISSION row` },
    };
  }
}
