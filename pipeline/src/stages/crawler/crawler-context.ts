/**
 * Everything the crawler's sources share, built once from config and the connections the caller
 * owns (the caller also closes them). The live crawler, `sec-tracker backfill`, the tests and the
 * benchmark all start here, so they crawl with the same manners.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/config';
import { UsageError } from '../../shared/errors';
import type { Producer } from '../../shared/kafka/producer';
import type { Logger } from '../../shared/logger';
import type { Metrics } from '../../shared/metrics/metrics';
import { topicName } from '../../topics';
import { crawlerKeys } from './crawler-keys';
import { crawlerMetrics } from './crawler-metrics';
import type { CrawlerMetrics } from './crawler-metrics';
import { createCrawlState } from './crawl-state';
import type { CrawlState } from './crawl-state';
import { createEdgarClient } from './edgar-client';
import type { EdgarClient } from './edgar-client';
import { createFilingLedger } from './filing-ledger';
import type { FilingLedger } from './filing-ledger';
import { createRateGate } from './rate-gate';
import type { RateGate } from './rate-gate';

export type CrawlerConfig = Pick<
  Config,
  | 'edgarBaseUrl'
  | 'edgarDataBaseUrl'
  | 'secUserAgent'
  | 'secRateLimit'
  | 'crawlForms'
  | 'crawlBreakerMinutes'
  | 'crawlFeedPageSize'
  | 'crawlConcurrency'
  | 'crawlLeaseSeconds'
  | 'crawlTimeoutSeconds'
  | 'reconcileAfterHourEt'
  | 'reconcileLookbackDays'
  | 'topicPrefix'
  | 'secBudgetKey'
>;

export interface CrawlerConnections {
  config: CrawlerConfig;
  logger: Logger;
  metrics: Metrics;
  producer: Producer;
  pool: pg.Pool;
  redis: Redis;
}

export interface CrawlerContext {
  config: CrawlerConfig;
  logger: Logger;
  metrics: CrawlerMetrics;
  producer: Producer;
  rawTopic: string;
  gate: RateGate;
  client: EdgarClient;
  ledger: FilingLedger;
  state: CrawlState;
  /** Names this process in leases: host, pid and a random part (pids repeat across hosts and restarts). */
  worker: string;
}

/** SEC's fair-access policy: no declared User-Agent, no crawling (its shape is checked by config). */
export function requireUserAgent(config: Pick<CrawlerConfig, 'secUserAgent'>): string {
  if (!config.secUserAgent) {
    throw new UsageError(
      'SEC_USER_AGENT is required to crawl EDGAR, e.g. SEC_USER_AGENT="Acme Research ops@acme.example"',
    );
  }
  return config.secUserAgent;
}

export function createCrawlerContext(c: CrawlerConnections): CrawlerContext {
  const userAgent = requireUserAgent(c.config);
  const logger = c.logger.child({ component: 'crawler' });
  const metrics = crawlerMetrics(c.metrics);
  const gate = createRateGate({
    redis: c.redis,
    keys: crawlerKeys(c.config.secBudgetKey),
    ratePerSecond: Math.min(10, c.config.secRateLimit),
    breakerMs: c.config.crawlBreakerMinutes * 60_000,
    logger,
    metrics,
  });
  return {
    config: c.config,
    logger,
    metrics,
    producer: c.producer,
    rawTopic: topicName(c.config.topicPrefix, 'filingsRaw'),
    gate,
    client: createEdgarClient({
      userAgent,
      gate,
      logger,
      metrics,
      timeoutMs: c.config.crawlTimeoutSeconds * 1000,
    }),
    ledger: createFilingLedger(c.pool),
    state: createCrawlState(c.pool),
    worker: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
  };
}
