import { z } from 'zod';
import { flag, integer, list, TICKER } from '../framework/params';
import { defineRoute } from '../framework/route';
import { queryActivity } from '../queries/activity';
import { resolveIssuerCiks } from '../queries/subjects';
import { MAX_TICKERS } from './screener-filters';

const decimal = z.string();
const Side = z.object({ count: z.number().int(), shares: decimal, value: decimal });

export const activity = defineRoute({
  name: 'activity',
  path: '/api/v1/activity',
  tag: 'Screener',
  summary: 'Recent insider activity for a list of tickers (a watchlist without state)',
  description:
    'Per ticker, in the order given: its latest transaction rows (newest filing first) and the open-market purchases (P) and sales (S) traded in the last `days` calendar days. Tickers nothing is known of are listed in `unknown` rather than failing the whole list.',
  query: z.object({
    tickers: list(`Tickers (any case) or CIKs, comma-separated, at most ${MAX_TICKERS}`, {
      item: TICKER,
      max: MAX_TICKERS,
      what: 'tickers or CIKs',
    }),
    days: integer('Calendar days of the buy/sell window, ending today', 1, 365).default(30),
    limit: integer('Latest rows per ticker', 1, 100).default(10),
    include_derivative: flag('Also derivative-table rows in the latest rows').default(false),
  }),
  response: z.object({
    days: z.number().int(),
    unknown: z.array(z.string()).meta({ description: 'Tickers or CIKs with no loaded filing' }),
    issuers: z.array(
      z.object({
        subject: z.string().meta({ description: 'The ticker or CIK as asked (upper-cased)' }),
        issuerCik: z.string(),
        ticker: z.string().nullable().meta({ description: 'Ticker on the latest filing' }),
        issuerName: z.string().nullable(),
        lastFiledAt: z.string().nullable(),
        window: z.object({
          from: z.string(),
          to: z.string(),
          purchases: Side,
          sales: Side,
          netValue: decimal,
          insiders: z
            .number()
            .int()
            .meta({ description: 'Distinct insiders who bought or sold in the window' }),
        }),
        recent: z.array(
          z.object({
            accessionNumber: z.string(),
            position: z.number().int(),
            acceptedAt: z.string().nullable(),
            transactionDate: z.string().nullable(),
            code: z.string().nullable(),
            kind: z.string(),
            acquiredDisposed: z.string().nullable(),
            shares: decimal.nullable(),
            pricePerShare: decimal.nullable(),
            value: decimal.nullable(),
            is10b5One: z.boolean().nullable(),
            ownerCiks: z.array(z.string()),
            ownerNames: z.array(z.string().nullable()),
          }),
        ),
      }),
    ),
  }),
  async handler({ query, deps }) {
    const subjects = query.tickers.map((t) =>
      /^\d{1,10}$/.test(t) ? { cik: t.padStart(10, '0') } : { ticker: t },
    );
    const ciks = await resolveIssuerCiks(deps.pool, subjects);
    const known = query.tickers
      .map((subject, i) => ({ subject, cik: ciks[i] }))
      .filter((k) => k.cik !== null);
    const rows = await queryActivity(deps.pool, {
      issuerCiks: known.map((k) => k.cik!),
      days: query.days,
      limit: query.limit,
      includeDerivative: query.include_derivative,
    });
    return {
      days: query.days,
      unknown: query.tickers.filter((_t, i) => ciks[i] === null),
      issuers: rows.map((r, i) => ({ subject: known[i]!.subject, ...r })),
    };
  },
});

export const ACTIVITY_ROUTES = [activity];
