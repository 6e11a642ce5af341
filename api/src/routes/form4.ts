import { z } from 'zod';
import { addDays } from '../../../pipeline/src/shared/calendar';
import { badParameter, notFound } from '../errors';
import { amount, date, enumList, flag, instant, integer, list, tickerOrCik } from '../framework/params';
import { defineRoute } from '../framework/route';
import type { RouteDeps } from '../framework/route';
import type { TickerOrCik } from '../framework/params';
import { queryForm4 } from '../queries/form4-transactions';
import { resolveIssuer } from '../queries/issuers';
import type { IssuerRef as IssuerRefRow } from '../queries/issuers';
import { queryLatest } from '../queries/latest';
import { ROLES } from '../queries/roles';
import { IssuerRef, ReportingOwner, Role, TradeSummary, Transaction } from './schemas';

export const KINDS = [
  'open_market_purchase',
  'open_market_sale',
  'grant_award',
  'exercise_conversion',
  'tax_withholding',
  'gift',
  'disposition_to_issuer',
  'derivative_trade',
  'dollar_amount_trade',
  'other',
] as const;

const CODE = /^[A-Z]$/;
export const codesParam = () =>
  list('Transaction codes, comma-separated (e.g. P,S)', {
    item: CODE,
    max: 26,
    what: 'transaction codes like P,S,A',
  });
export const rolesParam = () => enumList(ROLES, 'Insider roles (any of them)');

/** Today's date in UTC (the API's calendar). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The issuer named by a path parameter, or a 404 naming it. */
export async function issuerOr404(
  deps: RouteDeps,
  subject: TickerOrCik,
  parameter: string,
): Promise<IssuerRefRow> {
  const issuer = await resolveIssuer(deps.pool, subject);
  if (!issuer) {
    throw notFound(
      'cik' in subject
        ? `no filings known for issuer CIK ${subject.cik}`
        : `no filings known for ticker ${subject.ticker}`,
      parameter,
    );
  }
  return issuer;
}

export const form4Latest = defineRoute({
  name: 'latestForm4',
  path: '/api/v1/form4/latest',
  tag: 'Transactions',
  summary: 'Latest insider transactions market-wide, newest filing first',
  description:
    'Also counts the companies with open-market buys and with sells among rows accepted in the `days` days up to the newest acceptance (the window), and tells when data was last loaded. Derivative-table rows are left out unless `include_derivative`.',
  query: z.object({
    count: integer('How many rows', 1, 500).default(50),
    min_amount: amount('Only rows worth at least this many dollars').optional(),
    codes: codesParam().optional(),
    role: rolesParam().optional(),
    include_derivative: flag('Also list derivative-table rows (options, warrants)').default(false),
    days: integer('Window of the company counts, in days up to the newest acceptance', 1, 90).default(7),
  }),
  response: z.object({
    count: z.number().int(),
    companiesWithBuys: z.number().int(),
    companiesWithSells: z.number().int(),
    days: z.number().int(),
    window: z
      .object({ start: z.string().nullable(), end: z.string().nullable() })
      .meta({ description: 'Acceptance-time window of the company counts' }),
    lastLoadedAt: z.string().nullable().meta({ description: 'When the loader last wrote a filing' }),
    transactions: z.array(
      z.object({
        accessionNumber: z.string(),
        documentType: z.string(),
        acceptedAt: z.string().nullable(),
        filedDate: z.string().nullable(),
        issuerCik: z.string(),
        issuerTicker: z.string().nullable(),
        issuerName: z.string().nullable(),
        position: z.number().int(),
        transactionDate: z.string().nullable(),
        code: z.string().nullable(),
        kind: z.string(),
        shares: z.string().nullable(),
        pricePerShare: z.string().nullable(),
        value: z.string().nullable(),
        is10b5One: z.boolean().nullable(),
        owners: z.array(z.object({ cik: z.string(), name: z.string().nullable(), roles: z.array(Role) })),
      }),
    ),
  }),
  async handler({ query, deps, ctx }) {
    const { value, hit } = await deps.cache.getOrCompute(
      { route: 'form4-latest', scope: 'market', params: JSON.stringify(query) },
      () =>
        queryLatest(deps.pool, {
          limit: query.count,
          minAmount: query.min_amount,
          codes: query.codes,
          roles: query.role,
          includeDerivative: query.include_derivative,
          days: query.days,
        }),
    );
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    return { count: value.transactions.length, days: query.days, ...value };
  },
});

