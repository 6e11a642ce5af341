/**
 * data.sec.gov `submissions/CIK##########.json`: `filings.recent` holds the newest filings as
 * parallel arrays, `filings.files` names older pages, which are the same parallel arrays at top
 * level. A Form 4 is listed under every CIK it names, so these rows alone cannot say whether the
 * CIK is the issuer: the caller checks the fetched header.
 * `acceptanceDateTime` ends in `Z` but is Eastern wall-clock time (an EDGAR quirk), so it is
 * reinterpreted rather than trusted.
 */
import { isAccession, padCik } from './accession';
import { easternToInstant } from '../../shared/eastern-time';

export interface SubmissionRow {
  accessionNumber: string;
  form: string;
  /** YYYY-MM-DD. */
  filingDate: string;
  acceptedAt: string | null;
  primaryDocument: string;
}

export interface SubmissionsIndex {
  cik: string;
  name: string;
  tickers: string[];
  recent: SubmissionRow[];
  olderPages: string[];
  problems: string[];
}

type Columns = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function acceptedAt(text: unknown): string | null {
  const m = typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(text) : null;
  if (!m) {
    return null;
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return easternToInstant(y, mo, d, h, mi, s).toISOString();
}

/** Rows of one columnar block (`filings.recent` or an older page). */
export function columnarRows(block: unknown): { rows: SubmissionRow[]; problems: string[] } {
  const problems: string[] = [];
  if (typeof block !== 'object' || block === null || !Array.isArray((block as Columns).accessionNumber)) {
    return { rows: [], problems: ['no accessionNumber array'] };
  }
  const cols = block as Columns;
  const col = (name: string): unknown[] => (Array.isArray(cols[name]) ? (cols[name] as unknown[]) : []);
  const acc = col('accessionNumber');
  const rows: SubmissionRow[] = [];
  acc.forEach((a, i) => {
    const form = col('form')[i];
    if (typeof a !== 'string' || !isAccession(a) || typeof form !== 'string') {
      problems.push(`row ${i}: bad accession or form (${String(a)}, ${String(form)})`);
      return;
    }
    rows.push({
      accessionNumber: a,
      form,
      filingDate: str(col('filingDate')[i]),
      acceptedAt: acceptedAt(col('acceptanceDateTime')[i]),
      primaryDocument: str(col('primaryDocument')[i]),
    });
  });
  return { rows, problems };
}

export function parseSubmissionsJson(json: unknown): SubmissionsIndex {
  const obj = (typeof json === 'object' && json !== null ? json : {}) as {
    cik?: unknown;
    name?: unknown;
    tickers?: unknown;
    filings?: { recent?: unknown; files?: unknown };
  };
  const cik = padCik(typeof obj.cik === 'string' || typeof obj.cik === 'number' ? obj.cik : '');
  if (!cik) {
    throw new Error('submissions JSON without a cik');
  }
  const recent = columnarRows(obj.filings?.recent);
  const files = Array.isArray(obj.filings?.files) ? (obj.filings.files as { name?: unknown }[]) : [];
  return {
    cik,
    name: typeof obj.name === 'string' ? obj.name : '',
    tickers: Array.isArray(obj.tickers) ? obj.tickers.filter((t): t is string => typeof t === 'string') : [],
    recent: recent.rows,
    olderPages: files
      .map((f) => f.name)
      .filter((n): n is string => typeof n === 'string' && /^CIK\d{10}-submissions-\d+\.json$/.test(n)),
    problems: recent.problems,
  };
}

export interface TickerMapping {
  ticker: string;
  cik: string;
  title: string;
}

/** www `files/company_tickers.json`: `{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."},…}`. */
export function parseCompanyTickers(json: unknown): { mappings: TickerMapping[]; problems: string[] } {
  const mappings: TickerMapping[] = [];
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null) {
    return { mappings, problems: ['not a JSON object'] };
  }
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    const v = value as { cik_str?: unknown; ticker?: unknown; title?: unknown } | null;
    const cik = padCik(typeof v?.cik_str === 'number' || typeof v?.cik_str === 'string' ? v.cik_str : '');
    if (!v || !cik || typeof v.ticker !== 'string' || v.ticker.trim() === '') {
      problems.push(`entry ${key}: ${JSON.stringify(value).slice(0, 120)}`);
      continue;
    }
    mappings.push({
      ticker: v.ticker.trim().toUpperCase(),
      cik,
      title: typeof v.title === 'string' ? v.title : '',
    });
  }
  return { mappings, problems };
}
