import Koa from 'koa';
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
import { routeMatcher } from './route-table';
import { analysisRoutes } from './routes/analysis';
import { form4Routes } from './routes/form4';
import { summaryRoutes } from './routes/summaries';

export interface ApiDeps {
  pool: pg.Pool;
  cache: ResponseCache;
  logger: Logger;
  metrics: Metrics;
  /** Auth, rate limit, HTTP cache, health, CORS and compression (api/src/edge.ts). */
  edge: ApiEdge;
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
  // Probes: no key, no rate limit.
  app.use(healthRoutes(edge.health).routes());
  // Who is asking (401 on bad credentials), count them (429), then refuse anonymous if auth is on.
  app.use(identify(edge.auth));
  app.use(rateLimit({ ...edge.rateLimit, metrics, routeOf }));
  app.use(requireAuth(edge.auth));
  // Every GET route below is cached whole, with ETag and Cache-Control.
  app.use(httpCache({ ...edge.httpCache, keys: edge.keys, metrics, logger, routeOf }));

  const api = form4Routes(deps);
  app.use(api.routes());
  app.use(api.allowedMethods());
  const summaries = summaryRoutes(deps);
  app.use(summaries.routes());
  app.use(summaries.allowedMethods());
  const analysis = analysisRoutes(deps);
  app.use(analysis.routes());
  app.use(analysis.allowedMethods());
  return app;
}
