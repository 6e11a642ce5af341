import { parse } from 'yaml';
import { testPrometheusConfig } from './prometheus-config';

const COMMITTED = `
global: { scrape_interval: 15s, external_labels: { runbook_base: 'https://example.com/r.md' } }
rule_files: ['alerts.yml']
alerting: { alertmanagers: [{ static_configs: [{ targets: ['alertmanager:9093'] }] }] }
scrape_configs:
  - job_name: parser
    dns_sd_configs: [{ names: [parser], type: A, port: 9464 }]
  - job_name: api
    metrics_path: /metrics
    dns_sd_configs: [{ names: [api], type: A, port: 8080 }]
`;

describe('testPrometheusConfig', () => {
  it('keeps jobs, rules and labels, and points every job at the test targets', () => {
    const out = parse(
      testPrometheusConfig(COMMITTED, {
        targets: { parser: ['127.0.0.1:4001'], api: ['127.0.0.1:4002', '127.0.0.1:4003'] },
        alertmanager: '127.0.0.1:4004',
        baseDir: '/repo/ops/prometheus',
      }),
    ) as Record<string, unknown>;
    expect(out).toEqual({
      global: {
        scrape_interval: '1s',
        scrape_timeout: '1s',
        evaluation_interval: '1s',
        external_labels: { runbook_base: 'https://example.com/r.md' },
      },
      rule_files: ['/repo/ops/prometheus/alerts.yml'],
      alerting: { alertmanagers: [{ static_configs: [{ targets: ['127.0.0.1:4004'] }] }] },
      scrape_configs: [
        { job_name: 'parser', static_configs: [{ targets: ['127.0.0.1:4001'] }] },
        {
          job_name: 'api',
          metrics_path: '/metrics',
          static_configs: [{ targets: ['127.0.0.1:4002', '127.0.0.1:4003'] }],
        },
      ],
    });
  });

  it('refuses a committed job the test has no target for, and a target for no job', () => {
    const base = { alertmanager: 'a:1', baseDir: '/' };
    expect(() => testPrometheusConfig(COMMITTED, { ...base, targets: { parser: ['p:1'] } })).toThrow(
      /job "api"/,
    );
    expect(() =>
      testPrometheusConfig(COMMITTED, {
        ...base,
        targets: { parser: ['p:1'], api: ['a:1'], loader: ['l:1'] },
      }),
    ).toThrow(/no job loader/);
  });
});
