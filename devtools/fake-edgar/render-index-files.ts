/**
 * EDGAR's index files, one row per (filing, CIK named in it), so a Form 4 shows up under its
 * issuer and under each reporting owner:
 * - daily-index/YYYY/QTRn/form.YYYYMMDD.idx — fixed width, sorted by form type, dates YYYYMMDD,
 *   rows padded with trailing spaces;
 * - daily-index/YYYY/QTRn/master.YYYYMMDD.idx — pipe-delimited, sorted by CIK as text;
 * - full-index/YYYY/QTRn/form.idx — fixed width, dates YYYY-MM-DD, no trailing padding.
 */
import type { StoredFiling } from './filing-store';
import { entitiesOf, unpaddedCik } from './submission-file';

export interface IndexRow {
  formType: string;
  companyName: string;
  /** Unpadded, as the index files write it. */
  cik: string;
  /** YYYYMMDD. */
  dateFiled: string;
  fileName: string;
}

export function indexRows(filings: readonly StoredFiling[]): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const f of filings) {
    const seen = new Set<string>();
    for (const { entity } of entitiesOf(f)) {
      const cik = unpaddedCik(entity.cik);
      if (seen.has(cik)) {
        continue;
      }
      seen.add(cik);
      rows.push({
        formType: f.formType,
        companyName: entity.name,
        cik,
        dateFiled: f.filedAsOf,
        fileName: `edgar/data/${cik}/${f.accessionNumber}.txt`,
      });
    }
  }
  return rows;
}

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `Mar 18, 2020` / `Jan  3, 2020` (day padded to two columns), as the daily indexes write it. */
function shortDate(yyyymmdd: string): string {
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return `${MONTHS_SHORT[m - 1]!} ${String(d).padStart(2, ' ')}, ${yyyymmdd.slice(0, 4)}`;
}

function longDate(yyyymmdd: string): string {
  return `${MONTHS_LONG[Number(yyyymmdd.slice(4, 6)) - 1]!} ${Number(yyyymmdd.slice(6, 8))}, ${yyyymmdd.slice(0, 4)}`;
}

const byFormThenName = (a: IndexRow, b: IndexRow): number =>
  a.formType.localeCompare(b.formType) ||
  a.companyName.localeCompare(b.companyName) ||
  a.fileName.localeCompare(b.fileName);

function fixedWidthRow(r: IndexRow, date: string): string {
  return (
    (r.formType.length >= 12 ? r.formType + ' ' : r.formType.padEnd(12)) +
    // EDGAR does not truncate long names: they push the remaining columns right.
    (r.companyName.length >= 62 ? r.companyName + '  ' : r.companyName.padEnd(62)) +
    r.cik.padEnd(12) +
    date.padEnd(12) +
    r.fileName
  );
}

const FIXED_HEADER =
  'Form Type   Company Name                                                  CIK         Date Filed  File Name';

export function renderDailyFormIdx(yyyymmdd: string, rows: IndexRow[]): string {
  const lines = [
    'Description:           Daily Index of EDGAR Dissemination Feed by Form Type',
    `Last Data Received:    ${shortDate(yyyymmdd)}`,
    'Comments:              webmaster@sec.gov',
    'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
    ' ',
    ' ',
    ' ',
    ' ',
    FIXED_HEADER,
    '-'.repeat(141),
    ...[...rows].sort(byFormThenName).map((r) => fixedWidthRow(r, r.dateFiled).padEnd(150)),
  ];
  return lines.join('\n') + '\n';
}

export function renderDailyMasterIdx(yyyymmdd: string, rows: IndexRow[]): string {
  const sorted = [...rows].sort((a, b) => a.cik.localeCompare(b.cik) || a.fileName.localeCompare(b.fileName));
  const lines = [
    'Description:           Daily Index of EDGAR Dissemination Feed',
    `Last Data Received:    ${shortDate(yyyymmdd)}`,
    'Comments:              webmaster@sec.gov',
    'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
    ' ',
    'CIK|Company Name|Form Type|Date Filed|File Name',
    '-'.repeat(80),
    ...sorted.map((r) => [r.cik, r.companyName, r.formType, r.dateFiled, r.fileName].join('|')),
  ];
  return lines.join('\n') + '\n';
}

/** The quarterly full-index form.idx; `lastDate` is the last day whose filings it includes. */
export function renderFullIndexFormIdx(lastDate: string, rows: IndexRow[]): string {
  const iso = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const lines = [
    'Description:           Master Index of EDGAR Dissemination Feed by Form Type',
    `Last Data Received:    ${longDate(lastDate)}`,
    'Comments:              webmaster@sec.gov',
    'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
    '',
    '',
    '',
    '',
    FIXED_HEADER,
    '-'.repeat(141),
    ...[...rows].sort(byFormThenName).map((r) => fixedWidthRow(r, iso(r.dateFiled))),
  ];
  return lines.join('\n') + '\n';
}
