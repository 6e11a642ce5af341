import path from 'node:path';
import { startApi } from '../../api/src/main';
import { loadConfig } from '../../pipeline/src/config/config';
import type { Config } from '../../pipeline/src/config/config';
import { FIXTURES_DIR as FAKE_EDGAR_FIXTURES_DIR, startFakeEdgar } from '../fake-edgar';
import { SQL_DIR } from '../../pipeline/src/paths';
import { runStages, STAGE_NAMES } from '../../pipeline/src/runtime/run-stages';
import { ensureDatabase } from '../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { ensureTopics } from '../../pipeline/src/shared/kafka/admin';
import { createKafka } from '../../pipeline/src/shared/kafka/client';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import { ensureStack } from '../stack/stack';
import { allTopics } from '../../pipeline/src/topics';
import type { Command } from '../../cli/src/command';

/** Demo mode serves bundled EDGAR fixtures when there is no way (or no permission) to reach sec.gov. */
function wantsDemo(config: Config): boolean {
  if (config.demo !== 'auto') {
    return config.demo === 'true';
  }
  return config.secUserAgent === undefined;
}

export const startCommand: Command = {
  name: 'start',
  summary: 'Everything on the default local setup: stack, migrations, topics, all stages and the API',
  help: `Usage: sec-tracker start        (what \`npm start\` runs)

1. brings up the local stack if it is not running (Kafka, schema registry; checks Postgres, Redis):
   a Kafka and a registry already answering at KAFKA_BROKERS and SCHEMA_REGISTRY_URL are used as
   they are, whoever started them, and only what is missing is started,
2. creates the database and applies migrations, creates topics and registers schemas,
3. without SEC_USER_AGENT (or with DEMO=true) starts the bundled fake EDGAR serving fixture
   filings, and points the crawler at it; with SEC_USER_AGENT it crawls sec.gov,
4. runs every stage and the REST API in this process and prints a URL to try.
Ctrl-C stops everything cleanly; \`sec-tracker stack down\` then stops Kafka and the registry.`,
  async run(_args, ctx) {
    let config = ctx.config();
    const logger = ctx.logger();
    await ensureStack(config, logger);
    await ensureDatabase(config.databaseUrl);
    const pool = createPool(config, logger, 1);
    await migrate(pool, SQL_DIR, logger).finally(() => pool.end());
    await ensureTopics(createKafka(config, logger), allTopics(config.topicPrefix));

    const demo = wantsDemo(config);
    const fake = demo
      ? await startFakeEdgar({ dir: FAKE_EDGAR_FIXTURES_DIR, port: config.fakeEdgarPort })
      : undefined;
    for (const { file, reason } of fake?.skipped ?? []) {
      logger.warn('fake EDGAR skipped a file it cannot serve', { file, reason });
    }
    if (fake) {
      config = loadConfig({
        ...process.env,
        EDGAR_BASE_URL: fake.baseUrl,
        EDGAR_DATA_BASE_URL: fake.dataBaseUrl,
        SEC_USER_AGENT: 'sec-tracker demo demo@example.com',
      });
      logger.info('demo mode: crawling the bundled fake EDGAR', {
        url: fake.baseUrl,
        fixtures: path.relative(process.cwd(), FAKE_EDGAR_FIXTURES_DIR),
      });
    }
    const metrics = createMetrics({ process: 'start' });
    const pipeline = await runStages(config, logger, STAGE_NAMES, { demo, metrics }).catch(
      async (err: unknown) => {
        await fake?.close();
        throw err;
      },
    );
    const api = await startApi(config, logger, metrics);
    const example = demo ? `${api.url}/api/v1/form4/ACME` : `${api.url}/api/v1/form4/AAPL`;
    ctx.stdout(
      [
        '',
        `sec-tracker is running${demo ? ' in demo mode (bundled EDGAR fixtures; set SEC_USER_AGENT to crawl sec.gov)' : ''}.`,
        `  Try:     curl ${example}`,
        `           curl ${api.url}/api/v1/analysis   (notable activity, analysed ${config.analysisBaseUrl || config.analysisApiKey ? `by ${config.analysisModel}` : 'by the rules: set ANALYSIS_API_KEY for a model'})`,
        `  Metrics: http://127.0.0.1:${pipeline.metricsPort}/metrics`,
        '  Ctrl-C stops it.',
        '',
      ].join('\n'),
    );
    const signal = await ctx.shutdown;
    logger.info('shutting down', { signal });
    await api.close();
    await pipeline.close();
    await fake?.close();
    logger.info('stopped cleanly');
    return 0;
  },
};
