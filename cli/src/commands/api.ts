import { startApi } from '../../../api/src/main';
import { createMetrics } from '../../../pipeline/src/shared/metrics/metrics';
import type { Command } from '../command';

export const apiCommand: Command = {
  name: 'api',
  summary: 'Serve the read-only REST API (Koa) from Postgres through the Redis cache',
  help: `Usage: sec-tracker api

Listens on API_HOST:API_PORT until SIGINT/SIGTERM; /metrics on METRICS_HOST:API_METRICS_PORT.
  GET /api/v1/form4/:ticker?from=YYYY-MM-DD&to=YYYY-MM-DD&code=P,S&limit=100
  GET /api/v1/analysis?since=YYYY-MM-DD&sentiment=bullish|bearish|neutral&ticker=T&limit=50
  GET /health   GET /live (/healthz)   GET /ready (/readyz)
Auth (API_AUTH=auto): once API_KEYS, a JWT setting or a key from \`sec-tracker keys create\` exists,
/api requires X-API-Key or Authorization: Bearer <JWT>. Every principal (key, JWT sub, else client IP)
is limited to API_RATE_LIMIT requests per minute, shared by all replicas through Redis.`,
  async run(_args, ctx) {
    const logger = ctx.logger();
    const config = ctx.config();
    const api = await startApi(config, logger, createMetrics({ process: 'api' }), {
      metricsPort: config.apiMetricsPort,
    });
    ctx.stdout(`API listening on ${api.url} (metrics: ${api.metricsUrl ?? 'none'})`);
    await ctx.shutdown;
    await api.close();
    logger.info('api stopped cleanly');
    return 0;
  },
};
