import Router from '@koa/router';
import type pg from 'pg';
import type { ResponseCache } from '../cache';
import { HttpError } from '../errors';
import { findIssuerByTicker } from '../queries/form4-transactions';
import { queryIssuerSummary, queryRecentClusters } from '../queries/issuer-summary';
import { date, integer, onlyKnown, ticker } from './query-params';

/** Buy/sell summaries and cluster buys, as materialized by the aggregator and the loader. */
export function summaryRoutes(deps: { pool: pg.Pool; cache: ResponseCache }): Router {
  const router = new Router();
  router.get('/api/v1/summary/:ticker', async (ctx) => {
    const symbol = ticker(ctx.params.ticker);
    onlyKnown(ctx.query, ['days']);
    const days = integer(ctx.query, 'days', 1, 365, 30);
    const issuer = await findIssuerByTicker(deps.pool, symbol);
    if (!issuer) {
      throw new HttpError(404, `no filings known for ticker ${symbol}`);
    }
    const { value, hit } = await deps.cache.getOrCompute(
      { route: 'summary', scope: { issuerCik: issuer.cik }, params: JSON.stringify([symbol, days]) },
      () => queryIssuerSummary(deps.pool, symbol, days),
    );
    if (!value) {
      throw new HttpError(404, `no open-market activity summarized for ticker ${symbol}`);
    }
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    ctx.body = { ticker: symbol, ...value };
  });
  router.get('/api/v1/clusters', async (ctx) => {
    onlyKnown(ctx.query, ['since', 'limit']);
    const since = date(ctx.query, 'since');
    const limit = integer(ctx.query, 'limit', 1, 1000, 100);
    const { value: clusters, hit } = await deps.cache.getOrCompute(
      { route: 'clusters', scope: 'market', params: JSON.stringify([since, limit]) },
      () => queryRecentClusters(deps.pool, since, limit),
    );
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    ctx.body = { count: clusters.length, clusters };
  });
  return router;
}
