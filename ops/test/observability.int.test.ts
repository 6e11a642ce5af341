/**
 * Observability against the real thing. Fake EDGAR → crawler → parser → aggregator → loader, each
 * stage with its own registry and /metrics (as separate deployments have), → two `sec-tracker api`
 * processes (one healthy, one whose database does not exist, so 5xx are measured), all scraped by
 * Debian's Prometheus running the committed jobs and alert rules, with Alertmanager and
 * node_exporter beside it. Asserted:
 *  - every PromQL query of every dashboard panel returns at least one series;
 *  - every alert expression parses, and its signals (the expression without its threshold, see
 *    promql-signals.ts) return at least one series: the alert measures something that exists;
 *  - every rule evaluates without error, every target is up, Alertmanager is found;
 *  - the end-to-end histogram counts each loaded filing once, the freshly accepted ones under a day;
 *  - every SQL panel returns rows from the database this pipeline loaded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { buildOwnershipSubmission, FIXTURES_DIR, startFakeEdgar } from '../../devtools/fake-edgar';
import type { FakeEdgar } from '../../devtools/fake-edgar';
import { runStages } from '../../pipeline/src/runtime/run-stages';
import type { PipelineStage, RunningPipeline } from '../../pipeline/src/runtime/run-stages';
import {
  countRows,
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from '../../pipeline/test/integration/helpers';
import { startCli } from '../../pipeline/test/integration/stage-process';
import type { StageProcess } from '../../pipeline/test/integration/stage-process';
import { panelQueries } from './dashboard-queries';
import { freePort, startAlertmanager, startNodeExporter, startPrometheus } from './daemons';
import type { Daemon } from './daemons';
import { expandSqlMacros, relativeMs } from './grafana-macros';
import { instantQuery, prometheusApi } from './prometheus-api';
import { testPrometheusConfig } from './prometheus-config';
import { alertSignals } from './promql-signals';
import { loadAlertRules } from './rule-files';
import { liveFilings } from './synthetic-filings';

const PROMETHEUS_DIR = path.join(__dirname, '../prometheus');
/** What Grafana's $__rate_interval becomes: wider than the whole run, so every counter has two samples. */
const RATE_INTERVAL = '5m';

const queries = panelQueries();
const promQueries = queries.filter((q) => q.kind === 'promql');
const sqlQueries = queries.filter((q) => q.kind === 'sql');
const alerts = loadAlertRules();

interface Api {
  url: string;
  metrics: string;
  process: StageProcess;
}

