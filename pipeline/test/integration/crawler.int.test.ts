/**
 * The live crawler (startCrawler) against the fake EDGAR and real Kafka, Postgres and Redis:
 * live polling, reconciliation, and what EDGAR's failures do to a crawl.
 */
import type { Config } from '../../src/config/config';
import {
  FIXTURES_DIR,
  buildOwnershipSubmission,
  startFakeEdgar,
  syntheticAccession,
} from '../../../devtools/fake-edgar';
import type { FakeEdgar } from '../../../devtools/fake-edgar';
import { createRedis } from '../../src/shared/cache/redis';
import { createPool } from '../../src/shared/db/pool';
import { startBatchConsumer } from '../../src/shared/kafka/consumer';
import type { InMessage } from '../../src/shared/kafka/consumer';
import { createKafka } from '../../src/shared/kafka/client';
import { topicOffsets } from '../../src/shared/kafka/group-offsets';
import { createProducer } from '../../src/shared/kafka/producer';
import type { Producer } from '../../src/shared/kafka/producer';
import { createMetrics } from '../../src/shared/metrics/metrics';
import type { Metrics } from '../../src/shared/metrics/metrics';
import { startCrawler } from '../../src/stages/crawler/run';
import type { RunningCrawler } from '../../src/stages/crawler/run';
import { topicName } from '../../src/topics';
import {
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

jest.setTimeout(120_000);

const NEVER = '0 0 1 1 *';
const ACME = { cik: '0009990001', name: 'Acme Robotics Inc', ticker: 'ACME' };
let serial = 0;

/** `count` synthetic Form 4s accepted one minute apart from `firstAcceptedAt`. */
function addFilings(fake: FakeEdgar, count: number, firstAcceptedAt: string, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) =>
    fake.addFiling(
      buildOwnershipSubmission({
        accessionNumber: syntheticAccession(++serial, prefix),
        acceptedAt: new Date(Date.parse(firstAcceptedAt) + i * 60_000),
        issuer: ACME,
        owners: [{ cik: '0009991001', name: 'Doe Jane Q' }],
      }),
    ),
  );
}

/** Every message of the raw topic: its total comes from the high watermarks, so duplicates show. */
async function readRaw(config: Config): Promise<InMessage[]> {
  const kafka = createKafka(config, testLogger);
  const topic = topicName(config.topicPrefix, 'filingsRaw');
  const { low, high } = await topicOffsets(kafka, topic);
  const total =
    high.reduce((n, h) => n + Number(h.offset), 0) - low.reduce((n, l) => n + Number(l.offset), 0);
  const seen: InMessage[] = [];
  const consumer = await startBatchConsumer(kafka, {
    groupId: `${config.topicPrefix}reader-${++serial}`,
    topics: [topic],
    logger: testLogger,
    handle: (batch) => {
      seen.push(...batch.messages);
      return Promise.resolve();
    },
  });
  try {
    await waitFor(
      'every raw message',
      () => Promise.resolve(seen.length >= total ? true : undefined),
      60_000,
    );
  } finally {
    await consumer.stop();
  }
  return seen;
}

const counts = (messages: InMessage[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const msg of messages) {
    m.set(msg.key ?? '', (m.get(msg.key ?? '') ?? 0) + 1);
  }
  return m;
};

async function metricValue(
  metrics: Metrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) {
    return 0;
  }
  const { values } = await metric.get();
  return values
    .filter((v) =>
      Object.entries(labels).every(([k, val]) => (v.labels as Record<string, unknown>)[k] === val),
    )
    .reduce((n, v) => n + v.value, 0);
}

interface Harness {
  fake: FakeEdgar;
  config: Config;
  crawler: RunningCrawler;
  metrics: Metrics;
  clock: { now: Date };
  pool: ReturnType<typeof createPool>;
  close(): Promise<void>;
}

