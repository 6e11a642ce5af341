import Koa from 'koa';
import Router from '@koa/router';
import type pg from 'pg';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { Metrics } from '../../pipeline/src/shared/metrics/metrics';
import type { ResponseCache } from './cache';
import type { ApiEdge } from './edge';
import { errorMiddleware } from './errors';
import { healthRoutes } from './health/health-routes';
import { identify, requireAuth } from './middleware/auth';
import { httpCache } from './middleware/http-cache';
import { metricsMiddleware } from './middleware/metrics';
import { rateLimit } from './middleware/rate-limit';
import { rejectNul } from './middleware/reject-nul';
import { routeMatcher } from './route-table';
import { docsRoutes } from './docs';
import { mountRoutes } from './framework/mount';
import { API_ROUTES } from './routes';
import type { LoadedRowsFeed } from './stream/loaded-rows-feed';

export interface ApiDeps {
  pool: pg.Pool;
  cache: ResponseCache;
  logger: Logger;
  metrics: Metrics;
  /** Auth, rate limit, HTTP cache, health, CORS and compression (api/src/edge.ts). */
  edge: ApiEdge;
  /** Newly loaded rows for GET /stream (absent: /stream answers 503). */
  feed?: LoadedRowsFeed;
  /** Check every response body against its declared schema (tests): a mismatch is a 500. */
  checkResponses?: boolean;
}

/** Builds the Koa app without listening, so tests can drive `app.callback()` directly. */
export function createApp(deps: ApiDeps): Koa {
  const app = new Koa();
  // X-Forwarded-For is read only from TRUSTED_PROXIES (middleware/client-ip.ts), never blindly.
  app.proxy = false;
  const routeOf = routeMatcher(app);
  const { edge, metrics, logger } = deps;

  // Order matters. Metrics first, outside everything, so they see the status actually sent.
  app.use(metricsMiddleware(metrics, routeOf));
  for (const mw of edge.wire) {
    app.use(mw);
  }
  app.use(errorMiddleware(logger));
  app.use(rejectNul());
  // Probes and the API's own documentation: no key, no rate limit.
  app.use(healthRoutes(edge.health).routes());
  app.use(docsRoutes(API_ROUTES).routes());
  // Who is asking (401 on bad credentials), count them (429), then refuse anonymous if auth is on.
  app.use(identify(edge.auth));
  app.use(rateLimit({ ...edge.rateLimit, metrics, routeOf }));
  app.use(requireAuth(edge.auth));
  // Every GET route below is cached whole, with ETag and Cache-Control.
  app.use(httpCache({ ...edge.httpCache, keys: edge.keys, metrics, logger, routeOf }));

  useApiRoutes(app, deps);
  return app;
}

/** What the routes alone need: no edge (auth, limits, HTTP cache). */
export type RoutesDeps = Omit<ApiDeps, 'edge'>;

function useApiRoutes(app: Koa, deps: RoutesDeps): void {
  const api = new Router();
  mountRoutes(api, API_ROUTES, deps, { checkResponses: deps.checkResponses });
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: true }));
}

/**
 * The routes without the edge: every request reaches its query. For the EXPLAIN test and the
 * query benchmark, which measure the queries themselves; never served to clients.
 */
export function createRoutesApp(deps: RoutesDeps): Koa {
  const app = new Koa();
  app.use(errorMiddleware(deps.logger));
  useApiRoutes(app, deps);
  return app;
}
