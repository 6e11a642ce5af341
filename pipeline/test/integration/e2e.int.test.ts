import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startApi } from '../../../api/src/main';
import type { RunningApi } from '../../../api/src/main';
import { FIXTURES_DIR, startFakeEdgar } from '../../../devtools/fake-edgar';
import type { FakeEdgar } from '../../../devtools/fake-edgar';
import { runStages } from '../../src/runtime/run-stages';
import type { RunningPipeline } from '../../src/runtime/run-stages';
import { createMetrics } from '../../src/shared/metrics/metrics';
import { parseFiling } from '../../src/stages/parser/parse-filing';
import { describeKafka } from '../../src/shared/kafka/describe';
import {
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

/** What the bundled fixtures say about one ticker, derived with the pure parser (not hard-coded). */
function expectedTransactions(ticker: string) {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => parseFiling(readFileSync(path.join(FIXTURES_DIR, f))))
    .flatMap((o) =>
      o.ok && o.filing.issuer.ticker === ticker
        ? o.filing.rows.map((r) => ({ filing: o.filing, row: r }))
        : [],
    )
    .filter(({ row }) => row.rowType === 'transaction');
}

describe('end to end: fake EDGAR → crawler → Kafka → parser → aggregator → loader → Postgres → API', () => {
  let fake: FakeEdgar;
  let db: { url: string; drop(): Promise<void> };
  let pipeline: RunningPipeline;
  let api: RunningApi;

  beforeAll(async () => {
    fake = await startFakeEdgar({ dir: FIXTURES_DIR });
    db = await createTestDatabase('e2e');
    const prefix = randomPrefix('e2e');
    const config = testConfig({
      TOPIC_PREFIX: prefix,
      SEC_BUDGET_KEY: `${prefix}sec-budget`,
      DATABASE_URL: db.url,
      EDGAR_BASE_URL: fake.baseUrl,
      EDGAR_DATA_BASE_URL: fake.dataBaseUrl,
      SEC_USER_AGENT: 'sec-tracker tests tests@example.com',
      SEC_RATE_LIMIT: '10',
    });
    const kafka = await describeKafka(config, testLogger);
    process.stdout.write(`[e2e] talking to Kafka: ${kafka}\n`);
    await createTestTopics(config);
    const metrics = createMetrics({ process: 'e2e' });
    pipeline = await runStages(config, testLogger, ['crawler', 'parser', 'aggregator', 'loader'], {
      metrics,
      metricsPort: 0,
    });
    api = await startApi(config, testLogger, metrics, 0);
  });

  afterAll(async () => {
    await api?.close();
    await pipeline?.close();
    await fake?.close();
    await db?.drop();
  }, 60000);

  it('serves the fixture filing transactions of ACME through GET /api/v1/form4/ACME', async () => {
    // The 4/A 0009995001-26-000123 restates all three rows of 0009995001-26-000101 (fixtures/README.md),
    // and the API shows rows with amendments applied.
    const expected = expectedTransactions('ACME').filter(
      ({ filing }) => filing.accessionNumber !== '0009995001-26-000101',
    );
    expect(expected.length).toBeGreaterThan(0);
    const body = await waitFor(
      'the API to serve every ACME transaction',
      async () => {
        const res = await fetch(`${api.url}/api/v1/form4/ACME?limit=1000&include_derivative=true`);
        if (res.status !== 200) {
          return undefined;
        }
        const json = (await res.json()) as { count: number; transactions: Record<string, unknown>[] };
        return json.count === expected.length ? json : undefined;
      },
      90000,
    );
    const got = new Map(
      body.transactions.map((t) => [`${String(t.accessionNumber)}#${String(t.position)}`, t]),
    );
    for (const { filing, row } of expected) {
      const t = got.get(`${filing.accessionNumber}#${row.position}`);
      expect(t).toBeDefined();
      expect(t).toMatchObject({
        code: row.code,
        kind: row.kind,
        transactionDate: row.transactionDate,
        acquiredDisposed: row.acquiredDisposed,
      });
      // NUMERIC round-trips exactly; compare as numbers to ignore trailing-zero formatting.
      expect(Number(t!.shares)).toBe(Number(row.shares));
      expect(t!.pricePerShare === null ? null : Number(t!.pricePerShare)).toBe(
        row.pricePerShare === null ? null : Number(row.pricePerShare),
      );
      expect((t!.reportingOwners as unknown[]).length).toBe(filing.reportingOwners.length);
    }
  });

  it('serves the aggregated buy/sell summary of ACME', async () => {
    const sales = expectedTransactions('ACME').filter(({ row }) => row.kind === 'open_market_sale');
    expect(sales.length).toBeGreaterThan(0);
    const body = await waitFor(
      'the aggregates of ACME',
      async () => {
        const res = await fetch(`${api.url}/api/v1/summary/ACME?days=365`);
        if (res.status !== 200) {
          return undefined;
        }
        const json = (await res.json()) as {
          daily: {
            purchases: { value: string };
            sales: { count: number; value: string };
            netValue: string;
          }[];
          rolling: { windowDays: number }[];
        };
        return json.daily.some((d) => d.sales.count > 0) ? json : undefined;
      },
      90000,
    );
    for (const day of body.daily) {
      // net value = purchases - sales, exactly (NUMERIC strings, compared at cent precision)
      expect(Number(day.netValue)).toBeCloseTo(Number(day.purchases.value) - Number(day.sales.value), 2);
    }
    expect(body.rolling.map((r) => Number(r.windowDays)).sort((a, b) => a - b)).toEqual([7, 30, 90]);
  });

  it('answers 400 with a message for a malformed request and 404 for an unknown ticker', async () => {
    const bad = await fetch(`${api.url}/api/v1/form4/ACME?limit=abc`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/limit/);
    const unknown = await fetch(`${api.url}/api/v1/form4/ZZZZZ`);
    expect(unknown.status).toBe(404);
  });
});
