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
import { analysisRoutes } from './routes/analysis';
import { form4Routes } from './routes/form4';
import { summaryRoutes } from './routes/summaries';

export interface ApiDeps {
  pool: pg.Pool;
  cache: ResponseCache;
  logger: Logger;
  metrics: Metrics;
  auth: AuthOptions;
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
  const api = form4Routes(deps);
  app.use(errorMiddleware(deps.logger));
  app.use(metricsMiddleware(deps.metrics));
  app.use(open.routes());
  app.use(authMiddleware(deps.auth));
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
