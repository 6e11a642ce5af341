import type { AvroCodec } from './avro/registry';
import type { InMessage } from './kafka/consumer';
import type { Producer } from './kafka/producer';
import type { Metrics } from './metrics/metrics';

export interface DeadLetterReason {
  code: string;
  message: string;
}

export interface DeadLetterSink {
  /** Sends the original message with the reason; resolves once the broker has it. */
  send(original: InMessage, reason: DeadLetterReason): Promise<void>;
}

/**
 * Encodes dead letters with schemas/dead_letter.avsc; the topic's schema must be registered first.
 * Every dead letter the broker acknowledged is counted in
 * `sec_tracker_dead_letters_total{stage, reason}`, `reason` being the error code (a closed set
 * per stage, so the label stays small).
 */
export function createDeadLetterSink(deps: {
  producer: Producer;
  avro: AvroCodec;
  topic: string;
  stage: string;
  metrics: Metrics;
}): DeadLetterSink {
  const sent = deps.metrics.counter({
    name: 'sec_tracker_dead_letters_total',
    help: 'Records sent to the dead-letter topic, by stage and reason (error code)',
    labelNames: ['stage', 'reason'],
  });
  return {
    async send(original, reason) {
      const value = await deps.avro.encode(deps.topic, {
        stage: deps.stage,
        errorCode: reason.code,
        errorMessage: reason.message.slice(0, 4000),
        sourceTopic: original.topic,
        sourcePartition: original.partition,
        sourceOffset: original.offset,
        key: original.key,
        headers: original.headers,
        payload: original.value,
        failedAt: new Date().toISOString(),
      });
      await deps.producer.send(deps.topic, [
        { key: original.key, value, headers: { stage: deps.stage, 'error-code': reason.code } },
      ]);
      sent.inc({ stage: deps.stage, reason: reason.code });
    },
  };
}
