import Koa from 'koa';
import Router from '@koa/router';
import type pg from 'pg';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { Metrics } from '../../pipeline/src/shared/metrics/metrics';
import type { ResponseCache } from './cache';
import { errorMiddleware } from './errors';
import { authMiddleware } from './middleware/auth';
import type { AuthOptions } from './middleware/auth';
import { metricsMiddleware } from './middleware/metrics';
import { docsRoutes } from './docs';
import { mountRoutes } from './framework/mount';
import { API_ROUTES } from './routes';
import type { LoadedRowsFeed } from './stream/loaded-rows-feed';

export interface ApiDeps {
  pool: pg.Pool;
  cache: ResponseCache;
  logger: Logger;
  metrics: Metrics;
  auth: AuthOptions;
  /** Newly loaded rows for GET /stream (absent: /stream answers 503). */
  feed?: LoadedRowsFeed;
  /** Check every response body against its declared schema (tests): a mismatch is a 500. */
  checkResponses?: boolean;
}

/** Builds the Koa app without listening, so tests can drive `app.callback()` directly. */
export function createApp(deps: ApiDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  const open = new Router();
  open.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  open.get('/readyz', async (ctx) => {
    await deps.pool.query('SELECT 1');
    ctx.body = { ok: true };
  });
  open.get('/metrics', async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
  const docs = docsRoutes(API_ROUTES);
  const api = new Router();
  mountRoutes(api, API_ROUTES, deps, { checkResponses: deps.checkResponses });
  app.use(errorMiddleware(deps.logger));
  app.use(metricsMiddleware(deps.metrics));
  app.use(open.routes());
  app.use(docs.routes());
  app.use(authMiddleware(deps.auth));
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: true }));
  return app;
}
