/** The parser stage's Prometheus metrics, declared once (prom-client metrics are idempotent by name). */
import type { Metrics } from '../../shared/metrics/metrics';

export function parserMetrics(metrics: Metrics) {
  const filings = metrics.counter({
    name: 'sec_tracker_parser_filings_total',
    help: 'Raw filings handled by the parser, by outcome (parsed, dead-letter) and error code',
    labelNames: ['outcome', 'code'],
  });
  // Present from the start, so a rate over it reads 0 rather than nothing before the first filing.
  filings.inc({ outcome: 'parsed', code: '' }, 0);
  return {
    filings,
    rows: metrics.counter({
      name: 'sec_tracker_parser_rows_total',
      help: 'Normalized rows produced',
    }),
    parseSeconds: metrics.histogram({
      name: 'sec_tracker_parser_parse_seconds',
      help: 'CPU time to parse and normalize one raw filing (Avro encoding and Kafka excluded)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    }),
  };
}

export type ParserMetrics = ReturnType<typeof parserMetrics>;
