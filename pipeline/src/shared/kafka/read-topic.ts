import { randomBytes } from 'node:crypto';
import type { KafkaClient } from './client';
import type { InMessage } from './consumer';

/**
 * Reads a topic from the beginning with a throwaway consumer group until `count` messages have
 * arrived or `timeoutMs` passes (for inspecting a dead-letter topic, and for tests).
 */
export async function readTopic(
  kafka: KafkaClient,
  topic: string,
  count: number,
  timeoutMs = 30000,
): Promise<InMessage[]> {
  const consumer = kafka.consumer({ groupId: `sec-tracker.reader.${randomBytes(6).toString('hex')}` });
  const out: InMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) {
          if (v !== undefined) {
            headers[k] = v.toString();
          }
        }
        out.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value,
          headers,
          timestamp: Number(message.timestamp),
        });
        if (out.length >= count) {
          done();
        }
        return Promise.resolve();
      },
    });
    await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
    return out;
  } finally {
    await consumer.disconnect();
  }
}
