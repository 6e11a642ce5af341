/**
 * `sec-tracker backfill` as real processes against the fake EDGAR and real Kafka, Postgres and
 * Redis: interrupted and crashed runs resume without losing filings, two processes split one job,
 * and together they never exceed the shared request cap.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../src/config/config';
import {
  FIXTURES_DIR,
  buildOwnershipSubmission,
  maxRequestsInWindow,
  startFakeEdgar,
  syntheticAccession,
} from '../../../devtools/fake-edgar';
import type { FakeEdgar } from '../../../devtools/fake-edgar';
import { REPO_ROOT } from '../../src/paths';
import { createPool } from '../../src/shared/db/pool';
import { startBatchConsumer } from '../../src/shared/kafka/consumer';
import { createKafka } from '../../src/shared/kafka/client';
import { topicOffsets } from '../../src/shared/kafka/group-offsets';
import { weekdaysBetween } from '../../src/stages/crawler/index-calendar';
import { topicName } from '../../src/topics';
import {
  cliEnvAgainstFakeEdgar,
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

jest.setTimeout(180_000);

const BIN = path.join(REPO_ROOT, 'cli', 'bin', 'sec-tracker.js');
const ISSUERS = [
  { cik: '0009990001', name: 'Acme Robotics Inc', ticker: 'ACME' },
  { cik: '0009990002', name: 'Borealis Bioworks Corp.', ticker: 'BRLS' },
];

let fake: FakeEdgar;
let db: { url: string; drop(): Promise<void> };
let config: Config;
let pool: ReturnType<typeof createPool>;
let serial = 0;

/** `perDay` Form 4s on each weekday of [from, to], accepted during the trading day. */
function addFilingsOn(from: string, to: string, perDay: number): string[] {
  const out: string[] = [];
  for (const day of weekdaysBetween(from, to)) {
    for (let i = 0; i < perDay; i++) {
      const n = ++serial;
      out.push(
        fake.addFiling(
          buildOwnershipSubmission({
            accessionNumber: syntheticAccession(n, '0009997001'),
            acceptedAt: new Date(Date.parse(`${day}T10:00:00-04:00`) + i * 97_000),
            issuer: ISSUERS[n % 2]!,
            owners: [{ cik: String(9991100 + (n % 7)).padStart(10, '0'), name: `Insider Number ${n % 7}` }],
            purchases: [{ shares: `${100 + n}.5`, price: '12.3456' }],
          }),
        ),
      );
    }
  }
  return out;
}

const ownershipFiledBetween = (from: string, to: string): string[] =>
  fake
    .filings()
    .filter((f) => /^[345](\/A)?$/.test(f.formType))
    .filter((f) => {
      const d = `${f.filedAsOf.slice(0, 4)}-${f.filedAsOf.slice(4, 6)}-${f.filedAsOf.slice(6)}`;
      return d >= from && d <= to;
    })
    .map((f) => f.accessionNumber)
    .sort();

