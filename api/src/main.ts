import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../pipeline/src/config/config';
import { redisKeys } from '../../pipeline/src/shared/cache/keys';
import { createRedis } from '../../pipeline/src/shared/cache/redis';
import { createPool } from '../../pipeline/src/shared/db/pool';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { Metrics } from '../../pipeline/src/shared/metrics/metrics';
import { createApp } from './app';
import { createResponseCache } from './cache';
import { createLoadedRowsFeed } from './stream/loaded-rows-feed';

export interface RunningApi {
  readonly url: string;
  close(): Promise<void>;
}

/** Connects Postgres and Redis, listens, and returns a closer that drains in-flight requests. */
export async function startApi(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  port = config.apiPort,
  options: { checkResponses?: boolean } = {},
): Promise<RunningApi> {
  const log = logger.child({ component: 'api' });
  const pool = createPool(config, log);
  const redis = createRedis(config, log);
  const keys = redisKeys(config.redisNamespace);
  const feed = createLoadedRowsFeed({ redis, keys, logger: log });
  const app = createApp({
    pool,
    feed,
    cache: createResponseCache(redis, keys, config.cacheTtlSeconds, log),
    logger: log,
    metrics,
    auth: { apiKeys: config.apiKeys, jwtSecret: config.jwtSecret },
    checkResponses: options.checkResponses,
  });
  const handle = app.callback();
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.apiHost, () => resolve());
  });
  const url = `http://${config.apiHost}:${(server.address() as AddressInfo).port}`;
  log.info('api listening', { url });
  return {
    url,
    async close() {
      // Ends open event streams first: the server drains only once they are gone.
      await feed.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.allSettled([pool.end(), redis.quit()]);
    },
  };
}
