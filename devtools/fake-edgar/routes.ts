/**
 * Maps a request path to the response EDGAR would give, from the filings in the store. No I/O:
 * the HTTP shell in server.ts adds faults, gzip and logging around it.
 */
import { easternToInstant } from '../../pipeline/src/shared/eastern-time';
import { accessDeniedXml, notFoundHtml, unavailableHtml } from './error-bodies';
import type { FilingStore, StoredFiling } from './filing-store';
import { feedEntries, renderAtomFeed } from './render-atom';
import { renderFilingIndexHtml } from './render-filing-index';
import {
  indexRows,
  renderDailyFormIdx,
  renderDailyMasterIdx,
  renderFullIndexFormIdx,
} from './render-index-files';
import {
  renderCompanyTickers,
  submissionsFileName,
  submissionsFor,
  tickersFromFilings,
} from './render-submissions';
import type { SubmissionsPaging, TickerEntry } from './render-submissions';
import { entitiesOf, unpaddedCik } from './submission-file';

export interface FakeResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export interface RouteContext {
  store: FilingStore;
  baseUrl: string;
  /** Path prefix of the data.sec.gov stand-in on this server. */
  dataPrefix: string;
  now: Date;
  feedDepthLimit: number;
  feedDepthStatus: 503 | 200;
  paging: SubmissionsPaging;
  tickers: readonly TickerEntry[] | null;
}

const ok = (contentType: string, body: string): FakeResponse => ({ status: 200, contentType, body });
const denied = (): FakeResponse => ({ status: 403, contentType: 'application/xml', body: accessDeniedXml() });
const notFound = (): FakeResponse => ({ status: 404, contentType: 'text/html', body: notFoundHtml() });

/** The daily index of day D appears at 22:00 Eastern on D, and only for weekdays. */
export function dailyIndexPublished(yyyymmdd: string, now: Date): boolean {
  const [y, m, d] = [
    Number(yyyymmdd.slice(0, 4)),
    Number(yyyymmdd.slice(4, 6)),
    Number(yyyymmdd.slice(6, 8)),
  ];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (weekday === 0 || weekday === 6) {
    return false;
  }
  return now.getTime() >= easternToInstant(y, m, d, 22).getTime();
}

const quarterOf = (yyyymmdd: string): number => Math.floor((Number(yyyymmdd.slice(4, 6)) - 1) / 3) + 1;

function visible(ctx: RouteContext): StoredFiling[] {
  return ctx.store.all().filter((f) => f.acceptedAt.getTime() <= ctx.now.getTime());
}

function feed(query: URLSearchParams, ctx: RouteContext): FakeResponse {
  if (query.get('action') !== 'getcurrent') {
    return notFound();
  }
  const start = Math.max(0, Number(query.get('start') ?? '0') || 0);
  const count = Math.min(100, Math.max(1, Number(query.get('count') ?? '40') || 40));
  if (start >= ctx.feedDepthLimit) {
    return { status: ctx.feedDepthStatus, contentType: 'text/html', body: unavailableHtml() };
  }
  const q = { type: query.get('type') ?? '', owner: query.get('owner') ?? 'include', start, count };
  if (query.get('output') !== 'atom') {
    return ok('text/html', '<html><body>Latest Filings (HTML view not emulated)</body></html>');
  }
  const entries = feedEntries(visible(ctx), q);
  return ok('application/atom+xml', renderAtomFeed(entries, q, ctx.baseUrl, ctx.now));
}

function archiveFile(cik: string, folder: string, file: string, ctx: RouteContext): FakeResponse {
  if (!/^\d{18}$/.test(folder)) {
    return denied();
  }
  const acc = `${folder.slice(0, 10)}-${folder.slice(10, 12)}-${folder.slice(12)}`;
  const f = ctx.store.get(acc);
  if (!f || f.acceptedAt.getTime() > ctx.now.getTime()) {
    return denied();
  }
  if (!entitiesOf(f).some(({ entity }) => unpaddedCik(entity.cik) === unpaddedCik(cik))) {
    return denied();
  }
  const named = entitiesOf(f).find(({ entity }) => unpaddedCik(entity.cik) === unpaddedCik(cik))!;
  if (file === `${acc}-index.htm`) {
    return ok('text/html', renderFilingIndexHtml(f, named.entity.cik));
  }
  if (file === `${acc}.txt`) {
    return ok('text/plain', f.text);
  }
  const viewer = /^xslF345X0\d\/(.+)$/.exec(file);
  const doc = f.documents.find((d) => d.filename === (viewer ? viewer[1] : file));
  if (!doc) {
    return denied();
  }
  if (viewer) {
    return ok('text/html', `<html><body><pre>${doc.body.replace(/</g, '&lt;')}</pre></body></html>`);
  }
  return ok(doc.filename.endsWith('.xml') ? 'text/xml' : 'text/html', doc.body);
}

