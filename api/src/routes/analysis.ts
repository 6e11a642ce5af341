import Router from '@koa/router';
import type pg from 'pg';
import { isDate } from '../../../pipeline/src/shared/calendar';
import { HttpError } from '../errors';
import { queryLatestAnalyses, SENTIMENTS } from '../queries/analysis';
import type { AnalysisListQuery, Sentiment } from '../queries/analysis';
import { date, integer, onlyKnown, single, ticker } from './query-params';

type Query = Record<string, string | string[] | undefined>;

/** Validates the query of GET /api/v1/analysis, or a 400 naming what is wrong. */
export function parseAnalysisQuery(query: Query): AnalysisListQuery {
  onlyKnown(query, ['since', 'sentiment', 'ticker', 'limit']);
  const sentiment = single(query, 'sentiment')?.toLowerCase();
  if (sentiment !== undefined && !(SENTIMENTS as readonly string[]).includes(sentiment)) {
    throw new HttpError(400, `"sentiment" must be one of ${SENTIMENTS.join(', ')}; got "${sentiment}"`);
  }
  const symbol = single(query, 'ticker');
  const since = date(query, 'since');
  // date() lets 2026-02-30 through (Date.parse rolls it into March); Postgres would reject it.
  if (since !== undefined && !isDate(since)) {
    throw new HttpError(400, `"since" is not a calendar date: "${since}"`);
  }
  return {
    since,
    sentiment: sentiment as Sentiment | undefined,
    ticker: symbol === undefined ? undefined : ticker(symbol),
    limit: integer(query, 'limit', 1, 500, 50),
  };
}

/** AI analysis of notable insider activity, as the analysis stage and the loader stored it. */
export function analysisRoutes(deps: { pool: pg.Pool }): Router {
  const router = new Router();
  router.get('/api/v1/analysis', async (ctx) => {
    const q = parseAnalysisQuery(ctx.query);
    const analyses = await queryLatestAnalyses(deps.pool, q);
    ctx.body = { count: analyses.length, analyses };
  });
  return router;
}
