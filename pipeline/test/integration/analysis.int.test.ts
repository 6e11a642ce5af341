import { startApi } from '../../../api/src/main';
import type { RunningApi } from '../../../api/src/main';
import { runStages } from '../../src/runtime/run-stages';
import type { RunningPipeline } from '../../src/runtime/run-stages';
import { createKafka } from '../../src/shared/kafka/client';
import { readTopic } from '../../src/shared/kafka/read-topic';
import { createMetrics } from '../../src/shared/metrics/metrics';
import type { Metrics } from '../../src/shared/metrics/metrics';
import { topicName } from '../../src/topics';
import { queryAnalysesForAccession } from '../../../api/src/queries/analysis';
import { createPool } from '../../src/shared/db/pool';
import { startCli } from './stage-process';
import { count, produceRaw, testFiling, waitForResults } from './analysis-helpers';
import { startFakeLlm } from './fake-llm';
import type { FakeLlm } from './fake-llm';
import {
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  tableChecksums,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

async function metric(metrics: Metrics, name: string): Promise<number> {
  const m = metrics.registry.getSingleMetric(name);
  return m ? (await m.get()).values.reduce((n, v) => n + v.value, 0) : 0;
}

/**
 * The analysis stage on real Kafka, registry and Postgres, with a fake OpenAI-compatible model
 * that holds every answer: filings load while no analysis can finish, then the analyses arrive,
 * show in the API, and a replay of the whole stage costs no model call and changes no row.
 */
describe('analysis stage: never holds loading back; replays cost nothing', () => {
  const prefix = randomPrefix('analysis');
  let fake: FakeLlm;
  let db: { url: string; drop(): Promise<void> };
  let pipeline: RunningPipeline;
  let replay: RunningPipeline | undefined;
  let api: RunningApi;
  let config: ReturnType<typeof testConfig>;
  const notable = [1, 2, 3].map((n) => testFiling(n));
  // Three directors of issuer 4 buying $20,000 each within five days: only the cluster is notable.
  const cluster = [0, 2, 4].map((day, i) =>
    testFiling(4, {
      owner: { cik: `000997200${i}`, name: `Cluster Buyer ${i}` },
      acceptedAt: new Date(Date.parse('2026-05-11T20:00:00Z') + day * 86_400_000),
      purchases: [{ shares: '2000', price: '10.00' }],
    }),
  );
  const small = testFiling(5, { purchases: [{ shares: '100', price: '10.00' }] });
  const all = [...notable, ...cluster, small];
  const clusterKey = '0009970004|2026-05-11';

  beforeAll(async () => {
    fake = await startFakeLlm();
    fake.fallback = 'held';
    db = await createTestDatabase('analysis');
    config = testConfig({
      TOPIC_PREFIX: prefix,
      DATABASE_URL: db.url,
      ANALYSIS_BASE_URL: fake.url,
      ANALYSIS_MODEL: 'fake-model',
      ANALYSIS_TIMEOUT_SECONDS: '120',
    });
    await createTestTopics(config);
    pipeline = await runStages(config, testLogger, ['parser', 'aggregator', 'loader', 'analysis'], {
      metricsPort: 0,
    });
    api = await startApi(config, testLogger, createMetrics(), 0);
  });

  afterAll(async () => {
    await api?.close();
    await replay?.close();
    await pipeline?.close();
    await fake?.close();
    await db?.drop();
  }, 60000);

  it('loads every filing and row while every model answer is held', async () => {
    await produceRaw(config, all);
    await waitFor(
      'the analyst to be waiting on the model',
      () => Promise.resolve(fake.held() > 0 ? true : undefined),
      120000,
    );
    await waitFor(
      'every filing and transaction to load',
      async () =>
        (await count(db.url, 'SELECT count(*) AS n FROM filings')) === all.length &&
        (await count(db.url, 'SELECT count(*) AS n FROM transactions')) === all.length
          ? true
          : undefined,
      120000,
    );
    const requests = await readTopic(
      createKafka(config, testLogger),
      topicName(prefix, 'analysisRequests'),
      notable.length + 1,
      120000,
    );
    expect(new Set(requests.map((m) => m.key))).toEqual(
      new Set([...notable.map((f) => f.accession), clusterKey]),
    );
    expect(await count(db.url, 'SELECT count(*) AS n FROM analysis_results')).toBe(0);
  });

  it('stores each analysis once the model answers: the filings and the cluster buy, not the small trade', async () => {
    fake.release();
    const results = await waitForResults(db.url, [...notable.map((f) => f.accession), clusterKey]);
    for (const r of results.values()) {
      expect(r).toMatchObject({
        status: 'succeeded',
        model: 'fake-model',
        source: 'llm',
        sentiment: 'bullish',
      });
      expect(r.tokens_in).toBeGreaterThan(0);
      expect(Number(r.cost_usd)).toBeGreaterThan(0);
    }
    const c = results.get(clusterKey)!;
    expect(c.subject_kind).toBe('cluster');
    expect([...c.accession_numbers].sort()).toEqual(cluster.map((f) => f.accession).sort());
    expect(
      await count(db.url, 'SELECT count(*) AS n FROM analysis_results WHERE subject_key = $1', [
        small.accession,
      ]),
    ).toBe(0);
  });

  it('serves them at GET /api/v1/analysis with the model and whether rules wrote them', async () => {
    const res = await fetch(`${api.url}/api/v1/analysis?ticker=TI4&sentiment=bullish`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { count: number; analyses: Record<string, unknown>[] };
    expect(body.count).toBe(1);
    expect(body.analyses[0]).toMatchObject({
      subjectKind: 'cluster',
      subjectKey: clusterKey,
      model: 'fake-model',
      fromRules: false,
      status: 'succeeded',
      analysis: { sentiment: 'bullish' },
    });
    const everything = (await (await fetch(`${api.url}/api/v1/analysis`)).json()) as { count: number };
    expect(everything.count).toBe(notable.length + 1);
    const bad = await fetch(`${api.url}/api/v1/analysis?since=2026-13-01`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/since/);
  });

  it('gives the analyses covering one filing: its cluster buy (for GET /api/v1/filings/:accession)', async () => {
    const pool = createPool({ databaseUrl: db.url }, testLogger, 1);
    try {
      const member = await queryAnalysesForAccession(pool, cluster[1]!.accession);
      expect(member.map((a) => [a.subjectKind, a.subjectKey])).toEqual([['cluster', clusterKey]]);
      const own = await queryAnalysesForAccession(pool, notable[0]!.accession);
      expect(own.map((a) => [a.subjectKind, a.subjectKey, a.fromRules])).toEqual([
        ['filing', notable[0]!.accession, false],
      ]);
      expect(await queryAnalysesForAccession(pool, small.accession)).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it('replays the whole stage from the start without a model call and without changing a row', async () => {
    const before = await tableChecksums(db.url, ['analysis_results']);
    const calls = fake.calls.length;
    const metrics = createMetrics();
    replay = await runStages(
      testConfig({ ...configEnv(), GROUP_PREFIX: 'replay.' }),
      testLogger,
      ['analysis'],
      {
        metrics,
        metricsPort: 0,
      },
    );
    // The replay's detector asks again for every subject; its analyst answers all 8 requests
    // (4 original, 4 repeated) from the content-hash cache.
    await waitFor(
      'the replayed analyst to answer every request',
      async () => ((await metric(metrics, 'sec_tracker_analysis_cache_hits_total')) >= 8 ? true : undefined),
      120000,
    );
    await waitFor(
      'the loader to settle',
      async () => {
        const now = await tableChecksums(db.url, ['analysis_results']);
        return JSON.stringify(now) === JSON.stringify(before) ? true : undefined;
      },
      60000,
    );
    expect(fake.calls.length).toBe(calls);
    await replay.close();
    replay = undefined;
  });

  it('analyses on demand with sec-tracker analyze: from the cache, or asking the model again with --force', async () => {
    const calls = fake.calls.length;
    const cached = startCli(['analyze', '--accession', notable[0]!.accession], configEnv());
    expect(await cached.exited).toBe(0);
    expect(cached.output()).toContain(`filing ${notable[0]!.accession}  succeeded  [fake-model]  bullish:`);
    expect(fake.calls.length).toBe(calls);
    const forced = startCli(['analyze', '--accession', notable[1]!.accession, '--force'], configEnv());
    expect(await forced.exited).toBe(0);
    expect(fake.calls.length).toBe(calls + 1);
    const unknown = startCli(['analyze', '--accession', '0009997001-26-999999', '--no-wait'], configEnv());
    expect(await unknown.exited).toBe(1);
    expect(unknown.output()).toContain('not in the database (yet): 0009997001-26-999999');
  });

  function configEnv(): Record<string, string> {
    return {
      TOPIC_PREFIX: prefix,
      DATABASE_URL: db.url,
      ANALYSIS_BASE_URL: fake.url,
      ANALYSIS_MODEL: 'fake-model',
      ANALYSIS_TIMEOUT_SECONDS: '120',
    };
  }
});