async function harness(
  label: string,
  fakeOptions: { feedDepthLimit?: number } = {},
  env: Record<string, string> = {},
): Promise<Harness> {
  const clock = { now: new Date('2026-06-01T12:00:00-04:00') };
  const fake = await startFakeEdgar({ dir: FIXTURES_DIR, now: () => clock.now, ...fakeOptions });
  const db = await createTestDatabase(label);
  const prefix = randomPrefix(label);
  const config = testConfig({
    TOPIC_PREFIX: prefix,
    // A pacer and breaker of its own: these tests count requests and trip the breaker.
    SEC_BUDGET_KEY: `${prefix}sec-budget`,
    DATABASE_URL: db.url,
    EDGAR_BASE_URL: fake.baseUrl,
    EDGAR_DATA_BASE_URL: fake.dataBaseUrl,
    SEC_USER_AGENT: 'sec-tracker tests tests@example.com',
    SEC_RATE_LIMIT: '10',
    CRAWL_SCHEDULE: NEVER,
    RECONCILE_SCHEDULE: NEVER,
    TICKERS_SCHEDULE: NEVER,
    CRAWL_FEED_PAGE_SIZE: '10',
    ...env,
  });
  await createTestTopics(config);
  const metrics = createMetrics();
  const pool = createPool(config, testLogger);
  const redis = createRedis(config, testLogger);
  const producer: Producer = await createProducer(createKafka(config, testLogger));
  const crawler = await startCrawler({ config, logger: testLogger, metrics, producer, pool, redis });
  return {
    fake,
    config,
    crawler,
    metrics,
    clock,
    pool,
    async close() {
      await crawler.close();
      await producer.disconnect();
      await pool.end();
      await redis.quit();
      await fake.close();
      await db.drop();
    },
  };
}

const doneCount = async (h: Harness): Promise<number> =>
  Number(
    (await h.pool.query<{ n: string }>(`SELECT count(*) AS n FROM crawl_filings WHERE state = 'done'`))
      .rows[0]!.n,
  );

describe('live polling', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('crawl-live');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('produces every ownership filing of the feed with the record headers, and not the 424B2', async () => {
    await h.crawler.pollOnce();
    const messages = await readRaw(h.config);
    const ownership = h.fake.filings().filter((f) => /^[345](\/A)?$/.test(f.formType));
    expect([...counts(messages).keys()].sort()).toEqual(ownership.map((f) => f.accessionNumber).sort());
    expect([...counts(messages).values()].every((n) => n === 1)).toBe(true);
    const joint = messages.find((m) => m.key === '0009990201-26-000004')!;
    expect(joint.headers).toMatchObject({
      accession: '0009990201-26-000004',
      'form-type': '4',
      'issuer-cik': '0009990002',
      'accepted-at': '2026-04-15T22:42:10.000Z',
      'source-url': `${h.fake.baseUrl}/Archives/edgar/data/9990002/000999020126000004/0009990201-26-000004.txt`,
      source: 'live',
    });
    expect(Date.parse(joint.headers['fetched-at']!)).not.toBeNaN();
    expect(joint.value!.toString('latin1')).toBe(
      h.fake.filings().find((f) => f.accessionNumber === joint.key)!.text,
    );
  });

  it('finds new filings on the next poll and stops paging at the last one seen', async () => {
    h.fake.requests.length = 0;
    const added = addFilings(h.fake, 12, '2026-06-01T10:00:00-04:00', '0009998001');
    const report = await h.crawler.pollOnce();
    expect(report.discovered).toBe(12);
    expect(report.produced).toBe(12);
    expect(report.reachedLastSeen).toBe(true);
    // 12 filings are 24 type=4 entries: pages start=0,10,20, and the third holds the last seen one.
    const starts = (type: string): number[] =>
      h.fake.requests
        .filter((r) => r.path.startsWith('/cgi-bin/browse-edgar') && r.path.includes(`&type=${type}&`))
        .map((r) => Number(/start=(\d+)/.exec(r.path)![1]));
    expect(starts('4')).toEqual([0, 10, 20]);
    expect(starts('3')).toEqual([0]);
    expect(starts('5')).toEqual([0]);
    const txt = h.fake.requests
      .filter((r) => r.path.endsWith('.txt'))
      .map((r) => /([\d-]+)\.txt$/.exec(r.path)![1]);
    expect(txt.sort()).toEqual([...added].sort());
  });

  it('fetches nothing when nothing is new', async () => {
    h.fake.requests.length = 0;
    const report = await h.crawler.pollOnce();
    expect(report).toMatchObject({ discovered: 0, produced: 0, reachedLastSeen: true });
    expect(h.fake.requests.map((r) => r.path.split('?')[0])).toEqual(Array(3).fill('/cgi-bin/browse-edgar'));
  });
});

