import { z } from 'zod';
import { date, integer, tickerOrCik } from '../framework/params';
import { defineRoute } from '../framework/route';
import { queryIssuerClusters, queryIssuerSummary } from '../queries/issuer-summary';
import { queryIssuerCounts, queryIssuerFilings, queryTickerHistory } from '../queries/issuers';
import { Cluster } from './clusters';
import { issuerOr404, today } from './form4';
import { IssuerRef } from './schemas';

const decimal = z.string();
const Side = z.object({
  count: z.number().int(),
  shares: decimal,
  value: decimal,
  unvaluedCount: z
    .number()
    .int()
    .meta({ description: 'Trades without a price or share count (not in value)' }),
  tenB5OneCount: z.number().int().meta({ description: 'Of count, under a Rule 10b5-1 plan' }),
  tenB5OneValue: decimal,
});
const Totals = {
  purchases: Side,
  sales: Side,
  netShares: decimal,
  netValue: decimal,
};

const FilingHeader = z
  .object({
    accessionNumber: z.string(),
    documentType: z.string(),
    acceptedAt: z.string().nullable(),
    filedDate: z.string().nullable(),
    periodOfReport: z.string().nullable(),
    issuerTicker: z.string().nullable(),
    rowCount: z.number().int(),
    owners: z.array(z.object({ cik: z.string(), name: z.string().nullable() })),
  })
  .meta({ id: 'FilingHeader' });

export const issuerProfile = defineRoute({
  name: 'getIssuer',
  path: '/api/v1/issuers/:issuer',
  tag: 'Issuers',
  summary: 'An issuer: name, CIK, ticker history and latest filings',
  params: z.object({ issuer: tickerOrCik() }),
  query: z.object({ filings: integer('How many latest filings to list', 1, 100).default(10) }),
  notFound: 'No filing of that ticker or CIK was loaded',
  response: z.object({
    issuer: IssuerRef,
    tickerHistory: z.array(
      z.object({
        ticker: z.string(),
        firstSeen: z.string(),
        lastSeen: z.string(),
        sources: z
          .array(z.string())
          .meta({ description: 'filing (symbol on filings), company_tickers (SEC map)' }),
      }),
    ),
    filingCount: z.number().int(),
    firstFiledAt: z.string().nullable(),
    lastFiledAt: z.string().nullable(),
    lastTradeDate: z.string().nullable(),
    latestFilings: z.array(FilingHeader),
  }),
  async handler({ params, query, deps }) {
    const issuer = await issuerOr404(deps, params.issuer, 'issuer');
    const [tickerHistory, counts, latestFilings] = await Promise.all([
      queryTickerHistory(deps.pool, issuer.cik),
      queryIssuerCounts(deps.pool, issuer.cik),
      queryIssuerFilings(deps.pool, issuer.cik, query.filings),
    ]);
    return { issuer, tickerHistory, ...counts, latestFilings };
  },
});

const summaryQuery = z.object({
  days: integer(
    'Calendar days of daily summaries and per-insider totals, ending on as_of_date',
    1,
    365,
  ).default(30),
  as_of_date: date('Last day of every window (default today, UTC)').optional(),
});

const summaryResponse = z.object({
  ticker: z.string().nullable(),
  issuer: IssuerRef,
  asOf: z.string().meta({ description: 'Last day of every window' }),
  startDate: z.string().meta({ description: 'First day of the `days` window' }),
  days: z.number().int(),
  daily: z.array(
    z.object({
      date: z.string(),
      ...Totals,
      distinctInsiders: z.number().int(),
      distinctBuyers: z.number().int(),
      distinctSellers: z.number().int(),
      otherKindCounts: z.record(z.string(), z.number().int()),
    }),
  ),
  rolling: z.array(
    z.object({
      windowDays: z.number().int(),
      startDate: z.string(),
      endDate: z.string(),
      ...Totals,
      distinctInsiders: z.number().int(),
      distinctBuyers: z.number().int(),
      distinctSellers: z.number().int(),
    }),
  ),
  insiders: z.array(
    z.object({
      ownerCik: z.string(),
      name: z.string().nullable(),
      isDirector: z.boolean(),
      isOfficer: z.boolean(),
      isTenPercentOwner: z.boolean(),
      isOther: z.boolean(),
      officerTitle: z.string().nullable(),
      firstDate: z.string(),
      lastDate: z.string(),
      ...Totals,
    }),
  ),
  clusters: z.array(Cluster),
});

const summaryDescription =
  'Daily open-market buy/sell aggregates over a calendar window of `days` ending on `as_of_date` (default today), rolling 7/30/90-day windows ending on that day, per-insider totals over the window, and active cluster buys.';

function summaryHandler(param: 'issuer' | 'ticker') {
  return async ({
    params,
    query,
    deps,
    ctx,
  }: {
    params: Record<string, { cik: string } | { ticker: string }>;
    query: z.output<typeof summaryQuery>;
    deps: import('../framework/route').RouteDeps;
    ctx: import('koa').Context;
  }): Promise<z.input<typeof summaryResponse>> => {
    const subject = params[param]!;
    const issuer = await issuerOr404(deps, subject, param);
    const asOf = query.as_of_date ?? today();
    const { value, hit } = await deps.cache.getOrCompute(
      {
        route: 'issuer-summary',
        scope: { issuerCik: issuer.cik },
        params: JSON.stringify([asOf, query.days]),
      },
      async () => ({
        ...(await queryIssuerSummary(deps.pool, issuer.cik, asOf, query.days)),
        clusters: await queryIssuerClusters(deps.pool, issuer.cik),
      }),
    );
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    return { ticker: 'ticker' in subject ? subject.ticker : null, issuer, ...value };
  };
}

export const issuerSummary = defineRoute({
  name: 'getIssuerSummary',
  path: '/api/v1/issuers/:issuer/summary',
  tag: 'Issuers',
  summary: "An issuer's insider buying and selling: daily, rolling 7/30/90 days, per insider",
  description: summaryDescription,
  params: z.object({ issuer: tickerOrCik() }),
  query: summaryQuery,
  notFound: 'No filing of that ticker or CIK was loaded',
  response: summaryResponse,
  handler: summaryHandler('issuer'),
});

export const summaryAlias = defineRoute({
  name: 'getSummaryByTicker',
  path: '/api/v1/summary/:ticker',
  tag: 'Issuers',
  summary: 'Alias of /api/v1/issuers/{issuer}/summary (the seed route)',
  description: summaryDescription,
  params: z.object({ ticker: tickerOrCik() }),
  query: summaryQuery,
  notFound: 'No filing of that ticker or CIK was loaded',
  response: summaryResponse,
  handler: summaryHandler('ticker'),
});

export const ISSUER_ROUTES = [issuerProfile, issuerSummary, summaryAlias];
