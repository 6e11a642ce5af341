/** The Pipeline dashboard's rows for the analysis stage and for the processes and hosts. */
import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { timeseries } from './panels';
import { quantile, rate } from './promql';
import { prom } from './queries';

export function withAnalysisRow(d: DashboardBuilder): DashboardBuilder {
  return d
    .withRow(new RowBuilder('Analysis'))
    .withPanel(
      timeseries(
        'Analyses by source and status',
        {
          description:
            'Analysis requests handled per second: by the model (llm) or the rule-based analyst, and how they ended.',
          unit: 'ops',
          width: 8,
        },
        prom(rate('sec_tracker_analysis_requests_total', 'source, status'), '{{source}} {{status}}'),
        prom(rate('sec_tracker_analysis_cache_hits_total', 'source'), 'cache hit {{source}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Failures by reason',
        { description: 'Analyses stored as failed, per second.', unit: 'ops', width: 8 },
        prom(rate('sec_tracker_analysis_failures_total', 'reason'), '{{reason}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Analysis lag (p50, p99)',
        {
          description: 'From an analysis request being produced to its result being produced.',
          unit: 's',
          width: 8,
        },
        prom(quantile(0.5, 'sec_tracker_analysis_lag_seconds'), 'p50'),
        prom(quantile(0.99, 'sec_tracker_analysis_lag_seconds'), 'p99'),
      ),
    )
    .withPanel(
      timeseries(
        'Tokens by direction',
        {
          description: 'Tokens sent to and received from the model provider, per second.',
          unit: 'short',
          width: 8,
        },
        prom(rate('sec_tracker_analysis_tokens_total', 'direction'), '{{direction}}'),
      ),
    )
    .withPanel(
      timeseries(
        'Cost per hour',
        {
          description: 'Model spend at the current rate, US dollars an hour.',
          unit: 'currencyUSD',
          width: 8,
        },
        prom(`${rate('sec_tracker_analysis_cost_dollars_total')} * 3600`, 'dollars an hour'),
      ),
    )
    .withPanel(
      timeseries(
        'Token budget left today',
        {
          description: 'Tokens left in today’s (UTC) budget; at 0 the rule-based analyst takes over.',
          unit: 'short',
          width: 8,
        },
        prom('min(sec_tracker_analysis_budget_remaining_tokens)', 'tokens left'),
      ),
    );
}

export function withProcessRow(d: DashboardBuilder): DashboardBuilder {
  const job = '{job=~"crawler|parser|aggregator|loader|analysis|api"}';
  return d
    .withRow(new RowBuilder('Processes and hosts'))
    .withPanel(
      timeseries(
        'CPU by process',
        { description: 'CPU seconds per second used by each process.', unit: 'percentunit', width: 6 },
        prom(
          `sum by (job, instance) (rate(sec_tracker_process_cpu_seconds_total${job}[$__rate_interval]))`,
          '{{job}} {{instance}}',
        ),
      ),
    )
    .withPanel(
      timeseries(
        'Resident memory by process',
        { description: 'Resident set size of each process.', unit: 'bytes', width: 6 },
        prom(
          `sum by (job, instance) (sec_tracker_process_resident_memory_bytes${job})`,
          '{{job}} {{instance}}',
        ),
      ),
    )
    .withPanel(
      timeseries(
        'Event loop lag (p99)',
        {
          description:
            'How late timers and I/O callbacks run: a blocked event loop delays heartbeats and scrapes.',
          unit: 's',
          width: 6,
        },
        prom(
          `max by (job, instance) (sec_tracker_nodejs_eventloop_lag_p99_seconds${job})`,
          '{{job}} {{instance}}',
        ),
      ),
    )
    .withPanel(
      timeseries(
        'Disk used',
        {
          description: 'Share of each filesystem in use (node-exporter); the alert fires above 90 %.',
          unit: 'percentunit',
          width: 6,
        },
        prom(
          '1 - node_filesystem_avail_bytes{fstype!~"tmpfs|ramfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|ramfs"}',
          '{{instance}} {{mountpoint}}',
        ),
      ),
    );
}