describe('reconciliation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('crawl-reconcile', { feedDepthLimit: 20 });
    await h.crawler.pollOnce();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('fills in from the daily index what the feed could not page to', async () => {
    const added = addFilings(h.fake, 20, '2026-06-02T09:00:00-04:00', '0009998002');
    h.clock.now = new Date('2026-06-02T15:00:00-04:00');
    const poll = await h.crawler.pollOnce();
    const four = poll.feeds.find((f) => f.type === '4')!;
    expect(four).toMatchObject({ depthLimitHit: true, reachedLastSeen: false, discovered: 10 });
    expect(await metricValue(h.metrics, 'sec_tracker_crawler_feed_depth_reached_total')).toBe(1);

    // Before 22:00 Eastern the day's index is not out yet: nothing to reconcile for that day.
    const early = await h.crawler.reconcileOnce(h.clock.now);
    expect(early.days.map((d) => [d.date, d.status])).toEqual([
      ['2026-05-28', 'reconciled'],
      ['2026-05-29', 'reconciled'],
      ['2026-06-01', 'reconciled'],
    ]);
    h.clock.now = new Date('2026-06-02T22:05:00-04:00');
    const late = await h.crawler.reconcileOnce(h.clock.now);
    expect(late.days).toEqual([
      { date: '2026-06-02', status: 'reconciled', filings: 20, found: 10, badLines: 0 },
    ]);
    expect(late.found).toBe(10);
    expect(await metricValue(h.metrics, 'sec_tracker_crawler_reconcile_found_total')).toBe(10);
    const done = await h.pool.query<{ accession_number: string; source: string }>(
      `SELECT accession_number, source FROM crawl_filings WHERE state = 'done' AND accession_number = ANY($1)`,
      [added],
    );
    expect(done.rows).toHaveLength(20);
    expect(done.rows.filter((r) => r.source === 'reconcile')).toHaveLength(10);
    const messages = counts(await readRaw(h.config));
    expect(added.every((a) => messages.get(a) === 1)).toBe(true);
  });
});