describe('observability: a real Prometheus scraping a running pipeline', () => {
  let fake: FakeEdgar;
  let db: { url: string; drop(): Promise<void> };
  const stages: Partial<Record<PipelineStage, RunningPipeline>> = {};
  const apis: Api[] = [];
  const daemons: Daemon[] = [];
  let prometheus: Daemon;
  const synthetic = liveFilings(new Date());

  async function startApiProcess(databaseUrl: string, env: Record<string, string>): Promise<Api> {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const process = startCli(['api'], {
      ...env,
      DATABASE_URL: databaseUrl,
      API_PORT: String(port),
      API_METRICS_PORT: String(metricsPort),
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      `the API on ${url}`,
      async () => ((await fetch(`${url}/healthz`).catch(() => null))?.ok ? true : undefined),
      60000,
    );
    // /metrics is served on its own port (API_METRICS_PORT), never on the public API port.
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).not.toBe(200);
    return { url, metrics: `127.0.0.1:${metricsPort}`, process };
  }

  beforeAll(async () => {
    fake = await startFakeEdgar({ dir: FIXTURES_DIR });
    for (const filing of synthetic.all) {
      fake.addFiling(buildOwnershipSubmission(filing));
    }
    // One retried request and one unusable feed page, so the crawler's failure series exist.
    fake.faults.add({ match: `${synthetic.cluster[0]!.accessionNumber}.txt`, kind: 'status503', times: 1 });
    fake.faults.add({ match: 'type=4&', kind: 'htmlFeedError', times: 1 });
    db = await createTestDatabase('obs');
    const env = {
      TOPIC_PREFIX: randomPrefix('obs'),
      EDGAR_BASE_URL: fake.baseUrl,
      EDGAR_DATA_BASE_URL: fake.dataBaseUrl,
      SEC_USER_AGENT: 'sec-tracker tests tests@example.com',
      SEC_RATE_LIMIT: '10',
      CRAWL_SCHEDULE: '*/5 * * * * *',
    };
    const config = testConfig({ ...env, DATABASE_URL: db.url });
    await createTestTopics(config);
    // Each stage in a process of its own would have its own registry: one runStages per stage does too.
    // Downstream first, so nothing the crawler produces waits for a consumer to join.
    for (const stage of ['loader', 'analysis', 'aggregator', 'parser', 'crawler'] as const) {
      stages[stage] = await runStages(config, testLogger, [stage], { metricsPort: 0 });
    }
    const target = (stage: PipelineStage) => [`127.0.0.1:${stages[stage]!.metricsPort}`];
    const [healthy, broken] = await Promise.all([
      startApiProcess(db.url, env),
      startApiProcess(`${db.url}_missing`, env),
    ]);
    apis.push(healthy, broken);
    daemons.push(
      await startNodeExporter(),
      await startAlertmanager(path.join(__dirname, '../alertmanager/alertmanager.yml')),
    );
    const [nodeExporter, alertmanager] = daemons.map((d) => d.url.replace('http://', ''));

    const api = apis[0]!;
    await waitFor(
      'the pipeline to load the fixture and live filings',
      async () => {
        const res = await fetch(`${api.url}/api/v1/form4/${synthetic.clusterTicker}?limit=100`);
        const body = res.ok ? ((await res.json()) as { count: number }) : undefined;
        return body?.count === synthetic.cluster.length ? true : undefined;
      },
      120000,
    );
    for (const route of [
      '/api/v1/form4/ACME',
      '/api/v1/form4/ACME',
      '/api/v1/summary/ACME',
      '/api/v1/form4/ACME?limit=abc',
      '/api/v1/form4/ZZZZZ',
    ]) {
      await fetch(api.url + route);
    }
    // More than the per-minute rate limit, so limited requests are counted where a limit exists.
    await Promise.all(Array.from({ length: 70 }, () => fetch(`${api.url}/api/v1/form4/BRLS`)));
    for (let i = 0; i < 3; i++) {
      await fetch(`${apis[1]!.url}/api/v1/form4/ACME`);
    }

    const committed = readFileSync(path.join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8');
    prometheus = await startPrometheus((self) =>
      testPrometheusConfig(committed, {
        baseDir: PROMETHEUS_DIR,
        alertmanager: alertmanager!,
        targets: {
          crawler: target('crawler'),
          parser: target('parser'),
          aggregator: target('aggregator'),
          loader: target('loader'),
          analysis: target('analysis'),
          api: apis.map((a) => a.metrics),
          node: [nodeExporter!],
          alertmanager: [alertmanager!],
          prometheus: [self],
        },
      }),
    );
    daemons.push(prometheus);
    const promApi = prometheusApi(prometheus.url);
    await waitFor(
      'every target up and every rule evaluated',
      async () => ((await promApi.settled()) ? true : undefined),
      60000,
    );
    // Consumer lag is measured from the brokers on a timer (15 s): wait for its series like the others.
    await waitFor(
      'Prometheus to have scraped the consumer lag of every stage',
      async () =>
        ((await instantQuery(prometheus.url, 'count(sec_tracker_consumer_lag)'))[0]?.value ?? 0) > 0
          ? true
          : undefined,
      60000,
    );
    const filings = await countRows(db.url, 'filings');
    await waitFor(
      'Prometheus to have scraped the end-to-end observation of every loaded filing',
      async () =>
        (await instantQuery(prometheus.url, 'sum(sec_tracker_end_to_end_seconds_count)'))[0]?.value ===
        filings
          ? true
          : undefined,
      60000,
    );
    // Two more scrapes of everything, so every rate() window holds the last events.
    await promApi.nextScrapes(2);
  }, 300000);

  afterAll(async () => {
    for (const a of apis) {
      a.process.child.kill('SIGTERM');
      await a.process.exited;
    }
    for (const stage of ['crawler', 'parser', 'aggregator', 'analysis', 'loader'] as const) {
      await stages[stage]?.close();
    }
    for (const d of [...daemons].reverse()) {
      await d.stop();
    }
    await fake?.close();
    await db?.drop();
  }, 120000);

  it('scrapes every job of prometheus.yml, all targets up, and finds Alertmanager', async () => {
    const api = prometheusApi(prometheus.url);
    const targets = await api.targets();
    expect([...new Set(targets.map((t) => t.job))].sort()).toEqual([
      'aggregator',
      'alertmanager',
      'analysis',
      'api',
      'crawler',
      'loader',
      'node',
      'parser',
      'prometheus',
    ]);
    expect(targets.filter((t) => t.health !== 'up')).toEqual([]);
    expect(await api.alertmanagers()).toHaveLength(1);
  });

  it('evaluates every rule of alerts.yml without error', async () => {
    const rules = await prometheusApi(prometheus.url).rules();
    expect(rules.map((r) => r.name).sort()).toEqual(alerts.map((a) => a.alert).sort());
    expect(rules.filter((r) => r.health !== 'ok')).toEqual([]);
  });

  it.each(promQueries.map((q) => [`${q.dashboard} › ${q.panel} › ${q.refId}`, q.text] as const))(
    'dashboard query %s returns series',
    async (_, expr) => {
      const query = expr.replace(/\$__rate_interval/g, RATE_INTERVAL);
      const series = await instantQuery(prometheus.url, query);
      expect({ query, series: series.length > 0 ? 'some' : 'none' }).toEqual({ query, series: 'some' });
    },
  );

  it.each(alerts.map((a) => [a.alert, a.expr] as const))(
    'alert %s parses, and what it measures returns series',
    async (_, expr) => {
      await instantQuery(prometheus.url, expr);
      for (const signal of alertSignals(expr)) {
        const series = await instantQuery(prometheus.url, signal);
        expect({ signal, series: series.length > 0 ? 'some' : 'none' }).toEqual({ signal, series: 'some' });
      }
    },
  );

  it('observes the end-to-end seconds of each loaded filing once, the live ones under a day', async () => {
    const count = async (q: string) => (await instantQuery(prometheus.url, q))[0]?.value;
    expect(await count('sum(sec_tracker_end_to_end_seconds_count)')).toBe(await countRows(db.url, 'filings'));
    expect(await count('sum(sec_tracker_end_to_end_seconds_bucket{le="86400"})')).toBe(synthetic.loaded);
    expect(await count('sum(sec_tracker_end_to_end_seconds_count{source="live"})')).toBe(
      await countRows(db.url, 'filings'),
    );
  });

  it.each(sqlQueries.map((q) => [`${q.dashboard} › ${q.panel} › ${q.refId}`, q] as const))(
    'SQL panel %s returns rows from the loaded database',
    async (_, q) => {
      const to = new Date();
      const sql = expandSqlMacros(q.text, {
        from: new Date(to.getTime() - relativeMs(q.range)),
        to,
        variables: q.variables,
      });
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query(sql);
        expect(rows.length).toBeGreaterThan(0);
      } finally {
        await client.end();
      }
    },
  );
});
