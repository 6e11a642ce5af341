import { PassThrough } from 'node:stream';
import type Koa from 'koa';
import { z } from 'zod';
import { badParameter } from '../errors';
import { integer, oneOf } from '../framework/params';
import { defineRoute } from '../framework/route';
import type { RouteDeps } from '../framework/route';
import { csvLine } from '../csv';
import type { CsvValue } from '../csv';
import { GROUP_SORTS, ROW_SORTS, runScreener, SORT_NAMES, sortsFor } from '../queries/screener';
import type { ScreenerFilters, ScreenerGroupRow, ScreenerQuery, ScreenerRow } from '../queries/screener';
import { BadCursorError } from '../queries/screener-cursor';
import { ReportingOwner } from './schemas';
import {
  DEFAULT_WINDOW_DAYS,
  MAX_MARKET_WINDOW_DAYS,
  resolveScreenerFilters,
  screenerFilterShape,
} from './screener-filters';

const decimal = (description: string) =>
  z.string().meta({ description: `${description} (exact decimal string)` });

export const ScreenerRowSchema = z
  .object({
    accessionNumber: z.string(),
    position: z.number().int(),
    documentType: z.string(),
    issuerCik: z.string(),
    ticker: z.string().nullable().meta({ description: 'Ticker as written on the filing' }),
    issuerName: z.string().nullable(),
    acceptedAt: z.string().nullable().meta({ description: 'When EDGAR accepted the filing (ISO-8601, UTC)' }),
    filedDate: z.string().nullable(),
    transactionDate: z.string().nullable(),
    filingDelayDays: z.number().int().nullable().meta({ description: 'Days from the trade to the filing' }),
    table: z.enum(['nonDerivative', 'derivative']),
    securityTitle: z.string().nullable(),
    code: z.string().nullable(),
    kind: z.string(),
    acquiredDisposed: z.string().nullable(),
    shares: decimal('Shares').nullable(),
    pricePerShare: decimal('Price per share').nullable(),
    value: decimal('Dollar value').nullable(),
    sharesOwnedFollowing: decimal('Shares owned after the trade').nullable(),
    ownChangePct: decimal('Change of the holding in percent (+ acquired, − disposed)').nullable(),
    newPosition: z
      .boolean()
      .meta({ description: 'An acquisition from nothing held (ownChangePct is then null)' }),
    is10b5One: z.boolean().nullable(),
    owners: z.array(ReportingOwner),
  })
  .meta({ id: 'ScreenerRow' });

export const ScreenerGroupSchema = z
  .object({
    key: z.string().meta({ description: 'Accession number (group=filing) or issuer CIK (group=company)' }),
    issuerCik: z.string(),
    ticker: z.string().nullable(),
    issuerName: z.string().nullable(),
    accessionNumber: z.string().optional(),
    documentType: z.string().optional(),
    owners: z.array(ReportingOwner).optional().meta({ description: 'group=filing: the reporting owners' }),
    filingCount: z.number().int(),
    tradeCount: z.number().int(),
    insiderCount: z.number().int().meta({ description: 'Distinct reporting owners' }),
    officerCount: z.number().int().meta({ description: 'Of them, officers' }),
    codes: z.array(z.string()),
    totalShares: decimal('Shares'),
    totalValue: decimal('Dollar value'),
    purchaseValue: decimal('Value acquired (A)'),
    saleValue: decimal('Value disposed (D)'),
    firstTradeDate: z.string().nullable(),
    lastTradeDate: z.string().nullable(),
    lastAcceptedAt: z.string().nullable(),
  })
  .meta({ id: 'ScreenerGroup' });

const JSON_MAX = 1000;
const CSV_MAX = 100_000;
const CSV_PAGE = 1000;

