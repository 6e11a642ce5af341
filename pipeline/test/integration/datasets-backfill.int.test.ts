/**
 * History from the SEC's Insider Transactions Data Sets, end to end: `sec-tracker backfill
 * --datasets` (a real process) downloads the fake EDGAR's quarterly zips at the SEC's path, the
 * records go through real Kafka to the aggregator and loader, and the API answers. Then the XML of
 * the same filings (`backfill --ticker`) replaces the dataset versions in place, with the
 * aggregates corrected; broken zips fail their quarter clearly and lose nothing already loaded.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApi } from '../../../api/src/main';
import type { RunningApi } from '../../../api/src/main';
import { FIXTURES_DIR, startFakeEdgar } from '../../../devtools/fake-edgar';
import type { FakeEdgar } from '../../../devtools/fake-edgar';
import { buildDatasetZip } from '../../../devtools/datasets/build-zip';
import { createTableWriter } from '../../../devtools/datasets/write-tables';
import { quarterOf } from '../../../devtools/fake-edgar/dataset-zip';
import type { Config } from '../../src/config/config';
import { REPO_ROOT } from '../../src/paths';
import { runStages } from '../../src/runtime/run-stages';
import type { RunningPipeline } from '../../src/runtime/run-stages';
import { createPool } from '../../src/shared/db/pool';
import { createKafka } from '../../src/shared/kafka/client';
import { topicOffsets } from '../../src/shared/kafka/group-offsets';
import { groupName, topicName } from '../../src/topics';
import { addDecimals } from '../../src/shared/decimal';
import { createMetrics } from '../../src/shared/metrics/metrics';
import type { OwnershipFiling } from '../../src/stages/parser/model';
import { parseFiling } from '../../src/stages/parser/parse-filing';
import {
  cliEnvAgainstFakeEdgar,
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

jest.setTimeout(240_000);

const BIN = path.join(REPO_ROOT, 'cli', 'bin', 'sec-tracker.js');
const QUARTERS = ['2026q1', '2026q2'];

/** The fixtures as the XML parser reads them (the truth the dataset path must match). */
const xmlFilings: OwnershipFiling[] = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => {
    const text = readFileSync(path.join(FIXTURES_DIR, f), 'latin1');
    const filed = /FILED AS OF DATE:\s*(\d{8})/.exec(text)?.[1] ?? '';
    const o = parseFiling(readFileSync(path.join(FIXTURES_DIR, f)));
    return o.ok && QUARTERS.includes(quarterOf(filed)) ? [o.filing] : [];
  });

let fake: FakeEdgar;
let db: { url: string; drop(): Promise<void> };
let config: Config;
let pipeline: RunningPipeline;
let api: RunningApi;
let pool: ReturnType<typeof createPool>;

function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  let output = '';
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: cliEnvAgainstFakeEdgar(config, db.url, fake),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** True once the loader's and the aggregator's stored offsets reach the end of both parsed topics. */
async function caughtUp(): Promise<true | undefined> {
  const kafka = createKafka(config, testLogger);
  for (const key of ['filingsParsed', 'transactions'] as const) {
    const topic = topicName(config.topicPrefix, key);
    const end = (await topicOffsets(kafka, topic)).high.reduce((n, p) => n + BigInt(p.offset), 0n);
    for (const stage of ['loader', 'aggregator'] as const) {
      const r = await one<{ n: string | null }>(
        'SELECT sum(next_offset)::text AS n FROM loader_offsets WHERE group_id = $1 AND topic = $2',
        [groupName(config, stage), topic],
      );
      if (BigInt(r.n ?? '0') < end) {
        return undefined;
      }
    }
  }
  return true;
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await pool.query(sql, params)).rows[0] as T;
}

const tableCounts = () =>
  one<{ filings: string; transactions: string; holdings: string }>(
    `SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(*) FROM transactions) AS transactions,
            (SELECT count(*) FROM holdings) AS holdings`,
  );

const expectedRows = (kind: 'transaction' | 'holding') =>
  xmlFilings.reduce((n, f) => n + f.rows.filter((r) => r.rowType === kind).length, 0);

/** A plain (not amended) ACME Form 4 with transactions. */
const acmeAccession = (): string =>
  xmlFilings.find(
    (f) =>
      f.issuer.ticker === 'ACME' && f.documentType === '4' && f.rows.some((r) => r.rowType === 'transaction'),
  )!.accessionNumber!;

interface FilingView {
  provenance: string;
  flags: string[];
  transactions: { provenance: string }[];
}

async function filingViaApi(accession: string): Promise<FilingView> {
  const res = await fetch(`${api.url}/api/v1/filings/${accession}`);
  expect(res.status).toBe(200);
  return (await res.json()) as FilingView;
}

