/** The crawler's Prometheus metrics, declared once (prom-client metrics are idempotent by name). */
import type { Metrics } from '../../shared/metrics/metrics';

export function crawlerMetrics(metrics: Metrics) {
  return {
    requests: metrics.counter({
      name: 'sec_tracker_crawler_requests_total',
      help: 'HTTP requests to EDGAR by endpoint and status (an HTTP status code, timeout or network)',
      labelNames: ['endpoint', 'status'],
    }),
    requestSeconds: metrics.histogram({
      name: 'sec_tracker_crawler_request_seconds',
      help: 'Duration of EDGAR requests, body included, by endpoint',
      labelNames: ['endpoint'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    retries: metrics.counter({
      name: 'sec_tracker_crawler_retries_total',
      help: 'EDGAR requests retried, by reason',
      labelNames: ['reason'],
    }),
    rateWaitSeconds: metrics.histogram({
      name: 'sec_tracker_crawler_rate_wait_seconds',
      help: 'Time spent waiting for the shared request pacer',
      buckets: [0, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    }),
    breakerOpen: metrics.gauge({
      name: 'sec_tracker_crawler_breaker_open',
      help: '1 while this process is paused by the shared 403 breaker',
    }),
    breakerTrips: metrics.counter({
      name: 'sec_tracker_crawler_breaker_trips_total',
      help: 'Times a 403 from EDGAR opened the shared breaker',
    }),
    badInput: metrics.counter({
      name: 'sec_tracker_crawler_bad_input_total',
      help: 'EDGAR documents or lines the crawler could not use, by source and reason (each one is logged)',
      labelNames: ['source', 'reason'],
    }),
    discovered: metrics.counter({
      name: 'sec_tracker_crawler_discovered_total',
      help: 'Filings newly added to the crawl ledger, by source',
      labelNames: ['source'],
    }),
    fetched: metrics.counter({
      name: 'sec_tracker_crawler_filings_total',
      help: 'Filings finished by outcome (produced, skipped, failed, retry)',
      labelNames: ['outcome'],
    }),
    duplicates: metrics.counter({
      name: 'sec_tracker_crawler_duplicates_produced_total',
      help: 'Filings produced to the raw topic more than once (after a crash or a lost lease)',
    }),
    leaseRenewalFailures: metrics.counter({
      name: 'sec_tracker_crawler_lease_renewal_failures_total',
      help: 'Filing lease renewals that failed (Postgres error) or found the lease already lost',
    }),
    reconcileFound: metrics.counter({
      name: 'sec_tracker_crawler_reconcile_found_total',
      help: 'Filings the daily index listed that the live feed had missed',
    }),
    feedDepthReached: metrics.counter({
      name: 'sec_tracker_crawler_feed_depth_reached_total',
      help: 'Live polls that hit the feed paging limit before reaching the last seen filing',
    }),
  };
}

export type CrawlerMetrics = ReturnType<typeof crawlerMetrics>;
