import type { Config } from '../config/config';
import { SCHEMAS_DIR } from '../paths';
import { createAvroCodec } from '../shared/avro/registry';
import { redisKeys } from '../shared/cache/keys';
import { publishLoadedRows } from '../shared/cache/loaded-rows';
import { createRedis } from '../shared/cache/redis';
import { createDeadLetterSink } from '../shared/dead-letter';
import { createPool } from '../shared/db/pool';
import type { KafkaClient } from '../shared/kafka/client';
import { startBatchConsumer } from '../shared/kafka/consumer';
import { createProducer } from '../shared/kafka/producer';
import type { Logger } from '../shared/logger';
import type { Metrics } from '../shared/metrics/metrics';
import { watchPostgres } from '../shared/metrics/postgres-probe';
import { storedPositions } from '../shared/db/stored-offsets';
import { createLoaderHandler } from '../stages/loader/run';
import { aggregateSinks } from '../stages/loader/aggregate-sinks';
import { analysisResultSink } from '../stages/loader/analysis-sink';
import { filingSink, rowSink } from '../stages/loader/sinks';
import { groupName, TOPICS, topicName } from '../topics';
import type { RunningStage } from './stage';
import { consumerMetrics } from './stage';

/** What the loader stage reads of the config. */
export type LoaderStageConfig = Pick<
  Config,
  'schemaRegistryUrl' | 'topicPrefix' | 'groupPrefix' | 'databaseUrl' | 'redisUrl' | 'redisNamespace'
>;

/** Wires the loader: parsed filings and rows → Postgres (exactly once), then cache versions bumped. */
export async function startLoaderStage(
  config: LoaderStageConfig,
  kafka: KafkaClient,
  logger: Logger,
  metrics: Metrics,
): Promise<RunningStage> {
  const log = logger.child({ stage: 'loader' });
  const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
  const pool = createPool(config, log);
  const postgres = watchPostgres({ pool, metrics, stage: 'loader', logger: log });
  const redis = createRedis(config, log);
  const topics = {
    filings: topicName(config.topicPrefix, 'filingsParsed'),
    rows: topicName(config.topicPrefix, 'transactions'),
    analyses: topicName(config.topicPrefix, 'analysisResults'),
    dlq: topicName(config.topicPrefix, 'deadLetter'),
  };
  const aggregates = {
    daily: topicName(config.topicPrefix, 'aggregatesDaily'),
    rolling: topicName(config.topicPrefix, 'aggregatesRolling'),
    insider: topicName(config.topicPrefix, 'aggregatesInsider'),
    clusters: topicName(config.topicPrefix, 'clusterEvents'),
  };
  await avro.register(topics.dlq, TOPICS.deadLetter.valueSchema);
  const producer = await createProducer(kafka, { metrics, topics: [topics.dlq] });
  const groupId = groupName(config, 'loader');
  const keys = redisKeys(config.redisNamespace);
  const handle = createLoaderHandler({
    pool,
    avro,
    deadLetters: createDeadLetterSink({ producer, avro, topic: topics.dlq, stage: 'loader', metrics }),
    logger: log,
    metrics,
    groupId,
    sinks: new Map([
      [topics.filings, filingSink],
      [topics.rows, rowSink],
      ...aggregateSinks(aggregates),
      [topics.analyses, analysisResultSink],
    ]),
    async onCommitted(issuerCiks) {
      const pipe = redis.pipeline();
      for (const cik of issuerCiks) {
        pipe.incr(keys.issuerVersion(cik));
      }
      pipe.incr(keys.marketVersion);
      await pipe.exec();
    },
    async onRowsCommitted(rows) {
      await publishLoadedRows(redis, keys, rows);
    },
  });
  const consumer = await startBatchConsumer(kafka, {
    groupId,
    topics: [topics.filings, topics.rows, ...Object.values(aggregates), topics.analyses],
    logger: log,
    handle,
    positionsFor: (assigned) => storedPositions(pool, groupId, assigned),
    ...consumerMetrics(metrics, 'loader'),
  });
  log.info('loader stage started', { topics });
  return {
    name: 'loader',
    failed: consumer.failed,
    async close() {
      postgres.stop();
      await consumer.stop();
      await producer.disconnect();
      await Promise.allSettled([pool.end(), redis.quit()]);
    },
  };
}
