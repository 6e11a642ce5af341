/**
 * Two full deployments (crawler, parser, aggregator, loader, API) at once on one Kafka, one
 * registry, one Redis and one Postgres server, each with its own database and topic prefix and
 * REDIS_NAMESPACE left to its default. They load different filings for the same ticker (and the
 * same issuer CIK): A the bundled demo filings of ACME, B a dissemination (.nc) Form 4 of ACME
 * convertible notes bought by dollar amount. Each API must answer only its own data, before and
 * after a load in the other, and Redis must hold no key of one in the other's namespace; the SEC
 * budget keys are the one documented exception, shared by both.
 */
import { randomBytes } from 'node:crypto';
import { startApi } from '../../../api/src/main';
import type { RunningApi } from '../../../api/src/main';
import {
  DISSEMINATION_FIXTURES_DIR,
  FIXTURES_DIR,
  buildOwnershipSubmission,
  startFakeEdgar,
  syntheticAccession,
} from '../../../devtools/fake-edgar';
import type { FakeEdgar } from '../../../devtools/fake-edgar';
import type { Config } from '../../src/config/config';
import { runStages } from '../../src/runtime/run-stages';
import type { RunningPipeline } from '../../src/runtime/run-stages';
import { createRedis } from '../../src/shared/cache/redis';
import type { Redis } from '../../src/shared/cache/redis';
import { createMetrics } from '../../src/shared/metrics/metrics';
import { parseFiling } from '../../src/stages/parser/parse-filing';
import {
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

jest.setTimeout(240_000);

const ACME = { cik: '0009990001', name: 'Acme Robotics Inc', ticker: 'ACME' };
const NEVER = '0 0 1 1 *';

interface Transaction {
  accessionNumber: string;
  position: number;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  flags: string[];
}

interface Deployment {
  name: string;
  fake: FakeEdgar;
  db: { url: string; drop(): Promise<void> };
  config: Config;
  pipeline: RunningPipeline;
  api: RunningApi;
}

/** Accession numbers of the ACME filings with transactions in a fake EDGAR, from the pure parser. */
function acmeAccessions(fake: FakeEdgar): string[] {
  return fake
    .filings()
    .map((f) => parseFiling(f.text))
    .flatMap((o) =>
      o.ok && o.filing.issuer.ticker === 'ACME' && o.filing.rows.some((r) => r.rowType === 'transaction')
        ? [o.filing.accessionNumber!]
        : [],
    )
    .sort();
}

async function startDeployment(name: string, dir: string, secBudgetKey: string): Promise<Deployment> {
  const fake = await startFakeEdgar({ dir });
  const db = await createTestDatabase(`tenant_${name}`);
  const config = testConfig({
    TOPIC_PREFIX: randomPrefix(`tenant-${name}`),
    DATABASE_URL: db.url,
    SEC_BUDGET_KEY: secBudgetKey,
    EDGAR_BASE_URL: fake.baseUrl,
    EDGAR_DATA_BASE_URL: fake.dataBaseUrl,
    SEC_USER_AGENT: 'sec-tracker tests tests@example.com',
    SEC_RATE_LIMIT: '10',
    // Poll the fake's feed every 5 seconds, so a filing added to it is loaded without waiting a minute.
    CRAWL_SCHEDULE: '*/5 * * * * *',
    RECONCILE_SCHEDULE: NEVER,
    TICKERS_SCHEDULE: NEVER,
  });
  let pipeline: RunningPipeline | undefined;
  try {
    await createTestTopics(config);
    const metrics = createMetrics({ process: `tenant-${name}` });
    pipeline = await runStages(config, testLogger, ['crawler', 'parser', 'aggregator', 'loader'], {
      metrics,
      metricsPort: 0,
    });
    const api = await startApi(config, testLogger, metrics, 0);
    return { name, fake, db, config, pipeline, api };
  } catch (err) {
    await pipeline?.close();
    await fake.close();
    await db.drop();
    throw err;
  }
}

async function form4(d: Deployment): Promise<{ status: number; transactions: Transaction[] }> {
  const res = await fetch(`${d.api.url}/api/v1/form4/ACME?limit=1000&include_derivative=true`);
  if (res.status !== 200) {
    return { status: res.status, transactions: [] };
  }
  return { status: 200, transactions: ((await res.json()) as { transactions: Transaction[] }).transactions };
}

const accessionsOf = (ts: Transaction[]) => [...new Set(ts.map((t) => t.accessionNumber))].sort();

/** Waits until the API serves exactly `expected` (the deployment has loaded it). */
function loaded(d: Deployment, expected: string[]): Promise<Transaction[]> {
  return waitFor(
    `${d.name}'s API to serve the ACME filings ${expected.join(', ')}`,
    async () => {
      const answer = await form4(d);
      return JSON.stringify(accessionsOf(answer.transactions)) === JSON.stringify(expected)
        ? answer.transactions
        : undefined;
    },
    120_000,
  );
}

/**
 * Both APIs, back to back and without retrying, twice (the second answers come from the cache):
 * one cache entry shared by the two deployments would hand one of them the other's answer.
 */
async function expectEachServesItsOwn(own: Map<Deployment, string[]>): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const [d, expected] of own) {
      expect([d.name, accessionsOf((await form4(d)).transactions)]).toEqual([d.name, expected]);
    }
  }
}

