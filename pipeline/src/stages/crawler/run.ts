/**
 * The crawler stage: polls the live feed on CRAWL_SCHEDULE, reconciles published daily indexes on
 * RECONCILE_SCHEDULE, refreshes the ticker map on TICKERS_SCHEDULE, and after each discovery drains
 * the ledger into `edgar.filings.raw`. Runs of one kind never overlap; `close()` stops the
 * schedules, interrupts in-flight requests and waits for them, then hands back this process's leases.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/config';
import type { Producer } from '../../shared/kafka/producer';
import type { Logger } from '../../shared/logger';
import type { Metrics } from '../../shared/metrics/metrics';
import { createCrawlerContext } from './crawler-context';
import type { CrawlerConfig } from './crawler-context';
import { drainQueue } from './fetch-worker';
import type { DrainReport } from './fetch-worker';
import { liveFeedLag } from './live-feed-lag';
import { pollLiveFeed } from './live-poll';
import type { FeedTypeReport } from './live-poll';
import { reconcileDailyIndexes } from './reconcile';
import type { ReconciledDay } from './reconcile';
import { refreshTickerMap, tickerMapIsFresh } from './ticker-map';
import type { TickerRefreshReport } from './ticker-map';

/** How long close() waits for in-flight work (a Kafka send cannot be interrupted). */
const CLOSE_WAIT_MS = 15_000;

export interface PollReport extends DrainReport {
  feeds: FeedTypeReport[];
  /** Filings this poll added to the ledger. */
  discovered: number;
  /** Every polled feed type reached the previous poll's newest filing (false on a first poll). */
  reachedLastSeen: boolean;
}

export interface ReconcileReport extends DrainReport {
  days: ReconciledDay[];
  found: number;
}

export interface RunningCrawler {
  close(): Promise<void>;
  pollOnce(): Promise<PollReport>;
  reconcileOnce(now?: Date): Promise<ReconcileReport>;
  refreshTickers(now?: Date): Promise<TickerRefreshReport>;
}

export interface CrawlerStageDeps {
  config: CrawlerConfig & Pick<Config, 'crawlSchedule' | 'reconcileSchedule' | 'tickersSchedule'>;
  logger: Logger;
  metrics: Metrics;
  producer: Producer;
  pool: pg.Pool;
  redis: Redis;
  /** Records found by the live poll are labelled `demo` (the bundled fake EDGAR). */
  demo?: boolean;
}

export async function startCrawler(deps: CrawlerStageDeps): Promise<RunningCrawler> {
  const ctx = createCrawlerContext(deps);
  // Fail at start, with a hint, rather than on the first scheduled run.
  await deps.pool.query('SELECT 1 FROM crawl_filings LIMIT 0').catch((err: unknown) => {
    throw new Error(`crawler tables missing (run \`sec-tracker migrate\`): ${(err as Error).message}`);
  });
  const { logger } = ctx;
  const config = deps.config;
  const feedLag = liveFeedLag(deps.metrics);
  for (const [name, expr] of [
    ['CRAWL_SCHEDULE', config.crawlSchedule],
    ['RECONCILE_SCHEDULE', config.reconcileSchedule],
    ['TICKERS_SCHEDULE', config.tickersSchedule],
  ] as const) {
    if (!cron.validate(expr)) {
      throw new Error(`${name} is not a valid cron expression: "${expr}"`);
    }
  }
  const stop = new AbortController();
  const signal = stop.signal;
  const inFlight = new Set<Promise<unknown>>();
  // One chain per kind of run: a manual pollOnce() waits for a scheduled poll instead of overlapping it.
  const chains = new Map<string, Promise<unknown>>();
  function exclusive<T>(kind: string, fn: () => Promise<T>): Promise<T> {
    const previous = chains.get(kind) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    chains.set(kind, run);
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  const pollOnce = (): Promise<PollReport> =>
    exclusive('live', async () => {
      const feeds = await pollLiveFeed(ctx, deps.demo ? 'demo' : 'live', signal);
      const drained = await drainQueue(ctx, { signal });
      if (feeds.every((f) => f.error === undefined)) {
        feedLag.caughtUp();
      }
      const report = {
        feeds,
        discovered: feeds.reduce((n, f) => n + f.discovered, 0),
        reachedLastSeen: feeds.every((f) => f.reachedLastSeen),
        ...drained,
      };
      const level =
        report.discovered > 0 || report.failed > 0 || feeds.some((f) => f.error) ? 'info' : 'debug';
      logger[level]('live poll done', {
        discovered: report.discovered,
        produced: report.produced,
        failed: report.failed,
      });
      return report;
    });

  const reconcileOnce = (now: Date = new Date()): Promise<ReconcileReport> =>
    exclusive('reconcile', async () => {
      const days = await reconcileDailyIndexes(ctx, now, signal);
      const drained = await drainQueue(ctx, { signal });
      return { days, found: days.reduce((n, d) => n + d.found, 0), ...drained };
    });

  const refreshTickers = (now: Date = new Date()): Promise<TickerRefreshReport> =>
    exclusive('tickers', () => refreshTickerMap(ctx, deps.pool, now, signal));

  const scheduled = (name: string, fn: () => Promise<unknown>) => async () => {
    if (signal.aborted) {
      return;
    }
    await fn().catch((err: unknown) => {
      if (!signal.aborted) {
        logger.error(`scheduled ${name} failed`, { err });
      }
    });
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(config.crawlSchedule, scheduled('live poll', pollOnce), {
      name: 'crawler-live',
      noOverlap: true,
    }),
    cron.schedule(config.reconcileSchedule, scheduled('reconciliation', reconcileOnce), {
      name: 'crawler-reconcile',
      noOverlap: true,
    }),
    cron.schedule(config.tickersSchedule, scheduled('ticker refresh', refreshTickers), {
      name: 'crawler-tickers',
      noOverlap: true,
    }),
  ];
  // Do not wait a whole period for the first poll after a (re)start.
  void scheduled('live poll', pollOnce)();
  void scheduled('ticker refresh', async () => {
    if (!(await tickerMapIsFresh(ctx, new Date()))) {
      await refreshTickers();
    }
  })();
  logger.info('crawler started', {
    edgar: config.edgarBaseUrl,
    schedule: config.crawlSchedule,
    reconcile: config.reconcileSchedule,
    forms: config.crawlForms,
    ratePerSecond: Math.min(10, config.secRateLimit),
    worker: ctx.worker,
  });

  let closing: Promise<void> | undefined;
  return {
    pollOnce,
    reconcileOnce,
    refreshTickers,
    close() {
      closing ??= (async () => {
        for (const t of tasks) {
          await t.destroy();
        }
        stop.abort();
        // HTTP and sleeps end at once on abort; a Kafka send cannot be aborted, so do not wait forever.
        const settled = await Promise.race([
          Promise.allSettled([...inFlight]).then(() => true),
          sleep(CLOSE_WAIT_MS).then(() => false),
        ]);
        if (!settled) {
          logger.warn('crawler work still running at close; its leases will expire', {
            waitedMs: CLOSE_WAIT_MS,
          });
        }
        const released = await ctx.ledger.releaseAll(ctx.worker).catch(() => 0);
        logger.info('crawler stopped', { releasedLeases: released });
      })();
      return closing;
    },
  };
}
