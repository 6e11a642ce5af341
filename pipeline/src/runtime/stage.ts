import type { ConsumerEvents } from '../shared/kafka/consumer';
import type { Metrics } from '../shared/metrics/metrics';

export interface RunningStage {
  readonly name: string;
  /** Stops consuming after the current batch and closes every connection the stage opened. */
  close(): Promise<void>;
  /** Settles if one of the stage's consumers gave up (too many restarts): the process must exit non-zero. */
  readonly failed?: Promise<Error>;
}

/**
 * Batch timing, lag, retry, crash and group metrics shared by every consuming stage. Names and
 * labels are the ones ops/prometheus/alerts.yml and ops/grafana/src query; every labelled series
 * starts at 0 so a rate reads 0, not "no data", until the first event.
 */
export function consumerMetrics(metrics: Metrics, stage: string): ConsumerEvents {
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
    help: "Records after the group's committed offset, per partition (measured from the brokers on a timer)",
    labelNames: ['stage', 'topic', 'partition'],
  });
  const retries = metrics.counter({
    name: 'sec_tracker_batch_retries_total',
    help: 'Batch attempts that failed with a retriable error and were retried',
    labelNames: ['stage'],
  });
  const retrying = metrics.gauge({
    name: 'sec_tracker_batch_retrying',
    help: 'Batches currently retrying after a retriable error (non-zero while a dependency fails)',
    labelNames: ['stage'],
  });
  const crashes = metrics.counter({
    name: 'sec_tracker_consumer_crashes_total',
    help: 'Consumer crashes (non-retriable error, retries exhausted, or a kafkajs crash)',
    labelNames: ['stage', 'retriable'],
  });
  const restarts = metrics.counter({
    name: 'sec_tracker_consumer_restarts_total',
    help: 'Consumer restarts after a crash',
    labelNames: ['stage'],
  });
  const heartbeats = metrics.counter({
    name: 'sec_tracker_consumer_heartbeat_failures_total',
    help: 'Heartbeats to the group coordinator that failed',
    labelNames: ['stage'],
  });
  const rebalances = metrics.counter({
    name: 'sec_tracker_consumer_rebalances_total',
    help: 'Group joins of this member (each rebalance it took part in)',
    labelNames: ['stage'],
  });
  retries.inc({ stage }, 0);
  retrying.set({ stage }, 0);
  crashes.inc({ stage, retriable: 'true' }, 0);
  crashes.inc({ stage, retriable: 'false' }, 0);
  restarts.inc({ stage }, 0);
  heartbeats.inc({ stage }, 0);
  rebalances.inc({ stage }, 0);
  return {
    onBatchDone(batch, ms) {
      batches.observe({ stage }, ms / 1000);
      messages.inc({ stage, topic: batch.topic }, batch.messages.length);
    },
    onRetry: () => retries.inc({ stage }),
    onRetrying: (delta) => retrying.inc({ stage }, delta),
    onCrash: (_err, retriable) => crashes.inc({ stage, retriable: String(retriable) }),
    onRestart: () => restarts.inc({ stage }),
    onHeartbeatFailure: () => heartbeats.inc({ stage }),
    onRebalance: () => rebalances.inc({ stage }),
    onLag: (topic, partition, value) => lag.set({ stage, topic, partition: String(partition) }, value),
  };
}