/** Days of ACME whose trades come from one plain Form 4 outside any amendment chain. */
function plainAcmeDays(): Map<string, string> {
  const acme = xmlFilings.filter((f) => f.issuer.ticker === 'ACME');
  const amendedPeriods = new Set(
    acme.filter((f) => f.documentType.endsWith('/A')).map((f) => f.periodOfReport),
  );
  const byDay = new Map<string, { filings: Set<string>; value: string; plain: boolean }>();
  for (const f of acme) {
    for (const r of f.rows) {
      if (
        r.transactionDate === null ||
        (r.kind !== 'open_market_sale' && r.kind !== 'open_market_purchase')
      ) {
        continue;
      }
      const d = byDay.get(r.transactionDate) ?? { filings: new Set(), value: '0', plain: true };
      d.filings.add(f.accessionNumber!);
      d.value = addDecimals(d.value, r.value ?? '0');
      d.plain &&= f.documentType === '4' && !amendedPeriods.has(f.periodOfReport);
      byDay.set(r.transactionDate, d);
    }
  }
  return new Map(
    [...byDay].filter(([, d]) => d.plain && d.filings.size === 1).map(([day, d]) => [day, d.value]),
  );
}

async function acmeDayValues(days: string[]): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ day: string; v: string }>(
    `SELECT date::text AS day, (purchase_value + sale_value)::text AS v FROM daily_summaries
      WHERE issuer_ticker = 'ACME' AND date::text = ANY($1)`,
    [days],
  );
  return new Map(rows.map((r) => [r.day, Number(r.v)]));
}

beforeAll(async () => {
  fake = await startFakeEdgar({ dir: FIXTURES_DIR });
  db = await createTestDatabase('datasets');
  const prefix = randomPrefix('datasets');
  config = testConfig({ TOPIC_PREFIX: prefix, SEC_BUDGET_KEY: `${prefix}sec-budget`, DATABASE_URL: db.url });
  await createTestTopics(config);
  const metrics = createMetrics({ process: 'datasets-int' });
  // No crawler stage: the XML of the filings arrives only when the test asks for it.
  pipeline = await runStages(config, testLogger, ['parser', 'aggregator', 'loader'], {
    metrics,
    metricsPort: 0,
  });
  api = await startApi(config, testLogger, metrics, 0);
  pool = createPool({ databaseUrl: db.url }, testLogger, 2);
});

afterAll(async () => {
  await api?.close();
  await pipeline?.close();
  await pool?.end();
  await fake?.close();
  await db?.drop();
}, 60_000);

