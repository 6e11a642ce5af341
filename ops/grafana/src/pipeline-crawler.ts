/** The Pipeline dashboard's crawler row: EDGAR requests, manners, discovery and freshness. */
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { timeseries } from './panels';
import { increase, quantile, rate } from './promql';
import { prom } from './queries';

export function withCrawlerRow(d: DashboardBuilder): DashboardBuilder {
  return d
    .withRow(new RowBuilder('Crawler'))
    .withPanel(
      timeseries(
        'Behind the live feed',
        {
          description:
            'Seconds since each crawler last finished a live poll that read every feed type and drained what it found. The alert fires when even the freshest crawler is 10 minutes behind.',
          unit: 's',
          width: 8,
        },
        prom('sec_tracker_crawler_live_feed_behind_seconds', '{{instance}}'),
      ),
    )
    .withPanel(
      timeseries(
        'EDGAR requests by endpoint and status',
        {
          description: 'Requests per second; status is the HTTP status, timeout or network.',
          unit: 'reqps',
          width: 8,
        },
        prom(rate('sec_tracker_crawler_requests_total', 'endpoint, status'), '{{endpoint}} {{status}}'),
      ),
    )
    .withPanel(
      timeseries(
        'EDGAR request duration by endpoint (p99)',
        { description: 'Request time, body included.', unit: 's', width: 8 },
        prom(quantile(0.99, 'sec_tracker_crawler_request_seconds', 'endpoint'), '{{endpoint}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Rate-limit waits (p50, p99)',
        {
          description: 'Time a request waited for the request pacer shared by all crawlers (SEC_RATE_LIMIT).',
          unit: 's',
          width: 8,
        },
        prom(quantile(0.5, 'sec_tracker_crawler_rate_wait_seconds'), 'p50'),
        prom(quantile(0.99, 'sec_tracker_crawler_rate_wait_seconds'), 'p99'),
      ),
    )
    .withPanel(
      timeseries(
        '403 breaker',
        {
          description:
            '"open" is 1 while a crawler waits on the shared breaker EDGAR’s 403 opened; trips per interval.',
          unit: 'short',
          width: 8,
        },
        prom('max(sec_tracker_crawler_breaker_open)', 'open'),
        prom(increase('sec_tracker_crawler_breaker_trips_total'), 'trips'),
      ),
    )
    .withPanel(
      timeseries(
        'EDGAR retries by reason',
        { description: 'Requests retried per second, by status or failure.', unit: 'reqps', width: 8 },
        prom(rate('sec_tracker_crawler_retries_total', 'reason'), '{{reason}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Filings discovered by source',
        {
          description:
            'Filings newly added to the crawl ledger per second: live feed, reconciliation, backfill, company.',
          unit: 'ops',
          width: 8,
        },
        prom(rate('sec_tracker_crawler_discovered_total', 'source'), '{{source}}'),
        prom(
          rate('sec_tracker_crawler_reconcile_found_total'),
          'missed by the feed, found in the daily index',
        ),
      ),
    )
    .withPanel(
      timeseries(
        'Filings fetched by outcome',
        {
          description: 'Filings finished per second: produced to Kafka, skipped, failed, or retried later.',
          unit: 'ops',
          width: 8,
        },
        prom(rate('sec_tracker_crawler_filings_total', 'outcome'), '{{outcome}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Unusable EDGAR input, duplicates, leases lost',
        {
          description:
            'Documents or lines the crawler could not use (each is logged), filings produced twice, lease renewals that failed, feed polls that hit the paging limit; per interval.',
          unit: 'short',
          width: 8,
        },
        prom(increase('sec_tracker_crawler_bad_input_total', 'source, reason'), '{{source}} {{reason}}'),
        prom(increase('sec_tracker_crawler_duplicates_produced_total'), 'produced twice'),
        prom(increase('sec_tracker_crawler_lease_renewal_failures_total'), 'lease renewals failed'),
        prom(increase('sec_tracker_crawler_feed_depth_reached_total'), 'feed paging limit hit'),
      ),
    );
}
