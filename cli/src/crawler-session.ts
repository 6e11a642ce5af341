import type pg from 'pg';
import { SQL_DIR } from '../../pipeline/src/paths';
import { createRedis } from '../../pipeline/src/shared/cache/redis';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { createKafka } from '../../pipeline/src/shared/kafka/client';
import { createProducer } from '../../pipeline/src/shared/kafka/producer';
import type { Producer } from '../../pipeline/src/shared/kafka/producer';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import { createCrawlerContext, requireUserAgent } from '../../pipeline/src/stages/crawler/crawler-context';
import type { CrawlerContext } from '../../pipeline/src/stages/crawler/crawler-context';
import type { CommandContext } from './command';

export interface CrawlerSession {
  crawler: CrawlerContext;
  pool: pg.Pool;
  /** Aborted on SIGINT/SIGTERM: work stops at the next safe point and can be resumed. */
  signal: AbortSignal;
}

/**
 * What every one-shot crawling command needs (backfill, crawl): the fair-access User-Agent check,
 * Postgres (migrated), Redis and a producer wired into a crawler context, and their closing.
 */
export async function withCrawlerSession<T>(
  ctx: CommandContext,
  processName: string,
  work: (session: CrawlerSession) => Promise<T>,
): Promise<T> {
  const config = ctx.config();
  requireUserAgent(config);
  const logger = ctx.logger();
  const pool = createPool(config, logger, 4);
  const redis = createRedis(config, logger);
  const stop = new AbortController();
  void ctx.shutdown.then(() => stop.abort());
  let producer: Producer | undefined;
  try {
    await migrate(pool, SQL_DIR, logger);
    producer = await createProducer(createKafka(config, logger));
    const crawler = createCrawlerContext({
      config,
      logger,
      metrics: createMetrics({ process: processName }),
      producer,
      pool,
      redis,
    });
    return await work({ crawler, pool, signal: stop.signal });
  } finally {
    await producer?.disconnect().catch(() => undefined);
    await Promise.allSettled([pool.end(), redis.quit()]);
  }
}
