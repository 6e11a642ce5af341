import type { Config } from '../config/config';
import { SCHEMAS_DIR } from '../paths';
import { createAvroCodec } from '../shared/avro/registry';
import { createDeadLetterSink } from '../shared/dead-letter';
import type { KafkaClient } from '../shared/kafka/client';
import { startBatchConsumer } from '../shared/kafka/consumer';
import { createProducer } from '../shared/kafka/producer';
import type { Logger } from '../shared/logger';
import type { Metrics } from '../shared/metrics/metrics';
import { createParserHandler } from '../stages/parser/run';
import { groupName, TOPICS, topicName } from '../topics';
import type { RunningStage } from './stage';
import { consumerMetrics } from './stage';

/** What the parser stage reads of the config. */
export type ParserStageConfig = Pick<Config, 'schemaRegistryUrl' | 'topicPrefix' | 'groupPrefix'>;

/** Wires the parser stage: raw topic → parse → parsed filings + rows topics, failures → DLQ. */
export async function startParserStage(
  config: ParserStageConfig,
  kafka: KafkaClient,
  logger: Logger,
  metrics: Metrics,
): Promise<RunningStage> {
  const log = logger.child({ stage: 'parser' });
  const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
  const topics = {
    raw: topicName(config.topicPrefix, 'filingsRaw'),
    filings: topicName(config.topicPrefix, 'filingsParsed'),
    rows: topicName(config.topicPrefix, 'transactions'),
    dlq: topicName(config.topicPrefix, 'deadLetter'),
  };
  await avro.register(topics.filings, TOPICS.filingsParsed.valueSchema);
  await avro.register(topics.rows, TOPICS.transactions.valueSchema);
  await avro.register(topics.dlq, TOPICS.deadLetter.valueSchema);
  const producer = await createProducer(kafka, {
    metrics,
    topics: [topics.filings, topics.rows, topics.dlq],
  });
  const deadLetters = createDeadLetterSink({ producer, avro, topic: topics.dlq, stage: 'parser', metrics });
  const handle = createParserHandler({
    avro,
    producer,
    deadLetters,
    logger: log,
    metrics,
    topics,
    partitions: { filings: TOPICS.filingsParsed.partitions, rows: TOPICS.transactions.partitions },
  });
  const consumer = await startBatchConsumer(kafka, {
    groupId: groupName(config, 'parser'),
    topics: [topics.raw],
    logger: log,
    handle,
    ...consumerMetrics(metrics, 'parser'),
  });
  log.info('parser stage started', { topics });
  return {
    name: 'parser',
    failed: consumer.failed,
    async close() {
      await consumer.stop();
      await producer.disconnect();
    },
  };
}
