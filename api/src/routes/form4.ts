import Router from '@koa/router';
import type pg from 'pg';
import type { ResponseCache } from '../cache';
import { HttpError } from '../errors';
import { findIssuerByTicker, queryForm4Transactions } from '../queries/form4-transactions';
import type { Form4Query } from '../queries/form4-transactions';
import { date, integer, onlyKnown, single, ticker } from './query-params';

const CODE = /^[A-Z]$/;

/** Validates path and query into a Form4Query, or a 400 naming what is wrong. */
export function parseForm4Request(
  rawTicker: string,
  query: Record<string, string | string[] | undefined>,
): Form4Query {
  const symbol = ticker(rawTicker);
  onlyKnown(query, ['limit', 'from', 'to', 'code']);
  const limit = integer(query, 'limit', 1, 1000, 100);
  const from = date(query, 'from');
  const to = date(query, 'to');
  if (from && to && from > to) {
    throw new HttpError(400, `"from" (${from}) is after "to" (${to})`);
  }
  const codeRaw = single(query, 'code');
  const codes = codeRaw?.split(',').map((c) => c.trim().toUpperCase());
  if (codes?.some((c) => !CODE.test(c))) {
    throw new HttpError(400, `"code" must be transaction codes like P,S,A; got "${codeRaw}"`);
  }
  return { ticker: symbol, from, to, codes, limit };
}

export function form4Routes(deps: { pool: pg.Pool; cache: ResponseCache }): Router {
  const router = new Router();
  router.get('/api/v1/form4/:ticker', async (ctx) => {
    const q = parseForm4Request(ctx.params.ticker ?? '', ctx.query);
    const issuer = await findIssuerByTicker(deps.pool, q.ticker);
    if (!issuer) {
      throw new HttpError(404, `no filings known for ticker ${q.ticker}`);
    }
    const params = JSON.stringify([q.ticker, q.from, q.to, q.codes, q.limit]);
    const { value, hit } = await deps.cache.getOrCompute(
      { route: 'form4', scope: { issuerCik: issuer.cik }, params },
      () => queryForm4Transactions(deps.pool, q),
    );
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    ctx.body = { ticker: q.ticker, issuer, count: value.length, transactions: value };
  });
  return router;
}
