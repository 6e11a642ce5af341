/**
 * A real HTTP server standing in for www.sec.gov and data.sec.gov, built from a folder of
 * submission files: full submissions (`.txt`) and dissemination files (`.nc`). A file it cannot
 * serve is skipped and reported in `skipped`, never fatal. Point EDGAR_BASE_URL at `baseUrl` and
 * EDGAR_DATA_BASE_URL at `dataBaseUrl` (the same origin under `/data.sec.gov`, so a client that
 * sends a data.sec.gov request to the www base gets a 404 instead of passing by accident).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { accessDeniedXml, throttledHtml, unavailableHtml } from './error-bodies';
import { createFaults } from './faults';
import type { ActiveFault, Faults } from './faults';
import { createFilingStore } from './filing-store';
import { loadSubmissionFiles } from './submission-files';
import type { SkippedFile } from './submission-files';
import type { StoredFiling } from './filing-store';
import type { LoggedRequest } from './request-log';
import type { TickerEntry } from './render-submissions';
import { DATASET_ROUTE, datasetZip } from './dataset-zip';
import { route } from './routes';
import type { FakeResponse } from './routes';

export interface FakeEdgarOptions {
  /** Folder of submission files: `<accession>.txt` full submissions and `.nc` dissemination files. */
  dir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** getcurrent answers `start` at or beyond this with an HTML error page. @defaultValue 5000 */
  feedDepthLimit?: number;
  /** Status of that error page: 503, or 200 with HTML where Atom was expected. @defaultValue 503 */
  feedDepthStatus?: 503 | 200;
  /** `recent` size of the submissions JSON before older pages start. @defaultValue 1000 */
  submissionsRecentLimit?: number;
  /** Filings per older submissions page. @defaultValue 2000 */
  submissionsPageSize?: number;
  /** Answer 403 (throttle page) to requests without a "Name email@host" User-Agent. @defaultValue true */
  requireUserAgent?: boolean;
  /** The fake's clock: filings accepted later are hidden, daily indexes appear at 22:00 ET. */
  now?: () => Date;
  /** How a `delay` fault waits (tests hold the answer until they release it). @defaultValue setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

export interface FakeEdgar {
  readonly baseUrl: string;
  readonly dataBaseUrl: string;
  readonly faults: Faults;
  /** Every request in arrival order (live array; tests may clear it with `requests.length = 0`). */
  readonly requests: LoggedRequest[];
  /** Adds a full submission at runtime (live-polling tests); returns its accession number. */
  addFiling(text: string): string;
  filings(): readonly StoredFiling[];
  /** Overrides company_tickers.json (null goes back to tickers derived from the filings). */
  setTickers(entries: TickerEntry[] | null): void;
  /** Files of `dir` the fake does not serve, with the reason (file names relative to `dir`). */
  readonly skipped: readonly SkippedFile[];
  close(): Promise<void>;
}

export const DATA_PREFIX = '/data.sec.gov';

const UA_SHAPE = /\S+.*\s[^\s@]+@[^\s@]+\.[^\s@]+/;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function faultResponse(fault: ActiveFault): FakeResponse | null {
  const retry: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  switch (fault.kind) {
    case 'status429':
      return { status: 429, contentType: 'text/html', body: throttledHtml(), headers: retry };
    case 'status503':
      return { status: 503, contentType: 'text/html', body: unavailableHtml(), headers: retry };
    case 'status403':
      return fault.body === 'xml'
        ? { status: 403, contentType: 'application/xml', body: accessDeniedXml() }
        : { status: 403, contentType: 'text/html', body: throttledHtml() };
    case 'notFound':
      return { status: 403, contentType: 'application/xml', body: accessDeniedXml() };
    case 'htmlFeedError':
      return { status: 200, contentType: 'text/html', body: unavailableHtml() };
    default:
      return null;
  }
}

export async function startFakeEdgar(options: FakeEdgarOptions): Promise<FakeEdgar> {
  const store = createFilingStore();
  const skipped = await loadSubmissionFiles(options.dir, store);

  const faults = createFaults();
  const requests: LoggedRequest[] = [];
  const clock = options.now ?? (() => new Date());
  let tickers: TickerEntry[] | null = null;
  let baseUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: LoggedRequest = {
      at: performance.timeOrigin + performance.now(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      userAgent: req.headers['user-agent'],
      acceptEncoding: req.headers['accept-encoding'],
      status: 0,
    };
    requests.push(entry);
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const fault = faults.take(url.pathname + url.search);
    if (fault?.kind === 'delay') {
      await (options.sleep ?? sleep)(fault.delayMs ?? 1000);
    }
    let response: FakeResponse;
    if (options.requireUserAgent !== false && !UA_SHAPE.test(entry.userAgent ?? '')) {
      response = { status: 403, contentType: 'text/html', body: throttledHtml() };
    } else if (!(fault && faultResponse(fault)) && DATASET_ROUTE.test(url.pathname)) {
      const [, year, q] = DATASET_ROUTE.exec(url.pathname)!;
      const visible = store.all().filter((f) => f.acceptedAt.getTime() <= clock().getTime());
      const zip = await datasetZip(`${year}q${q}`, visible);
      response = zip
        ? { status: 200, contentType: 'application/zip', body: zip.toString('latin1') }
        : { status: 404, contentType: 'text/html', body: '<html><body>Not Found</body></html>' };
    } else {
      response =
        (fault && faultResponse(fault)) ??
        route(url.pathname, url.searchParams, {
          store,
          baseUrl,
          dataPrefix: DATA_PREFIX,
          now: clock(),
          feedDepthLimit: options.feedDepthLimit ?? 5000,
          feedDepthStatus: options.feedDepthStatus ?? 503,
          paging: {
            recentLimit: options.submissionsRecentLimit ?? 1000,
            pageSize: options.submissionsPageSize ?? 2000,
          },
          tickers,
        });
    }
    let body = Buffer.from(response.body, 'latin1');
    const headers: Record<string, string> = { 'Content-Type': response.contentType, ...response.headers };
    if (/\bgzip\b/.test(entry.acceptEncoding ?? '')) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.length);
    entry.status = response.status;
    res.writeHead(response.status, headers);
    if (fault?.kind === 'truncate' && req.method !== 'HEAD') {
      entry.status = 0;
      res.write(body.subarray(0, Math.floor(body.length * (fault.fraction ?? 0.5))));
      // Let the partial body reach the client before the connection is cut.
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  baseUrl = `http://${host}:${addr.port}`;

  return {
    baseUrl,
    dataBaseUrl: baseUrl + DATA_PREFIX,
    faults,
    requests,
    addFiling: (text) => store.add(text).accessionNumber,
    filings: () => store.all(),
    setTickers: (entries) => {
      tickers = entries;
    },
    skipped,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
