/**
 * The Prometheus config of the real-Prometheus test, derived from the committed
 * ops/prometheus/prometheus.yml: the same jobs, rule files and external labels, with each job's
 * service discovery replaced by the test's own targets, and 1 s scrapes and evaluations. A job the
 * test has no target for is an error, so a job added to prometheus.yml cannot go untested. Pure.
 */
import path from 'node:path';
import { parse, stringify } from 'yaml';

interface ScrapeConfig {
  job_name: string;
  [key: string]: unknown;
}

export interface TestPrometheusOptions {
  /** Targets (host:port) by job name, for every job of the committed config. */
  targets: Record<string, string[]>;
  alertmanager: string;
  /** Folder the committed config's relative rule_files are relative to. */
  baseDir: string;
}

export function testPrometheusConfig(committedYaml: string, o: TestPrometheusOptions): string {
  const doc = parse(committedYaml) as {
    global?: Record<string, unknown>;
    rule_files?: string[];
    scrape_configs: ScrapeConfig[];
  };
  const scrapeConfigs = doc.scrape_configs.map((job) => {
    const targets = o.targets[job.job_name];
    if (!targets || targets.length === 0) {
      throw new Error(`the test has no target for job "${job.job_name}" of prometheus.yml`);
    }
    const kept = Object.fromEntries(
      Object.entries(job).filter(([key]) => !key.endsWith('_sd_configs') && key !== 'static_configs'),
    );
    return { ...kept, static_configs: [{ targets }] };
  });
  const unknown = Object.keys(o.targets).filter((j) => !doc.scrape_configs.some((c) => c.job_name === j));
  if (unknown.length > 0) {
    throw new Error(`prometheus.yml has no job ${unknown.join(', ')}`);
  }
  return stringify({
    global: { ...doc.global, scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: (doc.rule_files ?? []).map((f) => path.resolve(o.baseDir, f)),
    alerting: { alertmanagers: [{ static_configs: [{ targets: [o.alertmanager] }] }] },
    scrape_configs: scrapeConfigs,
  });
}
