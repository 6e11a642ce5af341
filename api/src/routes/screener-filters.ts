/**
 * The screener's filter parameters, shared by GET /screener and GET /stream (a stream is a screen
 * of rows as they load), and their resolution into ScreenerFilters: tickers and CIKs to issuer
 * CIKs (unknown → 404), an insider CIK or name prefix to owner CIKs (unknown → 404).
 */
import { z } from 'zod';
import { addDays } from '../../../pipeline/src/shared/calendar';
import { badParameter, notFound } from '../errors';
import { amount, date, flag, integer, list, TICKER } from '../framework/params';
import type { RouteDeps } from '../framework/route';
import type { ScreenerFilters } from '../queries/screener';
import { insiderCiksByName, insiderExists, resolveIssuerCiks } from '../queries/subjects';
import { codesParam, rolesParam, today } from './form4';

export const MAX_TICKERS = 50;

const percent = (description: string) =>
  z
    .string()
    .regex(/^-?\d{1,7}(\.\d{1,4})?$/, {
      error: (iss) => `must be a percentage like 10 or -25.5; got "${String(iss.input)}"`,
    })
    .meta({ description, example: '10' });

export const screenerFilterShape = {
  tickers: list(`Issuers by ticker (any case) or CIK (digits), comma-separated, at most ${MAX_TICKERS}`, {
    item: TICKER,
    max: MAX_TICKERS,
    what: 'tickers or CIKs',
  }).optional(),
  insider: z
    .string()
    .trim()
    .min(2, { error: 'must be a CIK or at least 2 letters of a name' })
    .max(100, { error: 'must be at most 100 characters' })
    .meta({
      description:
        'A reporting owner: CIK (digits), or the start of the name as filed (case-insensitive, e.g. "smith j")',
    })
    .optional(),
  codes: codesParam().optional(),
  roles: rolesParam().optional(),
  min_price: amount('Price per share at least').optional(),
  max_price: amount('Price per share at most').optional(),
  min_value: amount('Dollar value (shares × price) at least').optional(),
  max_value: amount('Dollar value at most').optional(),
  min_own_change: percent(
    "Change of the insider's holding, percent, at least (+ acquired, − disposed; a new position counts as +infinity)",
  ).optional(),
  max_own_change: percent('Change of the holding, percent, at most').optional(),
  min_delay: integer('Days from trade to filing, at least', 0, 3650).optional(),
  max_delay: integer('Days from trade to filing, at most', 0, 3650).optional(),
  filed_from: date('Filed on or after this day').optional(),
  filed_to: date('Filed on or before this day').optional(),
  traded_from: date('Traded on or after this day').optional(),
  traded_to: date('Traded on or before this day').optional(),
  only_10b5_1: flag('Only trades under a Rule 10b5-1 plan').default(false),
  exclude_10b5_1: flag('Leave out trades under a Rule 10b5-1 plan (unknown counts as not planned)').default(
    false,
  ),
  include_derivative: flag('Also derivative-table rows (options, warrants)').default(false),
};

export type ScreenerFilterParams = z.output<z.ZodObject<typeof screenerFilterShape>>;

/** Market-wide screens without a date bound get this filing window. */
export const DEFAULT_WINDOW_DAYS = 30;
/** Market-wide screens may span at most this many days (per-issuer and per-insider ones: any). */
export const MAX_MARKET_WINDOW_DAYS = 366;

function ordered(from: string | undefined, to: string | undefined, name: string): void {
  if (from && to && from > to) {
    throw badParameter(`${name}_from`, `"${name}_from" (${from}) is after "${name}_to" (${to})`);
  }
}