function dailyIndex(year: string, qtr: string, kind: string, date: string, ctx: RouteContext): FakeResponse {
  if (date.slice(0, 4) !== year || String(quarterOf(date)) !== qtr) {
    return denied();
  }
  if (!dailyIndexPublished(date, ctx.now)) {
    return denied();
  }
  const rows = indexRows(ctx.store.all().filter((f) => f.filedAsOf === date));
  return ok(
    'text/plain',
    kind === 'form' ? renderDailyFormIdx(date, rows) : renderDailyMasterIdx(date, rows),
  );
}

function fullIndex(year: string, qtr: string, ctx: RouteContext): FakeResponse {
  const q = Number(qtr);
  const firstMonth = (q - 1) * 3 + 1;
  // The last published day of the quarter: step back from the quarter's last day.
  let last: string | null = null;
  const start = Date.UTC(Number(year), firstMonth - 1, 1);
  for (let t = Date.UTC(Number(year), firstMonth + 2, 0); t >= start && !last; t -= 86_400_000) {
    const key = new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
    if (dailyIndexPublished(key, ctx.now)) {
      last = key;
    }
  }
  if (!last) {
    return denied();
  }
  const lastDate = last;
  const rows = indexRows(
    ctx.store
      .all()
      .filter(
        (f) => f.filedAsOf.slice(0, 4) === year && quarterOf(f.filedAsOf) === q && f.filedAsOf <= lastDate,
      ),
  );
  return ok('text/plain', renderFullIndexFormIdx(lastDate, rows));
}

function submissions(file: string, ctx: RouteContext): FakeResponse {
  const m = /^CIK(\d{10})(?:-submissions-\d{3})?\.json$/.exec(file);
  if (!m) {
    return notFound();
  }
  const result = submissionsFor(m[1]!, visible(ctx), ctx.paging);
  if (!result) {
    return notFound();
  }
  if (file === submissionsFileName(m[1]!)) {
    return ok('application/json', JSON.stringify(result.main));
  }
  const page = result.pages.get(file);
  return page ? ok('application/json', JSON.stringify(page)) : notFound();
}

export function route(pathname: string, query: URLSearchParams, ctx: RouteContext): FakeResponse {
  if (pathname === '/cgi-bin/browse-edgar') {
    return feed(query, ctx);
  }
  if (pathname === '/files/company_tickers.json') {
    return ok('application/json', renderCompanyTickers(ctx.tickers ?? tickersFromFilings(visible(ctx))));
  }
  const data = pathname.startsWith(ctx.dataPrefix + '/') ? pathname.slice(ctx.dataPrefix.length) : null;
  if (data !== null) {
    const sub = /^\/submissions\/([^/]+)$/.exec(data);
    return sub ? submissions(sub[1]!, ctx) : notFound();
  }
  let m = /^\/Archives\/edgar\/data\/(\d+)\/(\d+)\/(.+)$/.exec(pathname);
  if (m) {
    return archiveFile(m[1]!, m[2]!, m[3]!, ctx);
  }
  m = /^\/Archives\/edgar\/daily-index\/(\d{4})\/QTR([1-4])\/(form|master)\.(\d{8})\.idx$/.exec(pathname);
  if (m) {
    return dailyIndex(m[1]!, m[2]!, m[3]!, m[4]!, ctx);
  }
  m = /^\/Archives\/edgar\/full-index\/(\d{4})\/QTR([1-4])\/form\.idx$/.exec(pathname);
  if (m) {
    return fullIndex(m[1]!, m[2]!, ctx);
  }
  if (pathname.startsWith('/Archives/')) {
    return denied();
  }
  return notFound();
}
