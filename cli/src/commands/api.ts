import { startApi } from '../../../api/src/main';
import { createMetrics } from '../../../pipeline/src/shared/metrics/metrics';
import type { Command } from '../command';

export const apiCommand: Command = {
  name: 'api',
  summary: 'Serve the read-only REST API (Koa) from Postgres through the Redis cache',
  help: `Usage: sec-tracker api

Listens on API_HOST:API_PORT until SIGINT/SIGTERM; /metrics on METRICS_HOST:API_METRICS_PORT.
Read-only routes under /api/v1 (a ticker resolves through its history to the issuer CIK; a CIK
works wherever a ticker does):
  GET /api/v1/form4/latest?count=50&min_amount=100000&codes=P,S&role=ceo,director
  GET /api/v1/form4/:ticker?from=&to=&days=&codes=P,S&kind=&owner=CIK&role=&min_value=
        &exclude_10b5_1=true&include_derivative=true&limit=100&as_of=2026-03-02T16:00:00Z
  GET /api/v1/issuers/:tickerOrCik          name, CIK, ticker history, latest filings
  GET /api/v1/issuers/:tickerOrCik/summary?days=30&as_of_date=YYYY-MM-DD   (alias /api/v1/summary/:ticker)
  GET /api/v1/insiders/:cik                 filings and trades across issuers, roles over time
  GET /api/v1/filings/:accession            the whole normalized filing and its analysis
  GET /api/v1/companies/search?q=acme       GET /api/v1/insiders/search?q=jane+doe
  GET /api/v1/clusters?since=YYYY-MM-DD     GET /api/v1/analysis?since=&sentiment=&ticker=
  GET /openapi.json (OpenAPI 3.1, every route and parameter)   GET /docs (browsable, offline)
  GET /health   GET /live (/healthz)   GET /ready (/readyz)
Bad parameters answer 400 {"error":{"code","message","parameter"}}; unknown ticker/CIK/accession 404.
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
