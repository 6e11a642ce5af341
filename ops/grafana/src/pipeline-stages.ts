/** The Pipeline dashboard's rows of what each consuming stage did with its records. */
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { timeseries } from './panels';
import { quantile, rate } from './promql';
import { prom } from './queries';

export function withStageRows(d: DashboardBuilder): DashboardBuilder {
  return d
    .withRow(new RowBuilder('Parser'))
    .withPanel(
      timeseries(
        'Filings parsed and dead-lettered',
        { description: 'Raw filings handled per second, by outcome and error code.', unit: 'ops', width: 8 },
        prom(rate('sec_tracker_parser_filings_total', 'outcome, code'), '{{outcome}} {{code}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Rows produced',
        {
          description: 'Normalized transaction and holding rows produced per second.',
          unit: 'ops',
          width: 8,
        },
        prom(rate('sec_tracker_parser_rows_total'), 'rows'),
      ),
    )
    .withPanel(
      timeseries(
        'Parse time per filing (p50, p99)',
        { description: 'CPU time to parse and normalize one filing.', unit: 's', width: 8 },
        prom(quantile(0.5, 'sec_tracker_parser_parse_seconds'), 'p50'),
        prom(quantile(0.99, 'sec_tracker_parser_parse_seconds'), 'p99'),
      ),
    )
    .withRow(new RowBuilder('Aggregator'))
    .withPanel(
      timeseries(
        'Records by topic and outcome',
        {
          description: 'Input records per second: aggregated, dead-letter, or skipped as a redelivery.',
          unit: 'ops',
          width: 8,
        },
        prom(rate('sec_tracker_aggregator_records_total', 'topic, outcome'), '{{outcome}} ← {{topic}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Aggregates produced by output',
        {
          description: 'Daily, rolling, insider summaries and cluster events produced per second.',
          unit: 'ops',
          width: 8,
        },
        prom(rate('sec_tracker_aggregator_outputs_total', 'output'), '{{output}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Batch transaction time (p50, p99)',
        {
          description: 'One committed batch: state update, recompute, produce, stored offset.',
          unit: 's',
          width: 8,
        },
        prom(quantile(0.5, 'sec_tracker_aggregator_transaction_seconds'), 'p50'),
        prom(quantile(0.99, 'sec_tracker_aggregator_transaction_seconds'), 'p99'),
      ),
    )
    .withRow(new RowBuilder('Loader'))
    .withPanel(
      timeseries(
        'Records by topic and outcome',
        {
          description: 'Records per second: loaded, dead-letter, or skipped as a redelivery (exactly once).',
          unit: 'ops',
          width: 8,
        },
        prom(rate('sec_tracker_loader_records_total', 'topic, outcome'), '{{outcome}} ← {{topic}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Commit time and record age (p99)',
        {
          description:
            'Batch transaction (COPY, merge, offset) time, and the age of records at commit (since they were produced to Kafka).',
          unit: 's',
          width: 8,
        },
        prom(quantile(0.99, 'sec_tracker_loader_transaction_seconds'), 'transaction p99'),
        prom(quantile(0.99, 'sec_tracker_loader_end_to_end_lag_seconds'), 'record age p99'),
      ),
    )
    .withPanel(
      timeseries(
        'Postgres pool clients',
        {
          description: 'Clients of each stage’s pool: total, idle, and requests waiting for one.',
          unit: 'short',
          width: 8,
        },
        prom('sum by (stage, state) (sec_tracker_postgres_pool_clients)', '{{stage}} {{state}}'),
      ),
    );
}
