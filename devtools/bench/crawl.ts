/**
 * `npm run bench:crawl`: how close the crawler gets to SEC's request cap without crossing it.
 *
 * Serves ≥ 2,000 generated Form 4s from the fake EDGAR (in this process, so its request log is
 * the measurement), then runs `sec-tracker backfill` over them as real processes (2 by default,
 * sharing one Redis pacer) with SEC_RATE_LIMIT=10, against the local Kafka, Postgres and Redis.
 * Prints the achieved request rate divided by the cap (target ≥ 0.95) and the largest number of
 * requests the fake EDGAR saw in any sliding one-second window (must be ≤ the cap).
 *
 * Options: --filings N (default 2100), --processes N (default 2), --rate R (default 10).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../pipeline/src/config/config';
import {
  buildOwnershipSubmission,
  maxRequestsInWindow,
  startFakeEdgar,
  syntheticAccession,
} from '../fake-edgar';
import { REPO_ROOT, SQL_DIR } from '../../pipeline/src/paths';
import { dropDatabase, ensureDatabase } from '../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { ensureTopics } from '../../pipeline/src/shared/kafka/admin';
import { createKafka } from '../../pipeline/src/shared/kafka/client';
import { createLogger } from '../../pipeline/src/shared/logger';
import { weekdaysBetween } from '../../pipeline/src/stages/crawler/index-calendar';
import { allTopics } from '../../pipeline/src/topics';

const { values } = parseArgs({
  options: {
    filings: { type: 'string', default: '2100' },
    processes: { type: 'string', default: '2' },
    rate: { type: 'string', default: '10' },
  },
});
const FILINGS = Number(values.filings);
const PROCESSES = Number(values.processes);
const RATE = Number(values.rate);
const FROM = '2026-01-05';
const TO = '2026-03-31';

function runBackfill(
  env: NodeJS.ProcessEnv,
  label: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'cli/bin/sec-tracker.js'), 'backfill', '--from', FROM, '--to', TO],
      {
        cwd: REPO_ROOT,
        env: { ...env, SEC_USER_AGENT: `sec-tracker bench ${label} bench@example.com` },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
      if (label === 'p1') {
        process.stderr.write(c);
      }
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

async function main(): Promise<void> {
  const logger = createLogger('warn', { component: 'bench' });
  const base = loadConfig();
  const days = weekdaysBetween(FROM, TO);
  const perDay = Math.ceil(FILINGS / days.length);
  const emptyDir = await mkdtemp(path.join(tmpdir(), 'bench-crawl-'));
  const fake = await startFakeEdgar({ dir: emptyDir, now: () => new Date('2026-04-15T12:00:00-04:00') });
  let n = 0;
  for (const day of days) {
    for (let i = 0; i < perDay && n < FILINGS; i++) {
      n++;
      fake.addFiling(
        buildOwnershipSubmission({
          accessionNumber: syntheticAccession(n, '0009996001'),
          acceptedAt: new Date(Date.parse(`${day}T09:30:00-05:00`) + i * 61_000),
          issuer: {
            cik: String(9995000 + (n % 40)).padStart(10, '0'),
            name: `Bench Issuer ${n % 40} Inc`,
            ticker: `BI${n % 40}`,
          },
          owners: [{ cik: String(9994000 + (n % 300)).padStart(10, '0'), name: `Bench Insider ${n % 300}` }],
          purchases: [{ shares: `${100 + (n % 900)}.25`, price: '12.3456' }],
        }),
      );
    }
  }

  const dbUrl = new URL(base.databaseUrl);
  const dbName = `sec_tracker_bench_crawl_${randomBytes(3).toString('hex')}`;
  dbUrl.pathname = `/${dbName}`;
  const prefix = `bench-crawl-${randomBytes(3).toString('hex')}.`;
  await ensureDatabase(dbUrl.toString());
  const pool = createPool({ databaseUrl: dbUrl.toString() }, logger, 1);
  await migrate(pool, SQL_DIR, logger);
  await pool.end();
  await ensureTopics(createKafka(base, logger), allTopics(prefix));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    TOPIC_PREFIX: prefix,
    // The bench measures the pacer: one of its own, not the host's shared SEC budget.
    SEC_BUDGET_KEY: `${prefix}sec-budget`,
    EDGAR_BASE_URL: fake.baseUrl,
    EDGAR_DATA_BASE_URL: fake.dataBaseUrl,
    SEC_RATE_LIMIT: String(RATE),
    CRAWL_CONCURRENCY: '4',
    LOG_LEVEL: 'warn',
  };
  process.stderr.write(
    `bench:crawl: ${n} filings over ${days.length} days, ${PROCESSES} backfill process(es), cap ${RATE} req/s\n`,
  );
  const results = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) => runBackfill(env, `p${i + 1}`)),
  );
  process.stderr.write('\n');

  const requests = [...fake.requests].sort((a, b) => a.at - b.at);
  const filingRequests = requests.filter((r) => r.path.endsWith('.txt'));
  const distinct = new Set(filingRequests.filter((r) => r.status === 200).map((r) => r.path)).size;
  const spanS = (requests[requests.length - 1]!.at - requests[0]!.at) / 1000;
  const achieved = (requests.length - 1) / spanS;
  const peak = maxRequestsInWindow(
    requests.map((r) => r.at),
    1000,
  );
  const perProcess = results.map(
    (_, i) => requests.filter((r) => r.userAgent?.includes(` p${i + 1} `) && r.path.endsWith('.txt')).length,
  );

  const lines = [
    '',
    `filings fetched:         ${distinct} of ${n} (${filingRequests.length} filing requests, ${requests.length} requests in all)`,
    `per process:             ${perProcess.join(' + ')}`,
    `elapsed (first→last):    ${spanS.toFixed(1)} s`,
    `achieved rate:           ${achieved.toFixed(2)} req/s`,
    `achieved rate / cap:     ${(achieved / RATE).toFixed(3)}   (target ≥ 0.95)`,
    `max in any 1 s window:   ${peak}   (must be ≤ ${RATE})`,
    `exit codes:              ${results.map((r) => r.code).join(', ')}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const ok = distinct === n && peak <= RATE && results.every((r) => r.code === 0);
  if (!ok) {
    for (const r of results) {
      if (r.code !== 0) {
        process.stdout.write(`--- backfill output ---\n${r.output}\n`);
      }
    }
  }

  await fake.close();
  await rm(emptyDir, { recursive: true, force: true });
  await dropDatabase(dbUrl.toString());
  process.exitCode = ok ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench:crawl failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