export const form4ByIssuer = defineRoute({
  name: 'form4ByTicker',
  path: '/api/v1/form4/:ticker',
  tag: 'Transactions',
  summary: "An issuer's insider transactions, newest first, with a buy/sell summary",
  description:
    'The ticker resolves through the ticker history to the issuer CIK, so a company that changed ticker comes back whole; a CIK works too. Amendments (4/A) replace the rows they restate; `as_of` shows what was public at that instant. Without `include_derivative` only the non-derivative table is listed.',
  params: z.object({ ticker: tickerOrCik() }),
  query: z.object({
    from: date('Trades on or after this day').optional(),
    to: date('Trades on or before this day').optional(),
    days: integer(
      'Trades in the last N calendar days (ending today, or on the day of as_of)',
      1,
      3650,
    ).optional(),
    codes: codesParam().optional(),
    kind: enumList(KINDS, 'Row kinds').optional(),
    owner: z
      .string()
      .regex(/^\d{1,10}$/, { error: (iss) => `is not a CIK (1-10 digits): "${String(iss.input)}"` })
      .transform((s) => s.padStart(10, '0'))
      .meta({ description: 'Only filings by this reporting owner (CIK)' })
      .optional(),
    role: rolesParam().optional(),
    min_value: amount('Only rows worth at least this many dollars').optional(),
    exclude_10b5_1: flag('Leave out trades under a Rule 10b5-1 plan').default(false),
    include_derivative: flag('Also list derivative-table rows (options, warrants)').default(false),
    limit: integer('How many rows', 1, 1000).default(100),
    as_of: instant(
      'What was public at this instant: filings accepted later (amendments too) are not applied',
    ).optional(),
  }),
  aliases: { hide_planned: 'exclude_10b5_1', count: 'limit' },
  notFound: 'No filing of that ticker or CIK was loaded',
  response: z.object({
    ticker: z
      .string()
      .nullable()
      .meta({ description: 'The ticker asked for, upper-cased (null when a CIK was)' }),
    issuer: IssuerRef,
    asOf: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    count: z.number().int().meta({ description: 'Rows returned' }),
    total: z.number().int().meta({ description: 'Rows matching the filters' }),
    summary: TradeSummary,
    transactions: z.array(Transaction),
  }),
  async handler({ params, query, deps, ctx }) {
    if (query.days !== undefined && query.from !== undefined) {
      throw badParameter('days', '"days" and "from" both set a start; give one of them');
    }
    const end = query.to ?? (query.as_of ? query.as_of.slice(0, 10) : today());
    const from = query.days !== undefined ? addDays(end, -(query.days - 1)) : query.from;
    const to = query.days !== undefined ? end : query.to;
    if (from && to && from > to) {
      throw badParameter('from', `"from" (${from}) is after "to" (${to})`);
    }
    const issuer = await issuerOr404(deps, params.ticker, 'ticker');
    const filters = {
      issuerCik: issuer.cik,
      from,
      to,
      codes: query.codes,
      kinds: query.kind,
      ownerCik: query.owner,
      roles: query.role,
      minValue: query.min_value,
      exclude10b5One: query.exclude_10b5_1,
      includeDerivative: query.include_derivative,
      asOf: query.as_of,
      limit: query.limit,
    };
    const { value, hit } = await deps.cache.getOrCompute(
      { route: 'form4', scope: { issuerCik: issuer.cik }, params: JSON.stringify(filters) },
      () => queryForm4(deps.pool, filters),
    );
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    return {
      ticker: 'ticker' in params.ticker ? params.ticker.ticker : null,
      issuer,
      asOf: query.as_of ?? null,
      from: from ?? null,
      to: to ?? null,
      count: value.transactions.length,
      total: value.total,
      summary: value.summary,
      transactions: value.transactions,
    };
  },
});

export const FORM4_ROUTES = [form4Latest, form4ByIssuer];
export { ReportingOwner };