interface CliRun {
  exited: Promise<number | null>;
  /** Exit code once exited, undefined while running. */
  code(): number | null | undefined;
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

function backfill(args: string[], env: Record<string, string> = {}): CliRun {
  let out = '';
  const child = spawn(process.execPath, [BIN, 'backfill', ...args], {
    cwd: REPO_ROOT,
    env: { ...cliEnvAgainstFakeEdgar(config, db.url, fake), CRAWL_CONCURRENCY: '3', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let code: number | null | undefined;
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return {
    exited: new Promise((resolve) =>
      child.on('exit', (c, signal) => {
        code = c ?? (signal ? -1 : null);
        resolve(code);
      }),
    ),
    code: () => code,
    output: () => out,
    kill: (signal) => child.kill(signal),
  };
}

async function doneCount(accessions: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM crawl_filings WHERE state = 'done' AND accession_number = ANY($1)`,
    [accessions],
  );
  return Number(rows[0]!.n);
}

/** Waits until `enough` filings are done while the process runs; its output explains a failure. */
async function whileRunning(run: CliRun, accessions: string[], enough: number): Promise<void> {
  try {
    await waitFor(
      `${enough} filings done`,
      async () => {
        if (run.code() !== undefined) {
          throw new Error(`backfill exited early with ${String(run.code())}`);
        }
        return (await doneCount(accessions)) >= enough ? true : undefined;
      },
      90_000,
      50,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- backfill output ---\n${run.output()}`, { cause: err });
  }
}

/** The exit code; the output is printed when it is not one a test expects. */
async function exitCode(run: CliRun): Promise<number | null> {
  const code = await run.exited;
  if (code !== 0 && code !== 130 && code !== -1) {
    process.stdout.write(`--- backfill output ---\n${run.output()}\n`);
  }
  return code;
}

async function rawCounts(): Promise<Map<string, number>> {
  const kafka = createKafka(config, testLogger);
  const topic = topicName(config.topicPrefix, 'filingsRaw');
  const { low, high } = await topicOffsets(kafka, topic);
  const total =
    high.reduce((n, h) => n + Number(h.offset), 0) - low.reduce((n, l) => n + Number(l.offset), 0);
  const seen = new Map<string, number>();
  let count = 0;
  const consumer = await startBatchConsumer(kafka, {
    groupId: `${config.topicPrefix}reader-${++serial}`,
    topics: [topic],
    logger: testLogger,
    handle: (batch) => {
      for (const m of batch.messages) {
        seen.set(m.key ?? '', (seen.get(m.key ?? '') ?? 0) + 1);
      }
      count += batch.messages.length;
      return Promise.resolve();
    },
  });
  try {
    await waitFor('every raw message', () => Promise.resolve(count >= total ? true : undefined), 60_000);
  } finally {
    await consumer.stop();
  }
  return seen;
}

beforeAll(async () => {
  // Small submissions pages, so a company history spans several JSON files.
  fake = await startFakeEdgar({
    dir: FIXTURES_DIR,
    now: () => new Date('2026-07-15T12:00:00-04:00'),
    submissionsRecentLimit: 3,
    submissionsPageSize: 20,
  });
  db = await createTestDatabase('crawl_backfill');
  const prefix = randomPrefix('crawl-backfill');
  // A pacer of its own: this file measures request rates.
  config = testConfig({ TOPIC_PREFIX: prefix, SEC_BUDGET_KEY: `${prefix}sec-budget`, DATABASE_URL: db.url });
  await createTestTopics(config);
  pool = createPool(config, testLogger);
});

afterAll(async () => {
  await pool?.end();
  await fake?.close();
  await db?.drop();
});

it('a backfill interrupted with Ctrl-C resumes without losing or repeating a filing', async () => {
  addFilingsOn('2026-04-01', '2026-04-30', 3);
  const expected = ownershipFiledBetween('2026-04-01', '2026-04-30');
  const first = backfill(['--from', '2026-04-01', '--to', '2026-04-30']);
  await whileRunning(first, expected, Math.ceil(expected.length / 3));
  first.kill('SIGINT');
  expect(await exitCode(first)).toBe(130);
  expect(first.output()).toMatch(/interrupted: job range:2026-04-01:2026-04-30:3,4,5/);
  expect(first.output()).toMatch(/\[[#.]{30}\] \d+\/\d+ /);
  const doneAfterFirst = await doneCount(expected);
  expect(doneAfterFirst).toBeLessThan(expected.length);

  const second = backfill(['--from', '2026-04-01', '--to', '2026-04-30']);
  expect(await exitCode(second)).toBe(0);
  expect(second.output()).toMatch(
    new RegExp(
      `done: job \\S+ \\(resumed\\): ${expected.length} produced or already done, 0 skipped, 0 failed, 0 left`,
    ),
  );
  const counts = await rawCounts();
  expect([...counts.keys()].sort()).toEqual(expected);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  // The second run fetched only what the first had not.
  const fetched = fake.requests.filter((r) => r.path.endsWith('.txt')).length;
  expect(fetched).toBe(expected.length);
});

it('a crashed backfill (kill -9) resumes without loss; what it produced twice is counted', async () => {
  const added = addFilingsOn('2026-05-01', '2026-05-29', 2);
  const expected = ownershipFiledBetween('2026-05-01', '2026-05-31');
  expect(expected.length).toBeGreaterThan(added.length);
  const first = backfill(['--from', '2026-05-01', '--to', '2026-05-31'], { CRAWL_LEASE_SECONDS: '5' });
  await whileRunning(first, expected, 10);
  first.kill('SIGKILL');
  await first.exited;
  const second = backfill(['--from', '2026-05-01', '--to', '2026-05-31'], { CRAWL_LEASE_SECONDS: '5' });
  expect(await exitCode(second)).toBe(0);
  const counts = await rawCounts();
  const ledger = await pool.query<{ accession_number: string; produced_count: number }>(
    `SELECT accession_number, produced_count FROM crawl_filings WHERE accession_number = ANY($1)`,
    [expected],
  );
  expect(ledger.rows).toHaveLength(expected.length);
  for (const r of ledger.rows) {
    expect(counts.get(r.accession_number)).toBe(r.produced_count);
  }
  const duplicates = ledger.rows.reduce((n, r) => n + r.produced_count - 1, 0);
  // At most the filings in flight when the process died (CRAWL_CONCURRENCY=3).
  expect(duplicates).toBeLessThanOrEqual(3);
});

it('two backfill processes split one job, and together stay under the shared rate cap', async () => {
  addFilingsOn('2026-06-01', '2026-06-30', 4);
  const expected = ownershipFiledBetween('2026-06-01', '2026-06-30');
  fake.requests.length = 0;
  const a = backfill(['--from', '2026-06-01', '--to', '2026-06-30'], {
    SEC_USER_AGENT: 'Crawler A a@example.com',
  });
  const b = backfill(['--from', '2026-06-01', '--to', '2026-06-30'], {
    SEC_USER_AGENT: 'Crawler B b@example.com',
  });
  expect(await exitCode(a)).toBe(0);
  expect(await exitCode(b)).toBe(0);
  const txt = fake.requests.filter((r) => r.path.endsWith('.txt'));
  const byA = txt.filter((r) => r.userAgent?.startsWith('Crawler A')).length;
  const byB = txt.filter((r) => r.userAgent?.startsWith('Crawler B')).length;
  expect(byA).toBeGreaterThan(expected.length / 5);
  expect(byB).toBeGreaterThan(expected.length / 5);
  expect(new Set(txt.map((r) => r.path)).size).toBe(txt.length);
  expect(txt).toHaveLength(expected.length);
  const counts = await rawCounts();
  expect(expected.every((acc) => counts.get(acc) === 1)).toBe(true);
  const peak = maxRequestsInWindow(
    fake.requests.map((r) => r.at),
    1000,
  );
  // The cap is the promise made to EDGAR; how close to it the crawl runs is a rate, measured by
  // `npm run bench:crawl`, not asserted here (a loaded machine would fail it).
  expect(peak).toBeLessThanOrEqual(10);
});

it('company history keeps only filings where that company is the issuer, and resolves tickers', async () => {
  // Jane Doe (CIK 9991001) is a reporting owner, never an issuer: her history produces nothing.
  const doe = backfill(['--cik', '9991001']);
  expect(await exitCode(doe)).toBe(0);
  expect(doe.output()).toMatch(
    /done: job company:0009991001:3,4,5: 0 produced or already done, 2 skipped, 0 failed, 0 left/,
  );
  const skipped = await pool.query<{ accession_number: string; last_error: string }>(
    `SELECT accession_number, last_error FROM crawl_filings WHERE state = 'skipped' ORDER BY 1`,
  );
  expect(skipped.rows).toEqual([
    { accession_number: '0009995001-26-000101', last_error: 'not_issuer:0009991001' },
    { accession_number: '0009995001-26-000123', last_error: 'not_issuer:0009991001' },
  ]);

  // ACME's history, by ticker: every filing ACME issued, including the two Doe's job skipped.
  fake.requests.length = 0;
  const acme = backfill(['--ticker', 'acme', '--forms', '4']);
  expect(await exitCode(acme)).toBe(0);
  const issuedByAcme = fake
    .filings()
    .filter((f) => f.issuer?.cik === '0009990001' && /^4(\/A)?$/.test(f.formType))
    .map((f) => f.accessionNumber)
    .sort();
  expect(acme.output()).toContain(
    `${issuedByAcme.length} produced or already done, 0 skipped, 0 failed, 0 left`,
  );
  expect(fake.requests.some((r) => r.path === '/files/company_tickers.json')).toBe(true);
  const pages = fake.requests
    .filter((r) => r.path.startsWith('/data.sec.gov/submissions/CIK0009990001'))
    .map((r) => r.path);
  expect(pages.length).toBeGreaterThan(2);
  expect(pages).toContain('/data.sec.gov/submissions/CIK0009990001-submissions-002.json');
  const counts = await rawCounts();
  expect(issuedByAcme.every((acc) => counts.get(acc) === 1)).toBe(true);
  const map = await pool.query<{ ticker: string; cik: string; first_seen: string; last_seen: string }>(
    `SELECT ticker, cik, first_seen, last_seen FROM ticker_map WHERE ticker = 'ACME'`,
  );
  expect(map.rows).toHaveLength(1);
  expect(map.rows[0]).toMatchObject({ ticker: 'ACME', cik: '0009990001' });
  expect(map.rows[0]!.first_seen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});
