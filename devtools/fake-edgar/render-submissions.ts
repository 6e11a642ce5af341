/**
 * data.sec.gov `submissions/CIK##########.json` and its older pages, plus www `files/company_tickers.json`.
 * Like EDGAR's, a filing is listed under every CIK it names (a Form 4 under the issuer and each
 * owner), `recent` is columnar and newest first, older filings move to
 * `CIK##########-submissions-NNN.json` pages (columnar objects at the top level), and
 * `acceptanceDateTime` is Eastern wall-clock time written with a misleading `Z`.
 */
import type { StoredFiling } from './filing-store';
import { entitiesOf } from './submission-file';

export interface SubmissionsPaging {
  /** How many filings `recent` holds before the rest moves to older pages (EDGAR: ≥1000). */
  recentLimit: number;
  /** Filings per older page. */
  pageSize: number;
}

const COLUMNS = [
  'accessionNumber',
  'filingDate',
  'reportDate',
  'acceptanceDateTime',
  'act',
  'form',
  'fileNumber',
  'filmNumber',
  'items',
  'core_type',
  'size',
  'isXBRL',
  'isInlineXBRL',
  'primaryDocument',
  'primaryDocDescription',
] as const;

type Columnar = Record<(typeof COLUMNS)[number], (string | number)[]>;

const iso = (d: string | null): string => (d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '');

function columnar(filings: readonly StoredFiling[]): Columnar {
  const out = Object.fromEntries(COLUMNS.map((c) => [c, []])) as unknown as Columnar;
  for (const f of filings) {
    const dt = f.acceptanceDateTime;
    const primary = f.documents[0];
    const ownership = /^[345](\/A)?$/.test(f.formType);
    out.accessionNumber.push(f.accessionNumber);
    out.filingDate.push(iso(f.filedAsOf));
    out.reportDate.push(iso(f.periodOfReport));
    out.acceptanceDateTime.push(
      `${iso(dt.slice(0, 8))}T${dt.slice(8, 10)}:${dt.slice(10, 12)}:${dt.slice(12, 14)}.000Z`,
    );
    out.act.push('');
    out.form.push(f.formType);
    out.fileNumber.push('');
    out.filmNumber.push('');
    out.items.push('');
    out.core_type.push(f.formType);
    out.size.push(f.sizeBytes);
    out.isXBRL.push(0);
    out.isInlineXBRL.push(0);
    out.primaryDocument.push(
      primary ? (ownership ? `xslF345X05/${primary.filename}` : primary.filename) : '',
    );
    out.primaryDocDescription.push(primary?.description ?? '');
  }
  return out;
}

export const submissionsFileName = (cik10: string): string => `CIK${cik10}.json`;
export const submissionsPageName = (cik10: string, page: number): string =>
  `CIK${cik10}-submissions-${String(page).padStart(3, '0')}.json`;

/** The filings listing a CIK, newest first, split into `recent` and older pages. */
export function submissionsFor(
  cik10: string,
  filings: readonly StoredFiling[],
  paging: SubmissionsPaging,
): { main: object; pages: Map<string, object> } | null {
  const mine = filings.filter((f) => entitiesOf(f).some(({ entity }) => entity.cik === cik10));
  if (mine.length === 0) {
    return null;
  }
  const named = entitiesOf(mine[0]!).find(({ entity }) => entity.cik === cik10)!;
  const isIssuer = mine.some((f) => f.issuer?.cik === cik10);
  const tickers = [
    ...new Set(mine.filter((f) => f.issuer?.cik === cik10).map((f) => f.tradingSymbol)),
  ].filter((t): t is string => t !== null);
  const recent = mine.slice(0, paging.recentLimit);
  const older = mine.slice(paging.recentLimit);
  const pages = new Map<string, object>();
  const files: object[] = [];
  for (let i = 0; i * paging.pageSize < older.length; i++) {
    const chunk = older.slice(i * paging.pageSize, (i + 1) * paging.pageSize);
    const name = submissionsPageName(cik10, i + 1);
    pages.set(name, columnar(chunk));
    files.push({
      name,
      filingCount: chunk.length,
      filingFrom: iso(chunk[chunk.length - 1]!.filedAsOf),
      filingTo: iso(chunk[0]!.filedAsOf),
    });
  }
  const main = {
    cik: cik10,
    entityType: isIssuer ? 'operating' : 'other',
    sic: '',
    sicDescription: '',
    ownerOrg: null,
    insiderTransactionForOwnerExists: mine.some((f) => f.reportingOwners.some((o) => o.cik === cik10))
      ? 1
      : 0,
    insiderTransactionForIssuerExists: isIssuer ? 1 : 0,
    name: named.entity.name,
    tickers,
    exchanges: tickers.map(() => 'Nasdaq'),
    ein: null,
    lei: null,
    description: '',
    website: '',
    investorWebsite: '',
    category: '',
    fiscalYearEnd: '1231',
    stateOfIncorporation: '',
    stateOfIncorporationDescription: '',
    addresses: {},
    phone: '',
    flags: '',
    formerNames: [],
    filings: { recent: columnar(recent), files },
  };
  return { main, pages };
}

export interface TickerEntry {
  cik: number;
  ticker: string;
  title: string;
}

/** Tickers from the ownership XML of each issuer's newest filing. */
export function tickersFromFilings(filings: readonly StoredFiling[]): TickerEntry[] {
  const byTicker = new Map<string, TickerEntry>();
  for (const f of filings) {
    if (!f.issuer || !f.tradingSymbol || byTicker.has(f.tradingSymbol)) {
      continue;
    }
    byTicker.set(f.tradingSymbol, {
      cik: Number(f.issuer.cik),
      ticker: f.tradingSymbol,
      title: f.issuer.name,
    });
  }
  return [...byTicker.values()];
}

export function renderCompanyTickers(entries: readonly TickerEntry[]): string {
  const obj: Record<string, { cik_str: number; ticker: string; title: string }> = {};
  entries.forEach((e, i) => (obj[String(i)] = { cik_str: e.cik, ticker: e.ticker, title: e.title }));
  return JSON.stringify(obj);
}