const ROW_CSV: [string, (r: ScreenerRow) => CsvValue][] = [
  ['accession_number', (r) => r.accessionNumber],
  ['position', (r) => r.position],
  ['accepted_at', (r) => r.acceptedAt],
  ['filed_date', (r) => r.filedDate],
  ['trade_date', (r) => r.transactionDate],
  ['filing_delay_days', (r) => r.filingDelayDays],
  ['ticker', (r) => r.ticker],
  ['issuer_cik', (r) => r.issuerCik],
  ['issuer_name', (r) => r.issuerName],
  ['insider_ciks', (r) => r.owners.map((o) => o.cik).join(';')],
  ['insider_names', (r) => r.owners.map((o) => o.name ?? '').join(';')],
  ['officer_titles', (r) => r.owners.map((o) => o.officerTitle ?? '').join(';')],
  ['code', (r) => r.code],
  ['kind', (r) => r.kind],
  ['acquired_disposed', (r) => r.acquiredDisposed],
  ['shares', (r) => r.shares],
  ['price_per_share', (r) => r.pricePerShare],
  ['value', (r) => r.value],
  ['shares_owned_following', (r) => r.sharesOwnedFollowing],
  ['own_change_pct', (r) => r.ownChangePct],
  ['new_position', (r) => r.newPosition],
  ['is_10b5_1', (r) => r.is10b5One],
  ['table', (r) => r.table],
  ['security_title', (r) => r.securityTitle],
];
const GROUP_CSV: [string, (g: ScreenerGroupRow) => CsvValue][] = [
  ['key', (g) => g.key],
  ['issuer_cik', (g) => g.issuerCik],
  ['ticker', (g) => g.ticker],
  ['issuer_name', (g) => g.issuerName],
  ['filings', (g) => g.filingCount],
  ['trades', (g) => g.tradeCount],
  ['insiders', (g) => g.insiderCount],
  ['officers', (g) => g.officerCount],
  ['codes', (g) => g.codes.join(';')],
  ['total_shares', (g) => g.totalShares],
  ['total_value', (g) => g.totalValue],
  ['purchase_value', (g) => g.purchaseValue],
  ['sale_value', (g) => g.saleValue],
  ['first_trade_date', (g) => g.firstTradeDate],
  ['last_trade_date', (g) => g.lastTradeDate],
  ['last_accepted_at', (g) => g.lastAcceptedAt],
];

async function page(deps: RouteDeps, q: ScreenerQuery) {
  try {
    return await runScreener(deps.pool, q);
  } catch (err) {
    if (err instanceof BadCursorError) {
      throw badParameter('cursor', err.message, 'invalid_parameter');
    }
    throw err;
  }
}

/** Streams every row from the cursor on (up to `limit`), a page of 1,000 at a time, as CSV. */
function streamCsv(
  ctx: Koa.Context,
  deps: RouteDeps,
  q: ScreenerQuery,
  first: Awaited<ReturnType<typeof page>>,
): void {
  const out = new PassThrough();
  ctx.type = 'text/csv; charset=utf-8';
  ctx.set('content-disposition', `attachment; filename="screener-${q.group}.csv"`);
  ctx.body = out;
  const columns = q.group === 'none' ? ROW_CSV : GROUP_CSV;
  out.write(csvLine(columns.map(([name]) => name)));
  let closed = false;
  ctx.req.on('close', () => (closed = true));
  void (async () => {
    let current = first;
    let written = 0;
    for (;;) {
      for (const item of current.data) {
        out.write(csvLine(columns.map(([, get]) => get(item as never))));
      }
      written += current.data.length;
      if (closed || !current.nextCursor || written >= q.limit) {
        break;
      }
      current = await page(deps, {
        ...q,
        limit: Math.min(CSV_PAGE, q.limit - written),
        cursor: current.nextCursor,
      });
    }
  })()
    .catch((err: unknown) => {
      deps.logger.error('screener CSV export failed mid-stream', { err });
      out.destroy(err as Error);
    })
    .finally(() => out.end());
}

