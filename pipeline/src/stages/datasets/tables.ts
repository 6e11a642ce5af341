/**
 * The eight tables of an SEC Insider Transactions Data Set (`<year>q<n>_form345.zip`), as its
 * readme and metadata (FORM_345_metadata.json, W3C tabular data) describe them: tab-separated,
 * UTF-8, one header line. Columns are found by name, never by position, because they have moved
 * and been renamed between quarters (EQUITY_SWAP_INVOLVED_FN is EQUITY_SWAP_TRANS_CD_FN in some).
 *
 * A column missing from a quarter is read as empty unless it is required; a column we do not know
 * fails the quarter, because it may carry data we would silently drop.
 */
export const DATASET_TABLES = [
  'SUBMISSION',
  'REPORTINGOWNER',
  'NONDERIV_TRANS',
  'NONDERIV_HOLDING',
  'DERIV_TRANS',
  'DERIV_HOLDING',
  'FOOTNOTES',
  'OWNER_SIGNATURE',
] as const;
export type DatasetTable = (typeof DATASET_TABLES)[number];

const FN = (names: string[]) => names.flatMap((n) => [n, `${n}_FN`]);

/** Every column each table may have, in the metadata's order. */
export const TABLE_COLUMNS: Record<DatasetTable, readonly string[]> = {
  SUBMISSION: [
    'ACCESSION_NUMBER',
    'FILING_DATE',
    'PERIOD_OF_REPORT',
    'DATE_OF_ORIG_SUB',
    'NO_SECURITIES_OWNED',
    'NOT_SUBJECT_SEC16',
    'FORM3_HOLDINGS_REPORTED',
    'FORM4_TRANS_REPORTED',
    'DOCUMENT_TYPE',
    'ISSUERCIK',
    'ISSUERNAME',
    'ISSUERTRADINGSYMBOL',
    'CONTACT_NAME',
    'CONTACT_PHONE_NUMBER',
    'CONTACT_EMAIL_ADDRESS',
    'NOTIFICATION_EMAIL_ADDRESS',
    'REMARKS',
    'AFF10B5ONE',
  ],
  REPORTINGOWNER: [
    'ACCESSION_NUMBER',
    'RPTOWNERCIK',
    'RPTOWNERNAME',
    'RPTOWNER_RELATIONSHIP',
    'RPTOWNER_TITLE',
    'RPTOWNER_TXT',
    'RPTOWNER_STREET1',
    'RPTOWNER_STREET2',
    'RPTOWNER_CITY',
    'RPTOWNER_STATE',
    'RPTOWNER_ZIPCODE',
    'RPTOWNER_STATE_DESC',
    'FILE_NUMBER',
  ],
  NONDERIV_TRANS: [
    'ACCESSION_NUMBER',
    'NONDERIV_TRANS_SK',
    ...FN(['SECURITY_TITLE', 'TRANS_DATE', 'DEEMED_EXECUTION_DATE']),
    'TRANS_FORM_TYPE',
    'TRANS_CODE',
    ...FN(['EQUITY_SWAP_INVOLVED', 'TRANS_TIMELINESS', 'TRANS_SHARES', 'TRANS_PRICEPERSHARE']),
    ...FN(['TRANS_ACQUIRED_DISP_CD', 'SHRS_OWND_FOLWNG_TRANS', 'VALU_OWND_FOLWNG_TRANS']),
    ...FN(['DIRECT_INDIRECT_OWNERSHIP', 'NATURE_OF_OWNERSHIP']),
  ],
  NONDERIV_HOLDING: [
    'ACCESSION_NUMBER',
    'NONDERIV_HOLDING_SK',
    ...FN(['SECURITY_TITLE', 'TRANS_FORM_TYPE', 'SHRS_OWND_FOLWNG_TRANS', 'VALU_OWND_FOLWNG_TRANS']),
    ...FN(['DIRECT_INDIRECT_OWNERSHIP', 'NATURE_OF_OWNERSHIP']),
  ],
  DERIV_TRANS: [
    'ACCESSION_NUMBER',
    'DERIV_TRANS_SK',
    ...FN(['SECURITY_TITLE', 'CONV_EXERCISE_PRICE', 'TRANS_DATE', 'DEEMED_EXECUTION_DATE']),
    'TRANS_FORM_TYPE',
    'TRANS_CODE',
    ...FN(['EQUITY_SWAP_INVOLVED', 'TRANS_TIMELINESS', 'TRANS_SHARES', 'TRANS_TOTAL_VALUE']),
    ...FN(['TRANS_PRICEPERSHARE', 'TRANS_ACQUIRED_DISP_CD', 'EXCERCISE_DATE', 'EXPIRATION_DATE']),
    ...FN(['UNDLYNG_SEC_TITLE', 'UNDLYNG_SEC_SHARES', 'UNDLYNG_SEC_VALUE']),
    ...FN(['SHRS_OWND_FOLWNG_TRANS', 'VALU_OWND_FOLWNG_TRANS']),
    ...FN(['DIRECT_INDIRECT_OWNERSHIP', 'NATURE_OF_OWNERSHIP']),
  ],
  DERIV_HOLDING: [
    'ACCESSION_NUMBER',
    'DERIV_HOLDING_SK',
    ...FN(['SECURITY_TITLE', 'CONV_EXERCISE_PRICE', 'TRANS_FORM_TYPE', 'EXERCISE_DATE']),
    ...FN(['EXPIRATION_DATE', 'UNDLYNG_SEC_TITLE', 'UNDLYNG_SEC_SHARES', 'UNDLYNG_SEC_VALUE']),
    ...FN(['SHRS_OWND_FOLWNG_TRANS', 'VALU_OWND_FOLWNG_TRANS']),
    ...FN(['DIRECT_INDIRECT_OWNERSHIP', 'NATURE_OF_OWNERSHIP']),
  ],
  FOOTNOTES: ['ACCESSION_NUMBER', 'FOOTNOTE_ID', 'FOOTNOTE_TXT'],
  OWNER_SIGNATURE: ['ACCESSION_NUMBER', 'OWNERSIGNATURENAME', 'OWNERSIGNATUREDATE'],
};

