/**
 * Parses EDGAR index files: daily `form.YYYYMMDD.idx` (fixed width, by form type), daily
 * `master.YYYYMMDD.idx` (pipe-delimited, by CIK) and quarterly `full-index/…/form.idx`
 * (fixed width, dates YYYY-MM-DD). Written against the quirks of the real files:
 * - the column header may wrap onto a second line before the dashes;
 * - a long company name or form type pushes the later columns right, so fixed-width rows are read
 *   from the right (file name, date, CIK) and the left part is split at the header's column;
 * - names contain backslashes (`\PA\`), pipes never (they are the master delimiter);
 * - some rows are dated before the index date (late dissemination): kept, but reported;
 * - paper filings (accession prefix 9999999997) have no electronic document.
 * Every line that is not a row is reported with its line number and a reason.
 */
import { isAccession, padCik } from './accession';

export interface IndexRow {
  formType: string;
  companyName: string;
  /** Zero-padded. */
  cik: string;
  /** YYYY-MM-DD. */
  dateFiled: string;
  accessionNumber: string;
  fileName: string;
}

export interface IndexProblem {
  line: number;
  reason: string;
  text: string;
}

export interface ParsedIndex {
  rows: IndexRow[];
  /** Lines that could not be read, or rows worth a warning; each is counted by the caller. */
  problems: IndexProblem[];
}

export interface IndexParseOptions {
  /** YYYY-MM-DD of a daily index: rows dated earlier are reported as `dated_before_index`. */
  indexDate?: string;
}

const FILE_NAME = /edgar\/data\/(\d+)\/(\d{10}-\d{2}-\d{6})\.txt$/;
const FIXED_TAIL = /^(.*?)\s+(\d{1,10})\s+(\d{8}|\d{4}-\d{2}-\d{2})\s+(edgar\/data\/\S+)\s*$/;

function isoDate(d: string): string {
  return d.includes('-') ? d : `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

function splitFormAndName(left: string, nameColumn: number): [string, string] {
  if (
    nameColumn > 0 &&
    left.length > nameColumn &&
    left[nameColumn - 1] === ' ' &&
    left[nameColumn] !== ' '
  ) {
    return [left.slice(0, nameColumn).trim(), left.slice(nameColumn).trim()];
  }
  // The form type overflowed its column: it ends at the first run of two spaces, else the first space.
  const m = /^(\S+(?: \S+)*?)\s{2,}(.+)$/.exec(left) ?? /^(\S+)\s+(.+)$/.exec(left);
  return m ? [m[1]!.trim(), m[2]!.trim()] : [left.trim(), ''];
}

export function parseIndexFile(text: string, options: IndexParseOptions = {}): ParsedIndex {
  const lines = text.split(/\r?\n/);
  const dashes = lines.findIndex((l) => /^-{20,}\s*$/.test(l));
  const rows: IndexRow[] = [];
  const problems: IndexProblem[] = [];
  if (dashes < 0) {
    problems.push({ line: 0, reason: 'no_header', text: lines[0]?.slice(0, 200) ?? '' });
    return { rows, problems };
  }
  // The header sits right above the dashes, possibly wrapped over two lines.
  const pipe = (lines[dashes - 1] ?? '').includes('|');
  const headerLine = lines.slice(Math.max(0, dashes - 2), dashes).find((l) => /Company Name/.test(l)) ?? '';
  // company.idx and crawler.idx put the name first; form.idx puts the form type first.
  const nameFirst = /^Company Name/.test(headerLine);
  const splitColumn = nameFirst
    ? headerLine.indexOf('Form Type')
    : /^Form Type/.test(headerLine)
      ? headerLine.indexOf('Company Name')
      : 12;

  for (let i = dashes + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') {
      continue;
    }
    let formType: string;
    let companyName: string;
    let cik: string;
    let date: string;
    let fileName: string;
    if (pipe) {
      const parts = raw.split('|');
      if (parts.length !== 5) {
        problems.push({ line: i + 1, reason: `expected 5 fields, got ${parts.length}`, text: raw });
        continue;
      }
      [cik, companyName, formType, date, fileName] = parts.map((p) => p.trim()) as [
        string,
        string,
        string,
        string,
        string,
      ];
    } else {
      const m = FIXED_TAIL.exec(raw);
      if (!m) {
        problems.push({ line: i + 1, reason: 'unreadable fixed-width row', text: raw });
        continue;
      }
      if (nameFirst) {
        const left = m[1]!;
        const at =
          left.length > splitColumn && left[splitColumn - 1] === ' '
            ? splitColumn
            : left.search(/\s{2,}\S+(?: \S+)*$/);
        [companyName, formType] =
          at > 0 ? [left.slice(0, at).trim(), left.slice(at).trim()] : [left.trim(), ''];
      } else {
        [formType, companyName] = splitFormAndName(m[1]!, splitColumn);
      }
      [cik, date, fileName] = [m[2]!, m[3]!, m[4]!];
    }
    const file = FILE_NAME.exec(fileName);
    const padded = padCik(cik);
    if (
      !file ||
      !padded ||
      !isAccession(file[2]!) ||
      !/^(\d{8}|\d{4}-\d{2}-\d{2})$/.test(date) ||
      formType === ''
    ) {
      problems.push({ line: i + 1, reason: 'bad field (CIK, date, form type or file name)', text: raw });
      continue;
    }
    const row: IndexRow = {
      formType,
      companyName,
      cik: padded,
      dateFiled: isoDate(date),
      accessionNumber: file[2]!,
      fileName,
    };
    if (options.indexDate && row.dateFiled < options.indexDate) {
      problems.push({ line: i + 1, reason: 'dated_before_index', text: raw });
    }
    rows.push(row);
  }
  return { rows, problems };
}

export interface IndexFiling {
  accessionNumber: string;
  formType: string;
  dateFiled: string;
  /** Every CIK the index lists it under (issuer and owners, without saying which is which). */
  ciks: string[];
}

/** One record per accession; paper filings (no electronic document) are returned apart. */
export function groupIndexRows(rows: readonly IndexRow[]): { filings: IndexFiling[]; paper: IndexRow[] } {
  const byAccession = new Map<string, IndexFiling>();
  const paper: IndexRow[] = [];
  for (const r of rows) {
    if (r.accessionNumber.startsWith('9999999997')) {
      paper.push(r);
      continue;
    }
    const f = byAccession.get(r.accessionNumber);
    if (f) {
      if (!f.ciks.includes(r.cik)) {
        f.ciks.push(r.cik);
      }
    } else {
      byAccession.set(r.accessionNumber, {
        accessionNumber: r.accessionNumber,
        formType: r.formType,
        dateFiled: r.dateFiled,
        ciks: [r.cik],
      });
    }
  }
  return { filings: [...byAccession.values()], paper };
}
