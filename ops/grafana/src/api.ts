/** "API": traffic, status, latency by route, cache and rate limits of the read API. */
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { timeseries } from './panels';
import { quantile, rate } from './promql';
import { prom } from './queries';
import { prometheusVariable, secTrackerDashboard } from './variables';

const REQUESTS = 'sec_tracker_api_requests_total';
const DURATION = 'sec_tracker_api_request_duration_seconds';
const CACHE = 'sec_tracker_api_cache_requests_total';

export function apiDashboard(): DashboardBuilder {
  return secTrackerDashboard('API', {
    uid: 'sec-tracker-api',
    refresh: '30s',
    from: 'now-6h',
    datasource: prometheusVariable(),
  })
    .withRow(new RowBuilder('Traffic and errors'))
    .withPanel(
      timeseries(
        'Requests by route',
        { description: 'Requests per second by matched route template.', unit: 'reqps', width: 8 },
        prom(rate(REQUESTS, 'route'), '{{route}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Responses by status',
        { description: 'Responses per second by the status actually sent.', unit: 'reqps', width: 8 },
        prom(rate(REQUESTS, 'status'), '{{status}}'),
      ),
    )
    .withPanel(
      timeseries(
        '5xx share',
        {
          description:
            'Share of requests answered 5xx; the ApiErrorRate alert fires above 5 % for 5 minutes.',
          unit: 'percentunit',
          width: 8,
        },
        prom(`(${rate(`${REQUESTS}{status=~"5.."}`)} or on () vector(0)) / ${rate(REQUESTS)}`, '5xx'),
      ),
    )
    .withPanel(
      timeseries(
        'Client errors by route and status',
        {
          description: '4xx per second: bad parameters, unknown tickers, missing keys, rate limits.',
          unit: 'reqps',
        },
        prom(rate(`${REQUESTS}{status=~"4.."}`, 'route, status'), '{{status}} {{route}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Rate-limited requests by route',
        { description: 'Requests refused with 429 per second.', unit: 'reqps' },
        prom(rate('sec_tracker_api_rate_limited_total', 'route'), '{{route}}'),
      ),
    )
    .withRow(new RowBuilder('Latency'))
    .withPanel(
      timeseries(
        'Latency by route (p50, p99)',
        { description: 'Request duration by route template.', unit: 's' },
        prom(quantile(0.5, DURATION, 'route'), 'p50 {{route}}'),
        prom(quantile(0.99, DURATION, 'route'), 'p99 {{route}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Latency, all routes (p50, p90, p99)',
        { description: 'The ApiLatencyHigh alert fires when p99 stays above 2 s for 10 minutes.', unit: 's' },
        prom(quantile(0.5, DURATION), 'p50'),
        prom(quantile(0.9, DURATION), 'p90'),
        prom(quantile(0.99, DURATION), 'p99'),
      ),
    )
    .withRow(new RowBuilder('Cache'))
    .withPanel(
      timeseries(
        'Cache lookups by route and result',
        {
          description:
            'Cacheable requests per second: hit, miss, or error (Redis failed; answered from Postgres).',
          unit: 'reqps',
          width: 8,
        },
        prom(rate(CACHE, 'route, result'), '{{result}} {{route}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Cache miss ratio',
        {
          description:
            'Misses among cacheable requests; the ApiCacheMissesHigh alert fires above 30 % for 15 minutes.',
          unit: 'percentunit',
          width: 8,
        },
        prom(`${rate(`${CACHE}{result="miss"}`)} / ${rate(CACHE)}`, 'miss ratio'),
      ),
    )
    .withPanel(
      timeseries(
        'Redis reachable',
        { description: '1 while the API instance reaches Redis.', width: 8 },
        prom('min by (instance) (sec_tracker_api_redis_up)', '{{instance}}'),
      ),
    );
}
