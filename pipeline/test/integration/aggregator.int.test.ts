/**
 * The aggregator against real Kafka, schema registry and Postgres: parser records in (made by the
 * real parser from small fixture documents), summaries and cluster buys out on the compacted
 * topics, loaded into the aggregate tables by the loader's handler with the aggregate sinks.
 *
 * Hand-computed expectations (issuer TSTI):
 * - Jane's Form 4: P 1000 @ 10 on 03-02; P 500 @ 11 (direct) and P 200 @ 12 (trust) on 03-03.
 *   Her 4/A, produced after a restart, restates only the 03-03 direct row: 500 @ 11.50.
 * - A joint filing of a fund, its GP and its manager: one P 3000 @ 9.50 on 03-04.
 * - Bob: P 100 @ 10 on 03-05, and a derivative-table P of warrants the same day.
 * Three insiders (Jane, the fund group, Bob) buy within 10 days: one cluster buy.
 */
import pg from 'pg';
import { SCHEMAS_DIR } from '../../src/paths';
import { issuerPartition } from '../../src/records/issuer-partition';
import { startAggregatorStage } from '../../src/runtime/aggregator';
import type { RunningStage } from '../../src/runtime/stage';
import { createAvroCodec } from '../../src/shared/avro/registry';
import { createDeadLetterSink } from '../../src/shared/dead-letter';
import { createPool } from '../../src/shared/db/pool';
import { createKafka } from '../../src/shared/kafka/client';
import { startBatchConsumer } from '../../src/shared/kafka/consumer';
import type { RunningConsumer } from '../../src/shared/kafka/consumer';
import { createProducer } from '../../src/shared/kafka/producer';
import type { Producer } from '../../src/shared/kafka/producer';
import { createMetrics } from '../../src/shared/metrics/metrics';
import { ownershipXml } from '../../src/stages/aggregator/fixtures/ownership-xml';
import type { XmlFiling } from '../../src/stages/aggregator/fixtures/ownership-xml';
import { aggregateSinks } from '../../src/stages/loader/aggregate-sinks';
import { createLoaderHandler } from '../../src/stages/loader/run';
import { parseFiling } from '../../src/stages/parser/parse-filing';
import { toFilingRecord, toRowRecords } from '../../src/stages/parser/to-avro';
import { groupName, TOPICS, topicName } from '../../src/topics';
import {
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

jest.setTimeout(120_000);

const ISSUER = { cik: '0009990077', name: 'Tessellate Instruments Inc', ticker: 'TSTI' };
const JANE = { cik: '0009990701', name: 'Doe Jane', director: true };
const FUND = [
  { cik: '0009990711', name: 'Harrow Fund LP', tenPercent: true },
  { cik: '0009990712', name: 'Harrow GP LLC', tenPercent: true },
  { cik: '0009990713', name: 'Harrow Management LLC', tenPercent: true },
];
const BOB = { cik: '0009990721', name: 'Roe Bob', officer: 'Chief Financial Officer' };

const FILINGS: Record<string, { at: string; doc: XmlFiling }> = {
  '0009990077-26-000001': {
    at: '2026-03-04T17:00:00-05:00',
    doc: {
      documentType: '4',
      period: '2026-03-02',
      issuer: ISSUER,
      owners: [JANE],
      nonDerivative: [
        { date: '2026-03-02', code: 'P', shares: '1000', price: '10' },
        { date: '2026-03-03', code: 'P', shares: '500', price: '11' },
        {
          date: '2026-03-03',
          code: 'P',
          shares: '200',
          price: '12',
          direct: false,
          nature: 'By Doe Family Trust',
        },
      ],
    },
  },
  '0009990077-26-000002': {
    at: '2026-03-05T18:00:00-05:00',
    doc: {
      documentType: '4',
      period: '2026-03-04',
      issuer: ISSUER,
      owners: FUND,
      nonDerivative: [{ date: '2026-03-04', code: 'P', shares: '3000', price: '9.50' }],
    },
  },
  '0009990077-26-000003': {
    at: '2026-03-06T16:30:00-05:00',
    doc: {
      documentType: '4',
      period: '2026-03-05',
      issuer: ISSUER,
      owners: [BOB],
      nonDerivative: [{ date: '2026-03-05', code: 'P', shares: '100', price: '10' }],
      derivative: [
        {
          title: 'Warrants (right to buy)',
          exercisePrice: '15',
          date: '2026-03-05',
          code: 'P',
          shares: '2000',
          price: '1.25',
        },
      ],
    },
  },
  '0009990077-26-000004': {
    at: '2026-03-09T09:00:00-04:00',
    doc: {
      documentType: '4/A',
      period: '2026-03-02',
      dateOfOriginalSubmission: '2026-03-04',
      issuer: ISSUER,
      owners: [JANE],
      nonDerivative: [{ date: '2026-03-03', code: 'P', shares: '500', price: '11.50' }],
    },
  },
};

describe('aggregator stage: parsed rows → summaries and cluster buys → aggregate tables', () => {
  const config = testConfig({ TOPIC_PREFIX: randomPrefix('agg') });
  let db: { url: string; drop(): Promise<void> };
  let pool: pg.Pool;
  let producer: Producer;
  let aggregator: RunningStage | undefined;
  let loader: RunningConsumer | undefined;
  const kafka = createKafka(config, testLogger);
  const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
  const topics = {
    rows: topicName(config.topicPrefix, 'transactions'),
    filings: topicName(config.topicPrefix, 'filingsParsed'),
    daily: topicName(config.topicPrefix, 'aggregatesDaily'),
    rolling: topicName(config.topicPrefix, 'aggregatesRolling'),
    insider: topicName(config.topicPrefix, 'aggregatesInsider'),
    clusters: topicName(config.topicPrefix, 'clusterEvents'),
    dlq: topicName(config.topicPrefix, 'deadLetter'),
  };
  const stageConfig = () => ({ ...config, databaseUrl: db.url });

  async function publish(accession: string): Promise<void> {
    const { at, doc } = FILINGS[accession]!;
    const outcome = parseFiling(ownershipXml(doc), { accessionNumber: accession, acceptedAt: at });
    if (!outcome.ok) {
      throw new Error(outcome.error.message);
    }
    const partition = issuerPartition(ISSUER.cik, TOPICS.transactions.partitions);
    const rows = await Promise.all(
      toRowRecords(outcome.filing).map(async (r) => ({
        key: `${accession}#${r.position}`,
        value: await avro.encode(topics.rows, r),
        partition,
      })),
    );
    await producer.send(topics.rows, rows);
    await producer.send(topics.filings, [
      { key: accession, value: await avro.encode(topics.filings, toFilingRecord(outcome.filing)), partition },
    ]);
  }

  async function daily(date: string) {
    const { rows } = await pool.query<Record<string, string | number>>(
      `SELECT purchase_count, purchase_shares::text, purchase_value::text, distinct_buyers, other_kind_counts
         FROM daily_summaries WHERE issuer_cik = $1 AND date = $2`,
      [ISSUER.cik, date],
    );
    return rows[0];
  }

  beforeAll(async () => {
    db = await createTestDatabase('aggregator');
    pool = createPool({ databaseUrl: db.url }, testLogger, 2);
    await createTestTopics(config);
    await avro.register(topics.rows, TOPICS.transactions.valueSchema);
    await avro.register(topics.filings, TOPICS.filingsParsed.valueSchema);
    await avro.register(topics.dlq, TOPICS.deadLetter.valueSchema);
    producer = await createProducer(kafka);
    const metrics = createMetrics({ test: 'aggregator' });
    aggregator = await startAggregatorStage(stageConfig(), kafka, testLogger, metrics);
    const loaderGroup = groupName(config, 'loader');
    loader = await startBatchConsumer(kafka, {
      groupId: loaderGroup,
      topics: [topics.daily, topics.rolling, topics.insider, topics.clusters],
      logger: testLogger,
      handle: createLoaderHandler({
        pool,
        avro,
        deadLetters: createDeadLetterSink({ producer, avro, topic: topics.dlq, stage: 'loader', metrics }),
        logger: testLogger,
        metrics,
        groupId: loaderGroup,
        sinks: aggregateSinks(topics),
      }),
    });
  });

  afterAll(async () => {
    await aggregator?.close();
    await loader?.stop();
    await producer?.disconnect();
    await pool?.end();
    await db?.drop();
  });

  it('counts the joint filing once and the derivative P apart, and finds the cluster buy', async () => {
    for (const accession of ['0009990077-26-000001', '0009990077-26-000002', '0009990077-26-000003']) {
      await publish(accession);
    }
    expect(await waitFor('the 03-05 daily summary', () => daily('2026-03-05'))).toEqual({
      purchase_count: 1,
      purchase_shares: '100',
      purchase_value: '1000',
      distinct_buyers: 1,
      other_kind_counts: { derivative_trade: 1 },
    });
    expect(await daily('2026-03-04')).toMatchObject({
      purchase_count: 1,
      purchase_shares: '3000',
      purchase_value: '28500',
      distinct_buyers: 1,
    });
    // Before the amendment: 500 × 11 + 200 × 12.
    expect(await daily('2026-03-03')).toMatchObject({ purchase_count: 2, purchase_value: '7900' });
    const cluster = await waitFor('the cluster buy', async () => {
      const { rows } = await pool.query(
        `SELECT start_date::text, trigger_date::text, active, insider_count, purchase_count, purchase_value::text
           FROM cluster_events WHERE issuer_cik = $1`,
        [ISSUER.cik],
      );
      return rows[0] as Record<string, unknown> | undefined;
    });
    expect(cluster).toEqual({
      start_date: '2026-03-02',
      trigger_date: '2026-03-05',
      active: true,
      insider_count: 3,
      purchase_count: 5,
      purchase_value: '47400',
    });
  });

  it('applies a 4/A consumed after a restart as a correction of one row, keeping the others', async () => {
    await aggregator?.close();
    aggregator = await startAggregatorStage(
      stageConfig(),
      kafka,
      testLogger,
      createMetrics({ test: 'aggregator-2' }),
    );
    await publish('0009990077-26-000004');
    // 500 × 11.50 (restated) + 200 × 12 (the trust row the 4/A does not restate).
    const corrected = await waitFor('the corrected 03-03 summary', async () => {
      const d = await daily('2026-03-03');
      return d?.purchase_value === '8150' ? d : undefined;
    });
    expect(corrected).toMatchObject({ purchase_count: 2, purchase_shares: '700' });
    expect(await daily('2026-03-02')).toMatchObject({ purchase_count: 1, purchase_value: '10000' });
    const week = await waitFor('the corrected 7-day window ending 03-05', async () => {
      const { rows } = await pool.query<{
        purchase_count: number;
        purchase_value: string;
        distinct_buyers: number;
      }>(
        `SELECT purchase_count, purchase_value::text, distinct_buyers FROM rolling_summaries
          WHERE issuer_cik = $1 AND window_days = 7 AND end_date = '2026-03-05'`,
        [ISSUER.cik],
      );
      return rows[0]?.purchase_value === '47650' ? rows[0] : undefined;
    });
    expect(week).toEqual({ purchase_count: 5, purchase_value: '47650', distinct_buyers: 3 });
    const jane = await waitFor("Jane's corrected insider summary of 03-03", async () => {
      const { rows } = await pool.query<{ owner_name: string; is_director: boolean; purchase_value: string }>(
        `SELECT owner_name, is_director, purchase_value::text FROM insider_summaries WHERE owner_cik = $1 AND date = '2026-03-03'`,
        [JANE.cik],
      );
      return rows[0]?.purchase_value === '8150' ? rows[0] : undefined;
    });
    expect(jane).toEqual({ owner_name: 'Doe Jane', is_director: true, purchase_value: '8150' });
  });

  it('replays its input from the start without changing or re-producing anything', async () => {
    await aggregator?.close();
    const group = groupName(config, 'aggregator');
    const { rows: stored } = await pool.query<{ topic: string; partition: number; next_offset: string }>(
      'SELECT topic, partition, next_offset::text FROM loader_offsets WHERE group_id = $1',
      [group],
    );
    await pool.query('UPDATE loader_offsets SET next_offset = 0 WHERE group_id = $1', [group]);
    const metrics = createMetrics({ test: 'aggregator-replay' });
    aggregator = await startAggregatorStage(stageConfig(), kafka, testLogger, metrics);
    await waitFor('the replay to reach the stored offsets again', async () => {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM loader_offsets o JOIN unnest($2::text[], $3::int[], $4::bigint[]) AS s(topic, partition, next_offset)
            ON o.topic = s.topic AND o.partition = s.partition AND o.next_offset >= s.next_offset
          WHERE o.group_id = $1`,
        [group, stored.map((r) => r.topic), stored.map((r) => r.partition), stored.map((r) => r.next_offset)],
      );
      return rows[0]?.n === String(stored.length) ? true : undefined;
    });
    const produced = await metrics.registry.getSingleMetric('sec_tracker_aggregator_outputs_total')?.get();
    expect((produced?.values ?? []).reduce((sum, v) => sum + v.value, 0)).toBe(0);
    expect(await daily('2026-03-03')).toMatchObject({ purchase_count: 2, purchase_value: '8150' });
  });
});