describe('EDGAR failures during a crawl', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness('crawl-faults', {}, { CRAWL_BREAKER_MINUTES: '0.05', CRAWL_CONCURRENCY: '2' });
    await h.crawler.pollOnce();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('retries 429 (after Retry-After), 503, slow and truncated responses, producing each filing once', async () => {
    const added = addFilings(h.fake, 6, '2026-06-01T10:00:00-04:00', '0009998003');
    h.fake.faults.add({ match: added[0]!, kind: 'status429', retryAfterSeconds: 1, times: 1 });
    h.fake.faults.add({ match: added[1]!, kind: 'status503', times: 2 });
    h.fake.faults.add({ match: added[2]!, kind: 'truncate', fraction: 0.3, times: 1 });
    h.fake.faults.add({ match: added[3]!, kind: 'delay', delayMs: 800, times: 1 });
    const report = await h.crawler.pollOnce();
    expect(report).toMatchObject({ discovered: 6, produced: 6, failed: 0, skipped: 0 });
    const statuses = (acc: string): number[] =>
      h.fake.requests.filter((r) => r.path.includes(acc)).map((r) => r.status);
    expect(statuses(added[0]!)).toEqual([429, 200]);
    expect(statuses(added[1]!)).toEqual([503, 503, 200]);
    expect(statuses(added[2]!)).toEqual([0, 200]);
    const at = h.fake.requests.filter((r) => r.path.includes(added[0]!)).map((r) => r.at);
    // A lower bound only: the retry may come later on a loaded machine, never sooner.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(990);
    expect(await metricValue(h.metrics, 'sec_tracker_crawler_retries_total')).toBeGreaterThanOrEqual(4);
    const messages = counts(await readRaw(h.config));
    expect(added.map((a) => messages.get(a))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('pauses every request after a throttle 403, then carries on', async () => {
    const added = addFilings(h.fake, 3, '2026-06-01T11:00:00-04:00', '0009998004');
    h.fake.faults.add({ match: added[0]!, kind: 'status403', times: 1 });
    h.fake.requests.length = 0;
    const report = await h.crawler.pollOnce();
    expect(report.produced).toBe(3);
    const forbidden = h.fake.requests.find((r) => r.status === 403)!;
    const after = h.fake.requests.filter((r) => r.at > forbidden.at);
    expect(after.length).toBeGreaterThan(0);
    // CRAWL_BREAKER_MINUTES=0.05: nobody asked EDGAR anything for 3 seconds (a lower bound only:
    // load can lengthen the pause, never shorten it).
    expect(Math.min(...after.map((r) => r.at)) - forbidden.at).toBeGreaterThanOrEqual(2900);
    expect(await metricValue(h.metrics, 'sec_tracker_crawler_breaker_trips_total')).toBe(1);
  });

  it('logs, counts and records bad input, and the crawl goes on', async () => {
    h.clock.now = new Date('2026-06-01T14:00:00-04:00');
    const [missing, fine] = addFilings(h.fake, 2, '2026-06-01T12:00:00-04:00', '0009998005');
    h.fake.faults.add({ match: missing!, kind: 'notFound' });
    const noXml = h.fake.addFiling(
      [
        '<SEC-DOCUMENT>0009998006-26-000001.txt : 20260601',
        '<SEC-HEADER>0009998006-26-000001.hdr.sgml : 20260601',
        '<ACCEPTANCE-DATETIME>20260601130000',
        'ACCESSION NUMBER:\t\t0009998006-26-000001',
        'CONFORMED SUBMISSION TYPE:\t4',
        'FILED AS OF DATE:\t\t20260601',
        '',
        'ISSUER:\t\t',
        '\tCOMPANY DATA:\t',
        '\t\tCOMPANY CONFORMED NAME:\t\t\tACME ROBOTICS INC',
        '\t\tCENTRAL INDEX KEY:\t\t\t0009990001',
        '</SEC-HEADER>',
        '<DOCUMENT>',
        '<TYPE>4',
        '<SEQUENCE>1',
        '<FILENAME>form4.txt',
        '<TEXT>',
        'FORM 4 (paper-era text, no ownership XML)',
        '</TEXT>',
        '</DOCUMENT>',
        '</SEC-DOCUMENT>',
        '',
      ].join('\n'),
    );
    h.fake.faults.add({ match: 'type=5&', kind: 'htmlFeedError', times: 1 });
    const report = await h.crawler.pollOnce();
    expect(report.produced).toBe(1);
    expect(report.feeds.find((f) => f.type === '5')!.error).toMatch(/HTML page/);
    const states = await h.pool.query<{ accession_number: string; state: string; last_error: string | null }>(
      `SELECT accession_number, state, last_error FROM crawl_filings WHERE accession_number = ANY($1) ORDER BY 1`,
      [[missing, fine, noXml]],
    );
    expect(states.rows).toEqual([
      {
        accession_number: missing,
        state: 'pending',
        last_error: expect.stringMatching(/^not found/) as string,
      },
      { accession_number: fine, state: 'done', last_error: null },
      {
        accession_number: noXml,
        state: 'skipped',
        last_error: expect.stringMatching(/^no_ownership_xml/) as string,
      },
    ]);
    expect(await metricValue(h.metrics, 'sec_tracker_crawler_bad_input_total', { reason: 'not_found' })).toBe(
      1,
    );
    expect(
      await metricValue(h.metrics, 'sec_tracker_crawler_bad_input_total', { reason: 'no_ownership_xml' }),
    ).toBe(1);
    expect(
      await metricValue(h.metrics, 'sec_tracker_crawler_bad_input_total', { reason: 'feed_html_error' }),
    ).toBe(1);
    // A missing archive file is not EDGAR's throttle: no new pause.
    expect(await metricValue(h.metrics, 'sec_tracker_crawler_breaker_trips_total')).toBe(1);
    expect(await doneCount(h)).toBeGreaterThan(0);
  });
});
