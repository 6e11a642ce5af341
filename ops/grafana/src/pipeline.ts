/**
 * "Pipeline": is every stage up, how fast does data flow, where does it wait, what fails.
 * RED per stage (rate, errors, duration), lag, the crawler's health, dead letters and end-to-end time.
 */
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { stat, timeseries } from './panels';
import { withAnalysisRow, withProcessRow } from './pipeline-analysis';
import { withCrawlerRow } from './pipeline-crawler';
import { withStageRows } from './pipeline-stages';
import { increase, quantile, rate, STAGE_JOBS } from './promql';
import { prom } from './queries';
import { prometheusVariable, secTrackerDashboard } from './variables';

export function pipelineDashboard(): DashboardBuilder {
  const dashboard = secTrackerDashboard('Pipeline', {
    uid: 'sec-tracker-pipeline',
    refresh: '30s',
    from: 'now-6h',
    datasource: prometheusVariable(),
  })
    .withRow(new RowBuilder('Overview'))
    .withPanel(
      stat(
        'Instances up',
        {
          description: 'Scrape targets answering, per stage (prometheus.yml has one job per stage).',
          width: 6,
        },
        prom(`sum by (job) (up{job=~"${STAGE_JOBS}|api"})`, '{{job}}'),
      ),
    )
    .withPanel(
      timeseries(
        'End-to-end: EDGAR acceptance → served by the API',
        {
          description:
            'sec_tracker_end_to_end_seconds: from the acceptance time EDGAR stamps on a filing to the loader having committed it and bumped the API cache, by the crawler source that found it. Only "live" measures freshness; backfilled filings are old by nature.',
          unit: 's',
          width: 12,
        },
        prom(quantile(0.5, 'sec_tracker_end_to_end_seconds', 'source'), 'p50 {{source}}'),
        prom(quantile(0.99, 'sec_tracker_end_to_end_seconds', 'source'), 'p99 {{source}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Postgres reachable',
        {
          description: '1 when SELECT 1 through the stage’s pool answered in time (probed every 5 s).',
          width: 6,
        },
        prom('min by (stage) (sec_tracker_postgres_up)', '{{stage}}'),
      ),
    )
    .withRow(new RowBuilder('Throughput, latency and errors per stage'))
    .withPanel(
      timeseries(
        'Records consumed by stage and topic',
        { description: 'Kafka records each stage finished, per second.', unit: 'ops' },
        prom(rate('sec_tracker_consumed_messages_total', 'stage, topic'), '{{stage}} ← {{topic}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Records produced by topic',
        { description: 'Records the brokers acknowledged (acks=all), per second.', unit: 'ops' },
        prom(rate('sec_tracker_kafka_records_produced_total', 'topic'), '{{topic}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Batch duration by stage (p50, p99)',
        { description: 'Time to handle one consumed batch, retries included.', unit: 's' },
        prom(quantile(0.5, 'sec_tracker_batch_duration_seconds', 'stage'), 'p50 {{stage}}'),
        prom(quantile(0.99, 'sec_tracker_batch_duration_seconds', 'stage'), 'p99 {{stage}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Dead letters by stage and reason',
        {
          description: 'Records sent to the dead-letter topic, per second; the reason is the error code.',
          unit: 'ops',
        },
        prom(rate('sec_tracker_dead_letters_total', 'stage, reason'), '{{stage}} {{reason}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Batch retries by stage',
        {
          description:
            'Batch attempts that failed with a retriable error (a dependency failing), per second; "retrying" is 1 while a batch waits to be retried.',
          unit: 'ops',
        },
        prom(rate('sec_tracker_batch_retries_total', 'stage'), 'retries {{stage}}'),
        prom('max by (stage) (sec_tracker_batch_retrying)', 'retrying {{stage}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Consumer crashes, restarts, rebalances, heartbeat failures',
        { description: 'Events in each interval, by stage.', unit: 'short' },
        prom(
          increase('sec_tracker_consumer_crashes_total', 'stage, retriable'),
          'crash {{stage}} retriable={{retriable}}',
        ),
        prom(increase('sec_tracker_consumer_restarts_total', 'stage'), 'restart {{stage}}'),
        prom(increase('sec_tracker_consumer_rebalances_total', 'stage'), 'rebalance {{stage}}'),
        prom(
          increase('sec_tracker_consumer_heartbeat_failures_total', 'stage'),
          'heartbeat failure {{stage}}',
        ),
      ),
    )
    .withRow(new RowBuilder('Consumer lag'))
    .withPanel(
      timeseries(
        'Lag by stage and topic',
        {
          description:
            'Records not yet consumed by each stage’s group, summed over partitions (measured on a timer).',
          unit: 'short',
        },
        prom('sum by (stage, topic) (sec_tracker_consumer_lag)', '{{stage}} ← {{topic}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Lag growth by stage and topic',
        {
          description: 'Change of the lag per minute over 10 minutes: above 0, input outpaces the stage.',
          unit: 'short',
        },
        prom('sum by (stage, topic) (deriv(sec_tracker_consumer_lag[10m])) * 60', '{{stage}} ← {{topic}}'),
      ),
    );
  return withProcessRow(withAnalysisRow(withCrawlerRow(withStageRows(dashboard))));
}
