import { startApi } from '../../../api/src/main';
import { createMetrics } from '../../../pipeline/src/shared/metrics/metrics';
import type { Command } from '../command';

export const apiCommand: Command = {
  name: 'api',
  summary: 'Serve the read-only REST API (Koa) from Postgres through the Redis cache',
  help: `Usage: sec-tracker api

Listens on API_HOST:API_PORT until SIGINT/SIGTERM.
  GET /api/v1/form4/:ticker?from=YYYY-MM-DD&to=YYYY-MM-DD&code=P,S&limit=100
  GET /api/v1/analysis?since=YYYY-MM-DD&sentiment=bullish|bearish|neutral&ticker=T&limit=50
  GET /healthz   GET /readyz   GET /metrics
When API_KEYS or JWT_SECRET is set, /api requires X-API-Key or Authorization: Bearer <JWT>.`,
  async run(_args, ctx) {
    const logger = ctx.logger();
    const api = await startApi(ctx.config(), logger, createMetrics({ process: 'api' }));
    ctx.stdout(`API listening on ${api.url}`);
    await ctx.shutdown;
    await api.close();
    logger.info('api stopped cleanly');
    return 0;
  },
};
