/** The aggregator's Prometheus metrics, declared once (prom-client metrics are idempotent by name). */
import type { Metrics } from '../../shared/metrics/metrics';

export function aggregatorMetrics(metrics: Metrics) {
  return {
    records: metrics.counter({
      name: 'sec_tracker_aggregator_records_total',
      help: 'Input records handled, by topic and outcome (aggregated, dead-letter, redelivered-skip)',
      labelNames: ['topic', 'outcome'],
    }),
    outputs: metrics.counter({
      name: 'sec_tracker_aggregator_outputs_total',
      help: 'Aggregate records produced, by output (daily, rolling, insider, cluster)',
      labelNames: ['output'],
    }),
    transactionSeconds: metrics.histogram({
      name: 'sec_tracker_aggregator_transaction_seconds',
      help: 'Time of one committed batch transaction: state update, recompute, produce, offset',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
  };
}
