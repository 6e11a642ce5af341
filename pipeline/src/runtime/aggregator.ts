import type { Config } from '../config/config';
import { SCHEMAS_DIR } from '../paths';
import { createAvroCodec } from '../shared/avro/registry';
import { createDeadLetterSink } from '../shared/dead-letter';
import { createPool } from '../shared/db/pool';
import type { KafkaClient } from '../shared/kafka/client';
import { startBatchConsumer } from '../shared/kafka/consumer';
import { createProducer } from '../shared/kafka/producer';
import type { Logger } from '../shared/logger';
import type { Metrics } from '../shared/metrics/metrics';
import { watchPostgres } from '../shared/metrics/postgres-probe';
import type { ClusterRules } from '../stages/aggregator/model';
import { createAggregatorHandler } from '../stages/aggregator/run';
import { storedPositions } from '../shared/db/stored-offsets';
import { groupName, TOPICS, topicName } from '../topics';
import type { RunningStage } from './stage';
import { consumerMetrics } from './stage';

type ClusterRulesConfig = Pick<
  Config,
  'clusterMinInsiders' | 'clusterWindowDays' | 'clusterMinValue' | 'clusterRoles'
>;

/** What the aggregator stage reads of the config. */
export type AggregatorStageConfig = ClusterRulesConfig &
  Pick<Config, 'schemaRegistryUrl' | 'topicPrefix' | 'groupPrefix' | 'databaseUrl'>;

export function clusterRules(config: ClusterRulesConfig): ClusterRules {
  return {
    minInsiders: config.clusterMinInsiders,
    windowDays: config.clusterWindowDays,
    minValue: config.clusterMinValue,
    roles: config.clusterRoles,
  };
}

/**
 * Wires the aggregator: parsed rows and filings → state in Postgres → issuer/insider summaries and
 * cluster buys on the compacted aggregate topics. Several instances split the partitions; the
 * parser routes an issuer's records to one partition, and an issuer lock in Postgres keeps it
 * correct even when it does not.
 */
export async function startAggregatorStage(
  config: AggregatorStageConfig,
  kafka: KafkaClient,
  logger: Logger,
  metrics: Metrics,
): Promise<RunningStage> {
  const log = logger.child({ stage: 'aggregator' });
  const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
  const pool = createPool(config, log);
  const postgres = watchPostgres({ pool, metrics, stage: 'aggregator', logger: log });
  const topics = {
    rows: topicName(config.topicPrefix, 'transactions'),
    filings: topicName(config.topicPrefix, 'filingsParsed'),
    daily: topicName(config.topicPrefix, 'aggregatesDaily'),
    rolling: topicName(config.topicPrefix, 'aggregatesRolling'),
    insider: topicName(config.topicPrefix, 'aggregatesInsider'),
    clusters: topicName(config.topicPrefix, 'clusterEvents'),
    dlq: topicName(config.topicPrefix, 'deadLetter'),
  };
  await avro.register(topics.daily, TOPICS.aggregatesDaily.valueSchema);
  await avro.register(topics.rolling, TOPICS.aggregatesRolling.valueSchema);
  await avro.register(topics.insider, TOPICS.aggregatesInsider.valueSchema);
  await avro.register(topics.clusters, TOPICS.clusterEvents.valueSchema);
  await avro.register(topics.dlq, TOPICS.deadLetter.valueSchema);
  const producer = await createProducer(kafka, {
    metrics,
    topics: [topics.daily, topics.rolling, topics.insider, topics.clusters, topics.dlq],
  });
  const groupId = groupName(config, 'aggregator');
  const handle = createAggregatorHandler({
    pool,
    avro,
    producer,
    deadLetters: createDeadLetterSink({ producer, avro, topic: topics.dlq, stage: 'aggregator', metrics }),
    logger: log,
    metrics,
    groupId,
    topics,
    rules: clusterRules(config),
  });
  const consumer = await startBatchConsumer(kafka, {
    groupId,
    topics: [topics.rows, topics.filings],
    logger: log,
    handle,
    positionsFor: (assigned) => storedPositions(pool, groupId, assigned),
    ...consumerMetrics(metrics, 'aggregator'),
  });
  log.info('aggregator stage started', { topics, rules: clusterRules(config) });
  return {
    name: 'aggregator',
    failed: consumer.failed,
    async close() {
      postgres.stop();
      await consumer.stop();
      await producer.disconnect();
      await pool.end();
    },
  };
}
