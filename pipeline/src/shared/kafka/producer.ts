import { CompressionTypes, Partitioners } from 'kafkajs';
import type { Metrics } from '../metrics/metrics';
import type { KafkaClient } from './client';

export interface OutMessage {
  key: string | null;
  value: Buffer | null;
  headers?: Record<string, string>;
  partition?: number;
}

export interface Producer {
  send(topic: string, messages: OutMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ProducerOptions {
  /** Counts acknowledged records in sec_tracker_kafka_records_produced_total{topic}. */
  metrics?: Metrics;
  /** Topics whose counter starts at 0, so their rate reads 0 before the first record. */
  topics?: string[];
}

/**
 * An idempotent producer (acks=all, broker-side dedup of retries) using the Java client's default
 * partitioner, so keys land on the same partitions whichever client produced them. acks=all and
 * idempotence hold at any cluster size: on three brokers, with min.insync.replicas=2, a record is
 * acknowledged only once two replicas have it, so killing the leader loses nothing acknowledged.
 */
export async function createProducer(kafka: KafkaClient, options: ProducerOptions = {}): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // Idempotence only holds if the client never gives up on a send it may have delivered.
    retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 30000 },
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const produced = options.metrics?.counter({
    name: 'sec_tracker_kafka_records_produced_total',
    help: 'Records acknowledged by the brokers (acks=all), by topic',
    labelNames: ['topic'],
  });
  for (const topic of options.topics ?? []) {
    produced?.inc({ topic }, 0);
  }
  await producer.connect();
  return {
    async send(topic, messages) {
      if (messages.length === 0) {
        return;
      }
      await producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.GZIP,
        messages: messages.map((m) => ({
          key: m.key,
          value: m.value,
          headers: m.headers,
          partition: m.partition,
        })),
      });
      produced?.inc({ topic }, messages.length);
    },
    disconnect: () => producer.disconnect(),
  };
}
