import type { BatchConsumerOptions } from '../shared/kafka/consumer';
import type { Metrics } from '../shared/metrics/metrics';

export interface RunningStage {
  readonly name: string;
  /** Stops consuming after the current batch and closes every connection the stage opened. */
  close(): Promise<void>;
}

/** Batch timing, lag and retry metrics shared by every consuming stage. */
export function consumerMetrics(
  metrics: Metrics,
  stage: string,
): Pick<BatchConsumerOptions, 'onBatchDone' | 'onRetry'> {
  const batches = metrics.histogram({
    name: 'sec_tracker_batch_duration_seconds',
    help: 'Time to process one consumed batch',
    labelNames: ['stage'],
  });
  const messages = metrics.counter({
    name: 'sec_tracker_consumed_messages_total',
    help: 'Messages consumed',
    labelNames: ['stage', 'topic'],
  });
  const lag = metrics.gauge({
    name: 'sec_tracker_consumer_lag',
    help: 'High watermark minus next offset, per partition',
    labelNames: ['stage', 'topic', 'partition'],
  });
  const retries = metrics.counter({
    name: 'sec_tracker_batch_retries_total',
    help: 'Batches retried after a failure',
    labelNames: ['stage'],
  });
  // Present from the start: a retry rate reads 0, not "no data", until the first retry.
  retries.inc({ stage }, 0);
  return {
    onBatchDone(batch, ms) {
      batches.observe({ stage }, ms / 1000);
      messages.inc({ stage, topic: batch.topic }, batch.messages.length);
      const last = batch.messages[batch.messages.length - 1];
      if (last) {
        lag.set(
          { stage, topic: batch.topic, partition: String(batch.partition) },
          Number(BigInt(batch.highWatermark) - BigInt(last.offset) - 1n),
        );
      }
    },
    onRetry() {
      retries.inc({ stage });
    },
  };
}
