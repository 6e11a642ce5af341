/** The loader's Prometheus metrics, declared once (prom-client metrics are idempotent by name). */
import type { Metrics } from '../../shared/metrics/metrics';

/** From seconds to a week: a live filing lands in seconds, a backfilled one years after acceptance. */
const END_TO_END_BUCKETS = [5, 10, 15, 30, 45, 60, 90, 120, 180, 300, 600, 1800, 3600, 21600, 86400, 604800];

export function loaderMetrics(metrics: Metrics) {
  return {
    records: metrics.counter({
      name: 'sec_tracker_loader_records_total',
      help: 'Records handled, by topic and outcome (loaded, dead-letter, redelivered-skip, superseded: a dataset version an xml version replaces)',
      labelNames: ['topic', 'outcome'],
    }),
    recordAge: metrics.histogram({
      name: 'sec_tracker_loader_end_to_end_lag_seconds',
      help: 'Time from a record being produced to the parsed/aggregate topics to its commit in Postgres',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
    }),
    transactionSeconds: metrics.histogram({
      name: 'sec_tracker_loader_transaction_seconds',
      help: 'Time of one committed batch transaction: COPY, merge, dead letters, offset',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    /**
     * One observation per filing the loader commits for the first time: the seconds from its EDGAR
     * acceptance time (`acceptedAt`, as EDGAR stamps it) to the moment the loader's transaction has
     * committed and the API cache versions of its issuer have been bumped, i.e. when the API first
     * answers with it. Labelled by the crawler source that found it (live, reconcile, backfill,
     * company, demo; `unknown` when the record carries no source): only `live` measures freshness.
     * Filings without an acceptance time and redeliveries are not observed.
     */
    endToEnd: metrics.histogram({
      name: 'sec_tracker_end_to_end_seconds',
      help: 'EDGAR acceptance time of a filing to the moment the API can serve it (loader commit and cache bump), by crawl source',
      labelNames: ['source'],
      buckets: END_TO_END_BUCKETS,
    }),
  };
}

export type LoaderMetrics = ReturnType<typeof loaderMetrics>;