function pairs(q: ScreenerFilterParams): void {
  ordered(q.filed_from, q.filed_to, 'filed');
  ordered(q.traded_from, q.traded_to, 'traded');
  const numeric: [string | number | undefined, string | number | undefined, string][] = [
    [q.min_price, q.max_price, 'price'],
    [q.min_value, q.max_value, 'value'],
    [q.min_own_change, q.max_own_change, 'own_change'],
    [q.min_delay, q.max_delay, 'delay'],
  ];
  for (const [min, max, name] of numeric) {
    if (min !== undefined && max !== undefined && Number(min) > Number(max)) {
      throw badParameter(`min_${name}`, `"min_${name}" (${min}) is above "max_${name}" (${max})`);
    }
  }
  if (q.only_10b5_1 && q.exclude_10b5_1) {
    throw badParameter('only_10b5_1', '"only_10b5_1" and "exclude_10b5_1" exclude each other; give one');
  }
}

/**
 * Validated parameters → ScreenerFilters. `marketWindow`: a screen over every issuer needs a date
 * bound (default: the last 30 days of filings) and at most a year, so it stays an index range.
 */
export async function resolveScreenerFilters(
  deps: RouteDeps,
  q: ScreenerFilterParams,
  options: { marketWindow: boolean },
): Promise<{ filters: ScreenerFilters; window: { filedFrom?: string; tradedFrom?: string } }> {
  pairs(q);
  const filters: ScreenerFilters = {
    codes: q.codes,
    roles: q.roles,
    minPrice: q.min_price,
    maxPrice: q.max_price,
    minValue: q.min_value,
    maxValue: q.max_value,
    minOwnChange: q.min_own_change,
    maxOwnChange: q.max_own_change,
    minDelay: q.min_delay,
    maxDelay: q.max_delay,
    filedFrom: q.filed_from,
    filedTo: q.filed_to,
    tradedFrom: q.traded_from,
    tradedTo: q.traded_to,
    plan: q.only_10b5_1 ? 'only' : q.exclude_10b5_1 ? 'exclude' : undefined,
    includeDerivative: q.include_derivative,
  };
  if (q.tickers) {
    const subjects = q.tickers.map((t) =>
      /^\d{1,10}$/.test(t) ? { cik: t.padStart(10, '0') } : { ticker: t },
    );
    const ciks = await resolveIssuerCiks(deps.pool, subjects);
    const unknown = q.tickers.filter((_t, i) => ciks[i] === null);
    if (unknown.length > 0) {
      throw notFound(`no filings known for ${unknown.join(', ')}`, 'tickers');
    }
    filters.issuerCiks = [...new Set(ciks as string[])];
  }
  if (q.insider) {
    if (/^\d{1,10}$/.test(q.insider)) {
      const cik = q.insider.padStart(10, '0');
      if (!(await insiderExists(deps.pool, cik))) {
        throw notFound(`no filings known for insider CIK ${cik}`, 'insider');
      }
      filters.insiderCiks = [cik];
    } else {
      const ciks = await insiderCiksByName(deps.pool, q.insider);
      if (ciks.length === 0) {
        throw notFound(`no insider's name starts with "${q.insider}"`, 'insider');
      }
      filters.insiderCiks = ciks;
    }
  }
  const window: { filedFrom?: string; tradedFrom?: string } = {};
  if (options.marketWindow && !filters.issuerCiks && !filters.insiderCiks) {
    if (!q.filed_from && !q.traded_from) {
      filters.filedFrom = addDays(q.filed_to ?? today(), -DEFAULT_WINDOW_DAYS);
      window.filedFrom = filters.filedFrom;
    }
    // One window within a year is enough for an index range; the other may be wider or open.
    const within = (from: string | undefined, to: string | undefined): boolean =>
      from !== undefined && addDays(from, MAX_MARKET_WINDOW_DAYS) >= (to ?? today());
    if (!within(filters.filedFrom, q.filed_to) && !within(q.traded_from, q.traded_to)) {
      const name = filters.filedFrom ? 'filed' : 'traded';
      throw badParameter(
        `${name}_from`,
        `a screen over every issuer spans at most ${MAX_MARKET_WINDOW_DAYS} days of filing or trade dates; narrow "${name}_from"/"${name}_to", or name tickers or an insider`,
      );
    }
  }
  return { filters, window };
}
