import { topicName } from '../topics';
import type { Config } from '../config/config';
import { createRedis } from '../shared/cache/redis';
import { createPool } from '../shared/db/pool';
import type { KafkaClient } from '../shared/kafka/client';
import { createProducer } from '../shared/kafka/producer';
import type { Logger } from '../shared/logger';
import type { Metrics } from '../shared/metrics/metrics';
import { watchPostgres } from '../shared/metrics/postgres-probe';
import { startCrawler } from '../stages/crawler/run';
import type { CrawlerStageDeps } from '../stages/crawler/run';
import type { RunningStage } from './stage';

/** What the crawler stage reads of the config. */
export type CrawlerStageConfig = CrawlerStageDeps['config'] & Pick<Config, 'databaseUrl' | 'redisUrl'>;

/** Wires the crawler: EDGAR (or the fake EDGAR) → `edgar.filings.raw`. */
export async function startCrawlerStage(
  config: CrawlerStageConfig,
  kafka: KafkaClient,
  logger: Logger,
  metrics: Metrics,
  options: { demo?: boolean } = {},
): Promise<RunningStage> {
  const log = logger.child({ stage: 'crawler' });
  const pool = createPool(config, log);
  const postgres = watchPostgres({ pool, metrics, stage: 'crawler', logger: log });
  const redis = createRedis(config, log);
  const producer = await createProducer(kafka, {
    metrics,
    topics: [topicName(config.topicPrefix, 'filingsRaw')],
  });
  const crawler = await startCrawler({
    config,
    logger: log,
    metrics,
    producer,
    pool,
    redis,
    demo: options.demo,
  });
  return {
    name: 'crawler',
    async close() {
      postgres.stop();
      await crawler.close();
      await producer.disconnect();
      await Promise.allSettled([pool.end(), redis.quit()]);
    },
  };
}