describe('sec-tracker backfill --datasets against the fake EDGAR', () => {
  it('downloads each quarter at the SEC path with the User-Agent, and the API serves what it loaded', async () => {
    expect(xmlFilings.length).toBeGreaterThan(8);
    const run = await cli(['backfill', '--datasets', QUARTERS.join('..')]);
    expect(run.output).toMatch(/quarters \[#+\] 2\/2 .*filings \d+ {2}rows \d+/);
    expect(run.output).toContain(`done: 2/2 quarters done, 0 failed; this run: ${xmlFilings.length} filings`);
    expect(run.code).toBe(0);
    const zips = fake.requests.filter((r) =>
      r.path.startsWith('/files/structureddata/data/form-345-data-sets/'),
    );
    expect(zips.map((r) => [r.path, r.status, r.userAgent])).toEqual(
      QUARTERS.map((q) => [
        `/files/structureddata/data/form-345-data-sets/${q}_form345.zip`,
        200,
        'sec-tracker tests tests@example.com',
      ]),
    );
    await waitFor('the loader to store every dataset row', async () => {
      const c = await tableCounts();
      return Number(c.filings) === xmlFilings.length &&
        Number(c.transactions) === expectedRows('transaction') &&
        Number(c.holdings) === expectedRows('holding')
        ? c
        : undefined;
    });
    const provenance = await pool.query<{ provenance: string; n: string }>(
      'SELECT provenance, count(*) AS n FROM filings GROUP BY provenance ORDER BY provenance',
    );
    expect(provenance.rows.map((r) => r.provenance)).toEqual(QUARTERS.map((q) => `dataset:${q}`));
    const acmeSales = xmlFilings
      .filter((f) => f.issuer.ticker === 'ACME')
      .flatMap((f) => f.rows.filter((r) => r.rowType === 'transaction'));
    // The route applies amendments: the 4/A 0009995001-26-000123 restates the three rows of
    // 0009995001-26-000101 (2026-03-02 P 1500.5, 2026-03-03 P 800 and P 2000 → 2200), so each pair
    // is listed once, as corrected. Loaded from a data set, the amendment is recognised the same way.
    const restatedByTheAmendment = 3;
    const acmeListed = acmeSales.length - restatedByTheAmendment;
    const body = await waitFor('the API to serve ACME', async () => {
      const res = await fetch(`${api.url}/api/v1/form4/ACME?limit=1000&include_derivative=true`);
      const json =
        res.status === 200 ? ((await res.json()) as { count: number; transactions: unknown[] }) : null;
      return json && json.count === acmeListed ? json : undefined;
    });
    expect(body.count).toBe(acmeListed);
    // Rounded as the data set rounds: 12.3456 filed reads 12.35, and the row says so.
    const rounded = await one<{ price: string; flags: string[] }>(
      `SELECT price_per_share::text AS price, flags FROM transactions WHERE issuer_ticker = 'ACME'
        AND provenance LIKE 'dataset:%' AND price_per_share = 12.35 LIMIT 1`,
    );
    expect(rounded.price).toBe('12.35');
    expect(rounded.flags).toContain('rounded');
    // The API says where a filing and each of its rows came from.
    const document = await filingViaApi(acmeAccession());
    expect(document.provenance).toMatch(/^dataset:20\d\dq[1-4]$/);
    expect(document.transactions.map((t) => t.provenance)).toEqual(
      document.transactions.map(() => document.provenance),
    );
    expect(document.flags).toContain('rounded');
    await waitFor('the aggregates of ACME', async () =>
      (await acmeDayValues([...plainAcmeDays().keys()])).size > 0 ? true : undefined,
    );
  });

  it('skips finished quarters on a second run (resumable) without downloading them again', async () => {
    fake.requests.length = 0;
    const run = await cli(['backfill', '--datasets', QUARTERS.join(',')]);
    expect(run.code).toBe(0);
    expect(run.output).toContain(
      'done: 2/2 quarters done (2 already done earlier), 0 failed; this run: 0 filings',
    );
    expect(fake.requests.filter((r) => r.path.includes('form-345-data-sets'))).toEqual([]);
  });

  it('reports a missing quarter, a corrupt or truncated zip, a missing table and an unknown column, and loses nothing', async () => {
    const before = await tableCounts();
    const dir = mkdtempSync(path.join(tmpdir(), 'datasets-'));
    const writer = createTableWriter();
    xmlFilings
      .slice(0, 2)
      .forEach((f) => writer.add({ ...f, accessionNumber: `0009999999-24-00000${f.rows.length}` }));
    const tables = writer.tsv();
    const good = await buildDatasetZip(tables);
    writeFileSync(path.join(dir, '2024q1_form345.zip'), good.subarray(0, good.length / 2));
    writeFileSync(path.join(dir, '2024q2_form345.zip'), Buffer.from('<html>not a zip</html>'));
    const { FOOTNOTES: _gone, ...seven } = tables;
    writeFileSync(path.join(dir, '2024q3_form345.zip'), await buildDatasetZip(seven));
    const extra = {
      ...tables,
      SUBMISSION: tables.SUBMISSION.replace('AFF10B5ONE', 'AFF10B5ONE\tNEW_COLUMN'),
    };
    writeFileSync(path.join(dir, '2024q4_form345.zip'), await buildDatasetZip(extra));
    const run = await cli(['backfill', '--datasets', '2023q4..2024q4', '--datasets-dir', dir]);
    expect(run.code).toBe(1);
    const failed = run.output.split('\n').filter((l) => l.startsWith('failed: '));
    expect(failed).toEqual([
      expect.stringMatching(/^failed: 2023q4: NO_ZIP: 2023q4: .*2023q4_form345\.zip does not exist$/),
      expect.stringMatching(/^failed: 2024q1: CORRUPT_ZIP: 2024q1: /),
      expect.stringMatching(/^failed: 2024q2: CORRUPT_ZIP: 2024q2: not a readable zip/),
      'failed: 2024q3: MISSING_TABLE: 2024q3: table(s) FOOTNOTES missing from the zip',
      expect.stringMatching(
        /^failed: 2024q4: UNKNOWN_COLUMN: 2024q4: SUBMISSION: unknown column "NEW_COLUMN"/,
      ),
    ]);
    expect(run.output).toContain('0/5 quarters done, 5 failed; this run: 0 filings');
    expect(await tableCounts()).toEqual(before);
    const remembered = await pool.query('SELECT quarter FROM dataset_quarters ORDER BY quarter');
    expect(remembered.rows.map((r: { quarter: string }) => r.quarter)).toEqual(QUARTERS);
    // A quarter EDGAR has not published: a clear failure too.
    const unpublished = await cli(['backfill', '--datasets', '2025q4']);
    expect(unpublished.code).toBe(1);
    expect(unpublished.output).toMatch(
      /failed: 2025q4: NO_ZIP: 2025q4: EDGAR has no data set at \S+2025q4_form345\.zip/,
    );
  });

  it('replaces the dataset version in place when the XML is fetched later, and corrects the aggregates', async () => {
    const plain = plainAcmeDays();
    const datasetValues = await acmeDayValues([...plain.keys()]);
    // At least one day's dataset total differs from the exact XML total (rounded prices).
    expect([...plain].some(([day, v]) => datasetValues.get(day) !== Number(v))).toBe(true);
    const run = await cli(['backfill', '--ticker', 'ACME']);
    expect(run.code).toBe(0);
    const acme = xmlFilings.filter((f) => f.issuer.ticker === 'ACME');
    await waitFor('every ACME filing and row to be the xml version', async () => {
      const r = await one<{ n: string }>(
        `SELECT count(*) AS n FROM (SELECT provenance FROM filings WHERE issuer_ticker = 'ACME'
           UNION ALL SELECT provenance FROM transactions WHERE issuer_ticker = 'ACME'
           UNION ALL SELECT provenance FROM holdings WHERE issuer_ticker = 'ACME') p WHERE provenance <> 'xml'`,
      );
      return Number(r.n) === 0 ? true : undefined;
    });
    // Served from the API's cache until the loader's version bump reaches it (the staleness bound).
    const upgraded = await waitFor('the API to serve the xml version', async () => {
      const view = await filingViaApi(acmeAccession());
      return view.provenance === 'xml' ? view : undefined;
    });
    expect(upgraded.transactions.map((t) => t.provenance)).toEqual(upgraded.transactions.map(() => 'xml'));
    expect(upgraded.flags).not.toContain('rounded');
    // No duplicate: exactly the XML's rows, with the XML's exact numbers.
    for (const f of acme) {
      const { rows } = await pool.query<{ position: number; price: string | null; shares: string | null }>(
        `SELECT position, price_per_share::text AS price, shares::text AS shares FROM transactions
          WHERE accession_number = $1 ORDER BY position`,
        [f.accessionNumber],
      );
      const want = f.rows.filter((r) => r.rowType === 'transaction');
      expect(
        rows.map((r) => [r.position, r.price === null ? null : Number(r.price), Number(r.shares)]),
      ).toEqual(
        want.map((r) => [
          r.position,
          r.pricePerShare === null ? null : Number(r.pricePerShare),
          Number(r.shares),
        ]),
      );
    }
    expect(await tableCounts()).toMatchObject({ filings: String(xmlFilings.length) });
    await waitFor('the aggregates of ACME to be the exact XML totals', async () => {
      const now = await acmeDayValues([...plain.keys()]);
      return [...plain].every(([day, v]) => Math.abs((now.get(day) ?? NaN) - Number(v)) < 1e-6)
        ? true
        : undefined;
    });
    const agg = await one<{ n: string }>(
      `SELECT count(*) AS n FROM aggregator_rows WHERE issuer_ticker = 'ACME' AND provenance <> 'xml'`,
    );
    expect(agg.n).toBe('0');
  });

  it('backfill --upgrade-from-xml fetches the XML of every filing still loaded from a data set', async () => {
    const left = await one<{ n: string }>(`SELECT count(*) AS n FROM filings WHERE provenance <> 'xml'`);
    expect(Number(left.n)).toBeGreaterThan(0);
    const before = await tableCounts();
    const run = await cli(['backfill', '--upgrade-from-xml']);
    expect(run.output).toMatch(new RegExp(`done: job upgrade:${left.n}:\\w+: ${left.n} produced`));
    expect(run.code).toBe(0);
    await waitFor('every filing, row and aggregated row to be the xml version', async () => {
      const r = await one<{ n: string }>(
        `SELECT count(*) AS n FROM (SELECT provenance FROM filings UNION ALL SELECT provenance FROM transactions
           UNION ALL SELECT provenance FROM holdings UNION ALL SELECT provenance FROM aggregator_rows) p
          WHERE provenance <> 'xml'`,
      );
      // The filings and rows topics are loaded independently: the xml rows may land after their filing.
      return r.n === '0' && JSON.stringify(await tableCounts()) === JSON.stringify(before) ? true : undefined;
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('does not let a dataset version overwrite the xml one when a quarter is produced again', async () => {
    await pool.query(`DELETE FROM dataset_quarters`);
    const run = await cli(['backfill', '--datasets', QUARTERS.join(',')]);
    expect(run.code).toBe(0);
    expect(run.output).toContain(`this run: ${xmlFilings.length} filings`);
    await waitFor('the loader and the aggregator to consume every record produced', caughtUp, 120_000, 1000);
    const r = await one<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT provenance FROM filings
         UNION ALL SELECT provenance FROM transactions UNION ALL SELECT provenance FROM holdings
         UNION ALL SELECT provenance FROM aggregator_rows) p WHERE provenance <> 'xml'`,
    );
    expect(r.n).toBe('0');
    expect(await tableCounts()).toEqual({
      filings: String(xmlFilings.length),
      transactions: String(expectedRows('transaction')),
      holdings: String(expectedRows('holding')),
    });
  });
});
