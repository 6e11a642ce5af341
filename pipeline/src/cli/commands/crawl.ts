import { SQL_DIR } from '../../paths';
import { createRedis } from '../../shared/cache/redis';
import { migrate } from '../../shared/db/migrate';
import { createPool } from '../../shared/db/pool';
import { createKafka } from '../../shared/kafka/client';
import { createProducer } from '../../shared/kafka/producer';
import { createMetrics } from '../../shared/metrics/metrics';
import { createCrawlerContext, requireUserAgent } from '../../stages/crawler/crawler-context';
import { drainQueue } from '../../stages/crawler/fetch-worker';
import { pollLiveFeed } from '../../stages/crawler/live-poll';
import { reconcileDailyIndexes } from '../../stages/crawler/reconcile';
import { refreshTickerMap } from '../../stages/crawler/ticker-map';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';

export const crawlCommand: Command = {
  name: 'crawl',
  summary: 'One crawl now: live feed (and optionally daily indexes, tickers), then exit',
  help: `Usage: sec-tracker crawl [--reconcile] [--tickers] [--no-feed]

Does once what the crawler stage does on its schedules, then exits:
  (default)     reads the getcurrent feed down to the last filing seen before,
  --reconcile   reads the daily indexes published since the last reconciliation,
  --tickers     refreshes company_tickers.json into Postgres (ticker_map),
  --no-feed     skips the feed (e.g. with --reconcile only),
and fetches every filing that is waiting into edgar.filings.raw. Prints a JSON report.
Shares the ledger, cursors and rate limit with running crawlers; SEC_USER_AGENT is required.`,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      reconcile: { type: 'boolean' },
      tickers: { type: 'boolean' },
      'no-feed': { type: 'boolean' },
    });
    const config = ctx.config();
    requireUserAgent(config);
    const logger = ctx.logger();
    const pool = createPool(config, logger, 4);
    const redis = createRedis(config, logger);
    const stop = new AbortController();
    void ctx.shutdown.then(() => stop.abort());
    let producer: Awaited<ReturnType<typeof createProducer>> | undefined;
    try {
      await migrate(pool, SQL_DIR, logger);
      producer = await createProducer(createKafka(config, logger));
      const crawler = createCrawlerContext({
        config,
        logger,
        metrics: createMetrics({ process: 'crawl' }),
        producer,
        pool,
        redis,
      });
      const report: Record<string, unknown> = {};
      if (values.tickers) {
        report.tickers = await refreshTickerMap(crawler, pool, new Date(), stop.signal);
      }
      if (!values['no-feed']) {
        report.feed = await pollLiveFeed(crawler, 'live', stop.signal);
      }
      if (values.reconcile) {
        report.reconcile = await reconcileDailyIndexes(crawler, new Date(), stop.signal);
      }
      report.fetched = await drainQueue(crawler, { signal: stop.signal });
      await crawler.ledger.releaseAll(crawler.worker);
      ctx.stdout(JSON.stringify(report, null, 2));
      return stop.signal.aborted ? 130 : 0;
    } finally {
      await producer?.disconnect().catch(() => undefined);
      await Promise.allSettled([pool.end(), redis.quit()]);
    }
  },
};
