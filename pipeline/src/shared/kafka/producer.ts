import { CompressionTypes, Partitioners } from 'kafkajs';
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

/**
 * An idempotent producer (acks=all, broker-side dedup of retries) using the Java client's default
 * partitioner, so keys land on the same partitions whichever client produced them.
 */
export async function createProducer(kafka: KafkaClient): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // Idempotence only holds if the client never gives up on a send it may have delivered.
    retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 30000 },
    createPartitioner: Partitioners.DefaultPartitioner,
  });
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
    },
    disconnect: () => producer.disconnect(),
  };
}