async function allKeys(redis: Redis): Promise<Set<string>> {
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', '*', 'COUNT', 1000);
    cursor = next;
    batch.forEach((k) => keys.add(k));
  } while (cursor !== '0');
  return keys;
}

/** A new ACME share purchase, accepted a minute ago, for the live crawler to find. */
function addPurchase(d: Deployment, filer: string): string {
  return d.fake.addFiling(
    buildOwnershipSubmission({
      accessionNumber: syntheticAccession(1, filer),
      acceptedAt: new Date(Date.now() - 60_000),
      issuer: ACME,
      owners: [{ cik: filer, name: `Tenancy Test Buyer ${filer}` }],
      purchases: [{ shares: '100', price: '10.00' }],
    }),
  );
}

describe('two deployments sharing Kafka, Redis and a Postgres server', () => {
  const budget = `tenancy-${randomBytes(4).toString('hex')}.sec-budget`;
  let redis: Redis;
  let before: Set<string>;
  let a: Deployment;
  let b: Deployment;

  beforeAll(async () => {
    redis = createRedis(testConfig(), testLogger);
    before = await allKeys(redis);
    a = await startDeployment('a', FIXTURES_DIR, budget);
    b = await startDeployment('b', DISSEMINATION_FIXTURES_DIR, budget);
  });

  afterAll(async () => {
    for (const d of [a, b]) {
      await d?.api.close();
      await d?.pipeline.close();
      await d?.fake.close();
      await d?.db.drop();
    }
    if (redis) {
      const created = [...(await allKeys(redis))].filter((k) => !before.has(k));
      if (created.length > 0) {
        await redis.del(...created);
      }
      await redis.quit();
    }
  }, 60_000);

  it('derives a namespace per deployment and shares only the SEC budget key', () => {
    expect(a.config.redisNamespace).not.toBe(b.config.redisNamespace);
    expect(a.config.redisNamespace.startsWith(b.config.redisNamespace)).toBe(false);
    expect(b.config.redisNamespace.startsWith(a.config.redisNamespace)).toBe(false);
    expect(a.config.secBudgetKey).toBe(b.config.secBudgetKey);
  });

  it('each API answers only its own data, before and after a load in the other', async () => {
    // The API applies amendments: every row of 0009995001-26-000101 is restated by its 4/A.
    const ownA = acmeAccessions(a.fake).filter((acc) => acc !== '0009995001-26-000101');
    const ownB = acmeAccessions(b.fake);
    expect(ownA.length).toBeGreaterThan(1);
    expect(ownB).toEqual(['0009991010-26-000003']);
    expect(ownA.filter((acc) => ownB.includes(acc))).toEqual([]);

    // Before: each has loaded its own filings of ACME.
    await loaded(a, ownA);
    const notes = await loaded(b, ownB);
    await expectEachServesItsOwn(
      new Map([
        [a, ownA],
        [b, ownB],
      ]),
    );
    // B's filing is sized in dollars: the API shows the amount and the flag, shares stay null.
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ shares: null, value: '60000000' });
    expect(Number(notes[0]!.pricePerShare)).toBe(60000000);
    expect(notes[0]!.flags).toEqual(['dollar_amount', 'price_on_dollar_amount', 'price_is_total_value']);

    // A load in B: B serves it, A still serves only its own.
    const bNew = addPurchase(b, '0009998702');
    await loaded(b, [...ownB, bNew].sort());
    await expectEachServesItsOwn(
      new Map([
        [a, ownA],
        [b, [...ownB, bNew].sort()],
      ]),
    );

    // A load in A: the other way round.
    const aNew = addPurchase(a, '0009998701');
    await loaded(a, [...ownA, aNew].sort());
    await expectEachServesItsOwn(
      new Map([
        [a, [...ownA, aNew].sort()],
        [b, [...ownB, bNew].sort()],
      ]),
    );
  });

  it("keeps B's notes out of its share totals: the summary counts them apart, by kind", async () => {
    const day = await waitFor("B's summary of 2026-05-18", async () => {
      const res = await fetch(`${b.api.url}/api/v1/summary/ACME?days=365`);
      const body =
        res.status === 200
          ? ((await res.json()) as {
              daily: { date: string; purchases: Record<string, unknown>; otherKindCounts: unknown }[];
            })
          : undefined;
      return body?.daily.find((d) => String(d.date).startsWith('2026-05-18'));
    });
    expect(Number(day.purchases.count)).toBe(0);
    expect(Number(day.purchases.shares)).toBe(0);
    expect(Number(day.purchases.value)).toBe(0);
    expect(day.otherKindCounts).toEqual({ derivative_trade: 1 });
  });

  it('leaves no key of one deployment in the other namespace; only the SEC budget keys are shared', async () => {
    const created = [...(await allKeys(redis))].filter((k) => !before.has(k)).sort();
    const nsA = `${a.config.redisNamespace}:`;
    const nsB = `${b.config.redisNamespace}:`;
    const ofA = created.filter((k) => k.startsWith(nsA));
    const ofB = created.filter((k) => k.startsWith(nsB));
    const shared = created.filter((k) => k.startsWith(`${budget}:`));
    expect(created.filter((k) => !ofA.includes(k) && !ofB.includes(k) && !shared.includes(k))).toEqual([]);
    expect(shared.every((k) => [':rate-slot', ':rate-log', ':breaker'].some((s) => k.endsWith(s)))).toBe(
      true,
    );
    // The pacer's keys expire a second or two after the last request, so which of them is still
    // there when the scan runs depends on timing; at least one must be, under the shared budget key.
    expect(shared.some((k) => k.endsWith(':rate-slot') || k.endsWith(':rate-log'))).toBe(true);
    for (const [own, other, ns] of [
      [ofA, b.config.redisNamespace, nsA],
      [ofB, a.config.redisNamespace, nsB],
    ] as const) {
      expect(own).toContain(`${ns}v1:issuer-version:${ACME.cik}`);
      expect(own).toContain(`${ns}v1:market-version`);
      expect(own.some((k) => k.startsWith(`${ns}v1:api:form4:`))).toBe(true);
      expect(own.filter((k) => k.includes(other))).toEqual([]);
    }
    // Without the namespace, the two deployments' cache keys for ACME would be the very same keys.
    const bare = (keys: string[], ns: string) =>
      new Set(
        keys.filter((k) => k.includes(':api:form4:')).map((k) => k.slice(ns.length).replace(/:\d+:/, ':')),
      );
    const same = [...bare(ofA, nsA)].filter((k) => bare(ofB, nsB).has(k));
    expect(same.length).toBeGreaterThan(0);
  });
});
