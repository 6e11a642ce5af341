/**
 * `npm run bench:api`: the cost of the public edge. autocannon (50 connections) against
 * GET /api/v1/form4/:ticker served from cache with auth (an API key) and the Redis rate limit on
 * (a limit too high to trigger), and, in the same run, against a bare Koa route doing one Redis
 * GET: the floor any cached answer over Redis can reach. The bare route answers the same bytes
 * as the API (the ratios compare those); its figures with a 30-byte body are printed for reference. Each server runs in its own process
 * (this file, forked with --serve), the load generator in this one. Prints requests/s, p50 and
 * p99 of both; the last line is the ratio of requests/s (target ≥ 0.6, p99 ≤ 1.5× the bare one).
 *
 * Options: --connections N (default 50), --seconds N (default 8).
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Koa from 'koa';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startApi } from '../../api/src/main';
import { loadConfig } from '../../pipeline/src/config/config';
import { SQL_DIR } from '../../pipeline/src/paths';
import { dropDatabase, ensureDatabase } from '../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { createLogger } from '../../pipeline/src/shared/logger';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '8' },
    serve: { type: 'string' },
    database: { type: 'string' },
    key: { type: 'string' },
  },
});
const TICKER = 'BNCH';
const API_KEY = `sk_bench_${randomBytes(16).toString('hex')}`;
const logger = createLogger('error', { bench: 'api' });

/** In a child: serve and report the URL to the parent. */
async function serve(kind: string): Promise<void> {
  if (kind === 'bare') {
    const config = loadConfig(process.env);
    const redis = new Redis(config.redisUrl);
    const key = values.key!;
    const app = new Koa();
    app.use(async (ctx) => {
      ctx.type = 'application/json';
      ctx.body = await redis.get(ctx.path === '/small' ? `${key}:small` : key);
    });
    const handle = app.callback();
    const server = http.createServer((req, res) => void handle(req, res)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    return;
  }
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: values.database,
    API_KEYS: values.key,
    API_RATE_LIMIT: '10000000',
    LOG_LEVEL: 'error',
  });
  const api = await startApi(config, logger, createMetrics(), 0);
  process.send!({ url: api.url });
}

async function seed(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl);
  const pool = createPool({ databaseUrl }, logger, 1);
  await migrate(pool, SQL_DIR, logger);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  for (let f = 0; f < 10; f++) {
    const accession = `0000999999-26-${String(f).padStart(6, '0')}`;
    await client.query(
      `INSERT INTO filings (accession_number, document_type, accepted_at, filed_date, issuer_cik, issuer_name, issuer_ticker)
       VALUES ($1, '4', now() - $2::int * interval '1 day', current_date - $2::int, '0000999999', 'Bench Corp', $3)`,
      [accession, f, TICKER],
    );
    for (let p = 0; p < 5; p++) {
      await client.query(
        `INSERT INTO transactions (accession_number, position, table_kind, issuer_cik, issuer_ticker, document_type,
           transaction_date, code, shares, price_per_share, acquired_disposed, kind, kind_reason, trade_key)
         VALUES ($1, $2, 'nonDerivative', '0000999999', $3, '4', current_date - $4::int, 'P', 1000, 12.5, 'A', 'open_market_purchase', 'bench', $5)`,
        [accession, p, TICKER, f, `bench:${accession}:${p}`],
      );
    }
  }
  await client.end();
  await pool.end();
}

function start(kind: string, args: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(__filename, ['--serve', kind, ...args], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Figures> {
  const result = await autocannon({
    url,
    headers,
    connections: Number(values.connections),
    duration: Number(values.seconds),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

async function main(): Promise<void> {
  const base = new URL(loadConfig(process.env).databaseUrl);
  const name = `sec_tracker_bench_api_${randomBytes(4).toString('hex')}`;
  base.pathname = `/${name}`;
  console.log(`seeding ${name} with ${TICKER} (10 filings, 50 transactions)`);
  await seed(base.toString());
  const api = await start('api', ['--database', base.toString(), '--key', API_KEY]);
  const headers = { 'x-api-key': API_KEY };
  const route = `${api.url}/api/v1/form4/${TICKER}`;
  const warm = await fetch(route, { headers });
  const text = await warm.text();
  const count = (JSON.parse(text) as { count: number }).count;
  console.log(`GET /api/v1/form4/${TICKER}: ${warm.status}, ${count} transactions, ${text.length} bytes`);
  const again = await fetch(route, { headers });
  console.log(
    `second request: X-Cache ${again.headers.get('x-cache')}, RateLimit-Limit ${again.headers.get('ratelimit-limit')}`,
  );
  // The bare route answers the same bytes, so the comparison is about the edge, not body size.
  const redis = new Redis(loadConfig(process.env).redisUrl);
  const bareKey = `bench:api:${randomBytes(4).toString('hex')}`;
  await redis.set(bareKey, text, 'EX', 3600);
  await redis.set(`${bareKey}:small`, JSON.stringify({ ticker: TICKER, count: 0 }), 'EX', 3600);
  const bare = await start('bare', ['--key', bareKey]);
  try {
    console.log(`autocannon: ${values.connections} connections, ${values.seconds} s each`);
    const smallFigures = await load(`${bare.url}/small`, {});
    const bareFigures = await load(bare.url, {});
    const apiFigures = await load(route, headers);
    const line = (label: string, f: Figures) =>
      `${label.padEnd(34)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${f.p50} ms   p99 ${f.p99} ms   non-2xx ${f.non2xx}`;
    console.log(line('bare Koa route, Redis GET, 30 B', smallFigures));
    console.log(line('bare Koa route, Redis GET, same body', bareFigures));
    console.log(line('form4 (cache, key auth, rate limit)', apiFigures));
    console.log(
      `p99 ratio (api/bare, same body): ${(apiFigures.p99 / bareFigures.p99).toFixed(2)} (target ≤ 1.5)`,
    );
    console.log(
      `req/s ratio (api/bare, same body): ${(apiFigures.rps / bareFigures.rps).toFixed(2)} (target ≥ 0.6)`,
    );
  } finally {
    api.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await redis.del(bareKey, `${bareKey}:small`);
    redis.disconnect();
    await dropDatabase(base.toString());
  }
}

if (values.serve) {
  serve(values.serve).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
