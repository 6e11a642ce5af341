import Router from '@koa/router';
import type pg from 'pg';
import type { ResponseCache } from '../cache';
import { HttpError } from '../errors';
import { queryForm4Transactions } from '../queries/form4-transactions';
import type { Form4Query } from '../queries/form4-transactions';

const TICKER = /^[A-Za-z0-9][A-Za-z0-9.-]{0,9}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Z]$/;

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) throw new HttpError(400, `query parameter "${name}" given more than once`);
  return value === '' ? undefined : value;
}

function validDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!DATE.test(value) || Number.isNaN(Date.parse(value + 'T00:00:00Z'))) {
    throw new HttpError(400, `"${name}" must be a date YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** Validates path and query into a Form4Query, or a 400 naming what is wrong. */
export function parseForm4Request(
  ticker: string,
  query: Record<string, string | string[] | undefined>,
): Form4Query {
  if (!TICKER.test(ticker)) {
    throw new HttpError(400, `"${ticker}" is not a ticker symbol (1-10 letters, digits, "." or "-")`);
  }
  const known = new Set(['limit', 'from', 'to', 'code']);
  const unknown = Object.keys(query).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      `unknown query parameter(s): ${unknown.join(', ')}; allowed: ${[...known].join(', ')}`,
    );
  }
  const limitRaw = single(query.limit, 'limit');
  const limit = limitRaw === undefined ? 100 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new HttpError(400, `"limit" must be an integer 1..1000, got "${limitRaw}"`);
  }
  const from = validDate(single(query.from, 'from'), 'from');
  const to = validDate(single(query.to, 'to'), 'to');
  if (from && to && from > to) throw new HttpError(400, `"from" (${from}) is after "to" (${to})`);
  const codeRaw = single(query.code, 'code');
  const codes = codeRaw?.split(',').map((c) => c.trim().toUpperCase());
  if (codes?.some((c) => !CODE.test(c))) {
    throw new HttpError(400, `"code" must be transaction codes like P,S,A; got "${codeRaw}"`);
  }
  return { ticker: ticker.toUpperCase(), from, to, codes, limit };
}

export function form4Routes(deps: { pool: pg.Pool; cache: ResponseCache }): Router {
  const router = new Router();
  router.get('/api/v1/form4/:ticker', async (ctx) => {
    const q = parseForm4Request(ctx.params.ticker ?? '', ctx.query);
    const params = JSON.stringify([q.from, q.to, q.codes, q.limit]);
    const { value, hit } = await deps.cache.getOrCompute('form4', q.ticker, params, () =>
      queryForm4Transactions(deps.pool, q),
    );
    if (!value.issuer) throw new HttpError(404, `no filings known for ticker ${q.ticker}`);
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    ctx.body = {
      ticker: q.ticker,
      issuer: value.issuer,
      count: value.transactions.length,
      transactions: value.transactions,
    };
  });
  return router;
}