/** The same column under another name in some quarters (the readme and metadata disagree). */
export const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  EQUITY_SWAP_TRANS_CD_FN: 'EQUITY_SWAP_INVOLVED_FN',
  FORM3_HOLDING_REPORTED: 'FORM3_HOLDINGS_REPORTED',
};

/** Without these a table cannot be joined or read at all. */
export const REQUIRED_COLUMNS: Record<DatasetTable, readonly string[]> = {
  SUBMISSION: ['ACCESSION_NUMBER', 'FILING_DATE', 'PERIOD_OF_REPORT', 'DOCUMENT_TYPE', 'ISSUERCIK'],
  REPORTINGOWNER: ['ACCESSION_NUMBER', 'RPTOWNERCIK'],
  NONDERIV_TRANS: ['ACCESSION_NUMBER', 'NONDERIV_TRANS_SK'],
  NONDERIV_HOLDING: ['ACCESSION_NUMBER', 'NONDERIV_HOLDING_SK'],
  DERIV_TRANS: ['ACCESSION_NUMBER', 'DERIV_TRANS_SK'],
  DERIV_HOLDING: ['ACCESSION_NUMBER', 'DERIV_HOLDING_SK'],
  FOOTNOTES: ['ACCESSION_NUMBER', 'FOOTNOTE_ID'],
  OWNER_SIGNATURE: ['ACCESSION_NUMBER'],
};

/** `SUBMISSION.tsv`, `2025q2/SUBMISSION.tsv`, `submission.TSV` → SUBMISSION; anything else → null. */
export function tableOfEntry(entryName: string): DatasetTable | null {
  const base = (entryName.split('/').pop() ?? '').toUpperCase();
  const name = base.endsWith('.TSV') ? base.slice(0, -4) : null;
  return name !== null && (DATASET_TABLES as readonly string[]).includes(name)
    ? (name as DatasetTable)
    : null;
}
