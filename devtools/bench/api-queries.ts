/**
 * `npm run bench:api-queries`: each data route's typical query, uncached, over HTTP against the
 * real app, on ≥ 1,000,000 generated transactions in a database of its own, beside `SELECT 1`
 * round trips (and a bare HTTP round trip to the same server, the HTTP floor) measured in the same run. Target (issue 8):
 * p99 ≤ 50 ms per route on this machine. The last line names the worst route and its p99.
 *
 * Uncached: the app gets a response cache that always computes, so every request reaches
 * Postgres. Requests run one at a time (latency, not throughput), with the subject varied per
 * request (ticker, insider, accession) so no two in a row ask the same thing; 20 warm-up requests
 * per route are not counted. BENCH_ROWS (default 1,000,000) and BENCH_REQUESTS (default 200)
 * adjust the run; BENCH_KEEP_DB=1 keeps the generated database for a re-run (reused when its row
 * count matches).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createRoutesApp } from '../../api/src/app';
import type { ResponseCache } from '../../api/src/cache';
import { loadConfig } from '../../pipeline/src/config/config';
import { SQL_DIR } from '../../pipeline/src/paths';
import { dropDatabase, ensureDatabase } from '../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { createLogger } from '../../pipeline/src/shared/logger';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import {
  generatedAccession,
  generatedIssuer,
  generatedOwnerCik,
  generateTransactions,
  ROWS_PER_FILING,
} from './generate-transactions';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const TARGET_P99_MS = 50;
const DB_NAME = `sec_tracker_bench_api_${ROWS}`;

const log = (line: string): void => void process.stdout.write(`${line}\n`);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Timing {
  name: string;
  p50: number;
  p99: number;
  max: number;
}

async function time(name: string, run: (i: number) => Promise<void>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) {
    await run(REQUESTS + i);
  }
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    await run(i);
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { name, p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1]! };
}

const uncached: ResponseCache = {
  async getOrCompute(_request, compute) {
    return { value: await compute(), hit: false };
  },
};

async function prepareDatabase(url: string): Promise<{ issuers: number; owners: number; filings: number }> {
  await ensureDatabase(url);
  const logger = createLogger('warn', { component: 'bench' });
  const pool = createPool({ databaseUrl: url }, logger, 2);
  try {
    await migrate(pool, SQL_DIR, logger);
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM transactions');
    const filings = Math.ceil(ROWS / ROWS_PER_FILING);
    const issuers = Math.max(10, Math.min(4000, Math.floor(filings / 100)));
    if (Number(rows[0]!.n) === ROWS) {
      log(`reusing ${DB_NAME} (${ROWS.toLocaleString('en')} transactions)`);
      return { issuers, owners: issuers * 4, filings };
    }
    if (Number(rows[0]!.n) !== 0) {
      throw new Error(`${DB_NAME} holds other data; drop it (dropdb ${DB_NAME}) and run again`);
    }
    const started = performance.now();
    const shape = await generateTransactions(pool, ROWS, (step) =>
      log(`generating: ${step} (${((performance.now() - started) / 1000).toFixed(0)} s)`),
    );
    log(
      `generated ${shape.transactions.toLocaleString('en')} transactions in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    return shape;
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const base = loadConfig(process.env);
  const dbUrl = new URL(base.databaseUrl);
  dbUrl.pathname = `/${DB_NAME}`;
  const url = dbUrl.toString();
  const shape = await prepareDatabase(url);
  const logger = createLogger('warn', { component: 'bench' });
  const pool = createPool({ databaseUrl: url }, logger, 4);
  const app = createRoutesApp({ pool, cache: uncached, logger, metrics: createMetrics() });
  const handle = app.callback();
  // The HTTP floor: a round trip to this server that reaches no route and no query.
  const server = http.createServer((req, res) =>
    req.url === '/floor' ? res.end('{}') : void handle(req, res),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const getOk = (path: string): Promise<void> =>
    new Promise((resolve, reject) => {
      http
        .get(`${origin}${path}`, { agent }, (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`${path} answered ${res.statusCode}`)),
          );
        })
        .on('error', reject);
    });

  const nth = (i: number, of: number): number => 1 + ((i * 7919) % of);
  const ticker = (i: number): string => generatedIssuer(nth(i, shape.issuers)).ticker;
  const routes: [string, (i: number) => string][] = [
    ['GET /form4/:ticker', (i) => `/api/v1/form4/${ticker(i)}`],
    ['GET /form4/latest', () => '/api/v1/form4/latest'],
    ['GET /issuers/:issuer', (i) => `/api/v1/issuers/${ticker(i)}`],
    ['GET /issuers/:issuer/summary', (i) => `/api/v1/issuers/${ticker(i)}/summary`],
    ['GET /insiders/:cik', (i) => `/api/v1/insiders/${generatedOwnerCik(nth(i, shape.owners))}`],
    ['GET /filings/:accession', (i) => `/api/v1/filings/${generatedAccession(nth(i, shape.filings))}`],
    ['GET /companies/search', (i) => `/api/v1/companies/search?q=gen${nth(i, shape.issuers)}`],
    ['GET /insiders/search', (i) => `/api/v1/insiders/search?q=insider%20${nth(i, shape.owners)}`],
    ['GET /clusters', () => '/api/v1/clusters?days=30&min_insiders=3&roles=director,officer'],
    ['GET /screener (default: last 30 days)', () => '/api/v1/screener'],
    ['GET /screener purchases by value', () => '/api/v1/screener?codes=P&sort=value&min_value=100000'],
    ['GET /screener group=company', () => '/api/v1/screener?codes=P&group=company&sort=value'],
    ['GET /screener tickers', (i) => `/api/v1/screener?tickers=${ticker(i)},${ticker(i + 1)}`],
    ['GET /screener insider', (i) => `/api/v1/screener?insider=${generatedOwnerCik(nth(i, shape.owners))}`],
    [
      'GET /activity (10 tickers)',
      (i) => `/api/v1/activity?tickers=${Array.from({ length: 10 }, (_, k) => ticker(i * 10 + k)).join(',')}`,
    ],
  ];

  log(
    `\n${REQUESTS} requests per route, one at a time, uncached, after ${WARMUP} warm-up; ${ROWS.toLocaleString('en')} transactions`,
  );
  const row = (t: Timing, floor: Timing): string =>
    `${t.name.padEnd(40)} p50 ${t.p50.toFixed(2).padStart(8)} ms  p99 ${t.p99.toFixed(2).padStart(8)} ms  max ${t.max
      .toFixed(2)
      .padStart(8)} ms  p99/SELECT1 ${(t.p99 / floor.p99).toFixed(1).padStart(6)}x`;
  const selectOne = await time('SELECT 1 (pg round trip)', async () => void (await pool.query('SELECT 1')));
  log(row(selectOne, selectOne));
  const floor = await time('HTTP round trip (no route)', () => getOk('/floor'));
  log(row(floor, selectOne));
  // Each route's line as soon as it is measured (the run takes minutes on a busy machine).
  const results: Timing[] = [];
  for (const [name, path] of routes) {
    const t = await time(name, (i) => getOk(path(i)));
    results.push(t);
    log(`${row(t, selectOne)}${t.p99 > TARGET_P99_MS ? '  OVER TARGET' : ''}`);
  }
  const worst = results.reduce((a, b) => (b.p99 > a.p99 ? b : a));
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await pool.end();
  if (process.env.BENCH_KEEP_DB !== '1') {
    await dropDatabase(url);
  }
  log(
    `worst route p99: ${worst.p99.toFixed(2)} ms (${worst.name}); target ≤ ${TARGET_P99_MS} ms; SELECT 1 p99 ${selectOne.p99.toFixed(2)} ms`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
