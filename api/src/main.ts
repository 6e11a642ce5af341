import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Config } from '../../pipeline/src/config/config';
import { createRedis } from '../../pipeline/src/shared/cache/redis';
import type { Redis } from '../../pipeline/src/shared/cache/redis';
import { createPool } from '../../pipeline/src/shared/db/pool';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { Metrics } from '../../pipeline/src/shared/metrics/metrics';
import { startMetricsServer } from '../../pipeline/src/shared/metrics/server';
import { createApp } from './app';
import { createResponseCache } from './cache';
import { createEdge } from './edge';
import { createLoadedRowsFeed } from './stream/loaded-rows-feed';
import { registeredRoutes } from './route-table';
import type { RouteEntry } from './route-table';

const REDIS_WAIT_MS = 2000;

export interface RunningApi {
  readonly url: string;
  /** Where /metrics is served, when startApi was given a metrics port. */
  readonly metricsUrl?: string;
  /** Every route the app serves (what the hostile suite iterates over). */
  readonly routes: RouteEntry[];
  close(): Promise<void>;
}

export interface StartApiOptions {
  /** @defaultValue config.apiPort */
  port?: number;
  /** Serve /metrics on this port (API_METRICS_PORT); unset: the caller serves the registry itself. */
  metricsPort?: number;
  /** Check every response body against its declared schema (tests): a mismatch is a 500. */
  checkResponses?: boolean;
}

/**
 * The API's Redis client fails fast while Redis is down (no offline queue, one retry), so
 * requests fall back to Postgres and the in-memory rate limit at once instead of queueing.
 * Auto-pipelining sends the commands of one event-loop turn (each request's rate-limit call, the
 * cache reads of many concurrent requests) in one write: under load, one syscall instead of many.
 */
export function createApiRedis(config: Pick<Config, 'redisUrl'>, logger: Logger): Redis {
  return createRedis(config, logger, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/**
 * An HTTP server for the app. Requests Node refuses before Koa sees them (oversized headers,
 * malformed request lines) still get the API's JSON error body.
 */
export function createApiServer(app: Koa): http.Server {
  const handle = app.callback();
  const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => void handle(req, res));
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'request headers too large']
        : [400, 'bad_request', 'malformed HTTP request'];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

/** Connects Postgres and Redis, listens, and returns a closer that drains in-flight requests. */
export async function startApi(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  options: StartApiOptions | number = {},
): Promise<RunningApi> {
  const {
    port = config.apiPort,
    metricsPort,
    checkResponses,
  } = typeof options === 'number' ? { port: options } : options;
  const log = logger.child({ component: 'api' });
  const pool = createPool(config, log);
  const redis = createApiRedis(config, log);
  metrics.gauge({
    name: 'sec_tracker_api_redis_up',
    help: '1 while the API reaches Redis (cache and shared rate limit), 0 while it answers without it',
    collect() {
      this.set(redis.status === 'ready' ? 1 : 0);
    },
  });
  // A moment for Redis to connect, so the first requests share the replicas' rate limit; the
  // API starts without it all the same (answers from Postgres, limit in memory).
  await Promise.race([once(redis, 'ready'), new Promise((r) => setTimeout(r, REDIS_WAIT_MS).unref())]).catch(
    () => undefined,
  );
  const edge = createEdge(config, { pool, redis, logger: log });
  // GET /stream holds a subscription and pages a Redis stream: a client of its own that queues
  // while Redis reconnects, unlike the fail-fast one of the request path.
  const feedRedis = createRedis(config, log);
  const feed = createLoadedRowsFeed({ redis: feedRedis, keys: edge.keys, logger: log });
  const app = createApp({
    pool,
    feed,
    cache: createResponseCache(redis, edge.keys, config.cacheTtlSeconds, log),
    logger: log,
    metrics,
    edge,
    checkResponses,
  });
  const server = createApiServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.apiHost, () => resolve());
  });
  const url = `http://${config.apiHost}:${(server.address() as AddressInfo).port}`;
  const metricsServer =
    metricsPort === undefined
      ? undefined
      : await startMetricsServer(metrics, metricsPort, config.metricsHost);
  const metricsUrl = metricsServer && `http://${config.metricsHost}:${metricsServer.port}/metrics`;
  log.info('api listening', { url, metrics: metricsUrl });
  return {
    url,
    metricsUrl,
    routes: registeredRoutes(app),
    async close() {
      // Ends open event streams first: the server drains only once they are gone.
      await feed.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await metricsServer?.close();
      await edge.close();
      await Promise.allSettled([pool.end(), redis.quit(), feedRedis.quit()]);
    },
  };
}