export const screener = defineRoute({
  name: 'screener',
  path: '/api/v1/screener',
  tag: 'Screener',
  summary: 'Screen insider transactions market-wide (OpenInsider-style), one row per trade or grouped',
  description: [
    'Every filter narrows the result; lists are comma-separated. Without tickers or an insider, the screen',
    `covers the last ${DEFAULT_WINDOW_DAYS} days of filings unless a filing or trade date window is given, and a`,
    `window spans at most ${MAX_MARKET_WINDOW_DAYS} days. Pages follow \`nextCursor\` (also in the \`link\` header):`,
    'an opaque keyset cursor, so rows loaded between two requests never shift or repeat a page; a cursor',
    'belongs to its query (same filters, group and sort) and any other cursor is a 400.',
    '`group=filing` or `group=company` aggregates the matching rows (counts of trades, filings, insiders,',
    'officers; totals). Sorts: rows by filing_date, trade_date, value, price, shares, own_change, delay,',
    'ticker; groups by filing_date, trade_date, value, shares, trades, filings, insiders, officers, ticker;',
    'missing values sort lowest. `format=csv` or `Accept: text/csv` streams CSV: every matching row from',
    `the cursor on, up to \`limit\` (default ${CSV_MAX.toLocaleString('en')} for CSV).`,
  ].join(' '),
  query: z.object({
    ...screenerFilterShape,
    group: oneOf(
      ['none', 'filing', 'company'],
      'One row per trade (none), per filing, or per company',
    ).default('none'),
    sort: oneOf(SORT_NAMES as [string, ...string[]], 'Sort key').default('filing_date'),
    order: oneOf(['desc', 'asc'], 'Sort direction').default('desc'),
    limit: integer(
      `Rows per page (JSON: at most ${JSON_MAX}; CSV: rows in all, at most ${CSV_MAX})`,
      1,
      CSV_MAX,
    ).optional(),
    cursor: z
      .string()
      .max(2000, { error: 'is not a cursor this API issued' })
      .meta({ description: 'nextCursor of the previous page' })
      .optional(),
    format: oneOf(['json', 'csv'], 'Response format (Accept: text/csv works too)').optional(),
  }),
  alsoProduces: {
    'text/csv': { description: 'The same rows as CSV, streamed (format=csv or Accept: text/csv)' },
  },
  notFound: 'A ticker, CIK or insider nothing is known of',
  response: z.object({
    group: z.enum(['none', 'filing', 'company']),
    sort: z.string(),
    order: z.enum(['asc', 'desc']),
    window: z
      .object({ filedFrom: z.string().optional(), tradedFrom: z.string().optional() })
      .meta({ description: 'The default filing window applied to a market-wide screen, if any' }),
    count: z.number().int(),
    hasMore: z.boolean(),
    nextCursor: z.string().nullable(),
    data: z.union([z.array(ScreenerRowSchema), z.array(ScreenerGroupSchema)]),
  }),
  async handler({ query, deps, ctx }) {
    const csv =
      query.format === 'csv' ||
      (query.format === undefined && ctx.accepts('application/json', 'text/csv') === 'text/csv');
    if (!sortsFor(query.group).includes(query.sort)) {
      throw badParameter(
        'sort',
        `group=${query.group} sorts by ${sortsFor(query.group).join(', ')}; got "${query.sort}"`,
      );
    }
    if (!csv && query.limit !== undefined && query.limit > JSON_MAX) {
      throw badParameter(
        'limit',
        `"limit" must be at most ${JSON_MAX} for JSON (CSV allows ${CSV_MAX}); got ${query.limit}`,
      );
    }
    const { filters, window } = await resolveScreenerFilters(deps, query, { marketWindow: true });
    const q: ScreenerQuery = {
      filters: filters satisfies ScreenerFilters,
      group: query.group,
      sort: query.sort as keyof typeof ROW_SORTS & keyof typeof GROUP_SORTS,
      order: query.order,
      limit: query.limit ?? (csv ? CSV_MAX : 100),
      cursor: query.cursor,
    };
    const first = await page(deps, csv ? { ...q, limit: Math.min(CSV_PAGE, q.limit) } : q);
    if (csv) {
      streamCsv(ctx, deps, q, first);
      return undefined;
    }
    if (first.nextCursor) {
      const next = new URL(ctx.href);
      next.searchParams.set('cursor', first.nextCursor);
      ctx.set('link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    return {
      group: query.group,
      sort: query.sort,
      order: query.order,
      window,
      count: first.data.length,
      hasMore: first.hasMore,
      nextCursor: first.nextCursor,
      data: first.data,
    };
  },
});

export const SCREENER_ROUTES = [screener];
