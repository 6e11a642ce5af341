import type pg from 'pg';
import { anyRoleSql } from './insider-roles';
import type { InsiderRoleName } from './insider-roles';
import { BadCursorError, decodeCursor, encodeCursor, queryDigest } from './screener-cursor';
import type { CursorPosition } from './screener-cursor';

/** Validated, resolved screener filters (tickers already turned into issuer CIKs). */
export interface ScreenerFilters {
  issuerCiks?: string[];
  insiderCiks?: string[];
  codes?: string[];
  roles?: InsiderRoleName[];
  minPrice?: string;
  maxPrice?: string;
  minValue?: string;
  maxValue?: string;
  /** Change in the insider's holding, percent (+ for acquisitions, − for disposals). */
  minOwnChange?: string;
  maxOwnChange?: string;
  /** Calendar days from the trade to its filing. */
  minDelay?: number;
  maxDelay?: number;
  filedFrom?: string;
  filedTo?: string;
  tradedFrom?: string;
  tradedTo?: string;
  /** Rule 10b5-1 plan trades only, or none of them (unknown counts as not under a plan). */
  plan?: 'only' | 'exclude';
  includeDerivative: boolean;
  /** Exactly these rows (the stream filters newly loaded rows through the same SQL). */
  keys?: { accessionNumber: string; position: number }[];
}

export type ScreenerGroup = 'none' | 'filing' | 'company';
export type SortOrder = 'asc' | 'desc';

type SqlType = 'timestamptz' | 'date' | 'numeric' | 'integer' | 'text';
interface SortKey {
  /** A never-null expression (a missing value sorts as the lowest). */
  sql: string;
  type: SqlType;
}

const OWN_CHANGE = `CASE
  WHEN t.shares IS NULL OR t.shares_owned_following IS NULL THEN NULL
  WHEN t.acquired_disposed = 'A' THEN
    CASE WHEN t.shares_owned_following - t.shares > 0
         THEN round(100 * t.shares / (t.shares_owned_following - t.shares), 2) ELSE 'Infinity'::numeric END
  WHEN t.shares_owned_following + t.shares > 0
    THEN round(-100 * t.shares / (t.shares_owned_following + t.shares), 2)
END`;
const DELAY = '(t.filed_date - t.transaction_date)';

/** Sort keys of single rows; the first three match indexes of sql/0012. */
export const ROW_SORTS = {
  filing_date: { sql: `coalesce(t.accepted_at, '-infinity'::timestamptz)`, type: 'timestamptz' },
  trade_date: { sql: `coalesce(t.transaction_date, '-infinity'::date)`, type: 'date' },
  value: { sql: `coalesce(t.value, '-Infinity'::numeric)`, type: 'numeric' },
  price: { sql: `coalesce(t.price_per_share, '-Infinity'::numeric)`, type: 'numeric' },
  shares: { sql: `coalesce(t.shares, '-Infinity'::numeric)`, type: 'numeric' },
  own_change: { sql: `coalesce(${OWN_CHANGE}, '-Infinity'::numeric)`, type: 'numeric' },
  delay: { sql: `coalesce(${DELAY}, -2147483648)`, type: 'integer' },
  ticker: { sql: `coalesce(t.issuer_ticker, '')`, type: 'text' },
} as const satisfies Record<string, SortKey>;

/** Sort keys of groups (columns of the grouped result `g`). */
export const GROUP_SORTS = {
  filing_date: { sql: `g.last_accepted_at`, type: 'timestamptz' },
  trade_date: { sql: `g.last_trade_date`, type: 'date' },
  value: { sql: `g.total_value`, type: 'numeric' },
  shares: { sql: `g.total_shares`, type: 'numeric' },
  trades: { sql: `g.trade_count`, type: 'integer' },
  filings: { sql: `g.filing_count`, type: 'integer' },
  insiders: { sql: `g.insider_count`, type: 'integer' },
  officers: { sql: `g.officer_count`, type: 'integer' },
  ticker: { sql: `g.ticker_key`, type: 'text' },
} as const satisfies Record<string, SortKey>;

export type RowSort = keyof typeof ROW_SORTS;
export type GroupSort = keyof typeof GROUP_SORTS;
export const SORT_NAMES = [...new Set([...Object.keys(ROW_SORTS), ...Object.keys(GROUP_SORTS)])] as (
  RowSort | GroupSort
)[];

export interface ScreenerQuery {
  filters: ScreenerFilters;
  group: ScreenerGroup;
  sort: RowSort | GroupSort;
  order: SortOrder;
  limit: number;
  cursor?: string;
}

const SORT_KEY_TEXT: Record<SqlType, RegExp> = {
  timestamptz: /^(-infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?)$/,
  date: /^(-infinity|\d{4}-\d{2}-\d{2})$/,
  numeric: /^(-Infinity|Infinity|-?\d{1,30}(\.\d{1,30})?)$/,
  integer: /^-?\d{1,10}$/,
  text: /^[\s\S]{0,200}$/,
};

/** Collects positional parameters while SQL is assembled. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** The WHERE conditions over `transactions t` for the filters. */
function whereSql(f: ScreenerFilters, p: Params): string[] {
  const w: string[] = [];
  if (!f.includeDerivative) {
    w.push(`t.table_kind = 'nonDerivative'`);
  }
  if (f.issuerCiks) {
    w.push(`t.issuer_cik = ANY(${p.add(f.issuerCiks, 'text[]')})`);
  }
  if (f.insiderCiks) {
    w.push(`t.owner_ciks && ${p.add(f.insiderCiks, 'text[]')}`);
  }
  if (f.codes) {
    w.push(`t.code = ANY(${p.add(f.codes, 'text[]')})`);
  }
  if (f.roles) {
    w.push(
      `EXISTS (SELECT 1 FROM filing_owners o WHERE o.accession_number = t.accession_number
                  AND o.owner_cik = ANY(t.owner_ciks) AND ${anyRoleSql(f.roles)})`,
    );
  }
  const range = (sql: string, type: string, min?: string | number, max?: string | number): void => {
    if (min !== undefined) {
      w.push(`${sql} >= ${p.add(min, type)}`);
    }
    if (max !== undefined) {
      w.push(`${sql} <= ${p.add(max, type)}`);
    }
  };
  range('t.price_per_share', 'numeric', f.minPrice, f.maxPrice);
  range('t.value', 'numeric', f.minValue, f.maxValue);
  range(`(${OWN_CHANGE})`, 'numeric', f.minOwnChange, f.maxOwnChange);
  range(DELAY, 'integer', f.minDelay, f.maxDelay);
  range('t.filed_date', 'date', f.filedFrom, f.filedTo);
  range('t.transaction_date', 'date', f.tradedFrom, f.tradedTo);
  if (f.plan === 'only') {
    w.push('t.is_10b5_1 IS TRUE');
  } else if (f.plan === 'exclude') {
    w.push('t.is_10b5_1 IS NOT TRUE');
  }
  if (f.keys) {
    w.push(
      `(t.accession_number, t.position) IN (SELECT * FROM unnest(${p.add(
        f.keys.map((k) => k.accessionNumber),
        'text[]',
      )}, ${p.add(
        f.keys.map((k) => k.position),
        'integer[]',
      )}))`,
    );
  }
  return w;
}

const OWNERS_JSON = (accession: string) => `COALESCE((
  SELECT json_agg(json_build_object('cik', o.owner_cik, 'name', o.owner_name, 'isDirector', o.is_director,
           'isOfficer', o.is_officer, 'isTenPercentOwner', o.is_ten_percent_owner, 'isOther', o.is_other,
           'officerTitle', o.officer_title) ORDER BY o.position)
    FROM filing_owners o WHERE o.accession_number = ${accession}), '[]')`;

export interface ScreenerOwner {
  cik: string;
  name: string | null;
  isDirector: boolean;
  isOfficer: boolean;
  isTenPercentOwner: boolean;
  isOther: boolean;
  officerTitle: string | null;
}

export interface ScreenerRow {
  accessionNumber: string;
  position: number;
  documentType: string;
  issuerCik: string;
  ticker: string | null;
  issuerName: string | null;
  acceptedAt: string | null;
  filedDate: string | null;
  transactionDate: string | null;
  filingDelayDays: number | null;
  table: 'nonDerivative' | 'derivative';
  securityTitle: string | null;
  code: string | null;
  kind: string;
  acquiredDisposed: string | null;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  sharesOwnedFollowing: string | null;
  /** Percent change of the holding; null when a purchase opens a new position (see newPosition) or data is missing. */
  ownChangePct: string | null;
  newPosition: boolean;
  is10b5One: boolean | null;
  owners: ScreenerOwner[];
}

export interface ScreenerGroupRow {
  /** Accession number (group=filing) or issuer CIK (group=company). */
  key: string;
  issuerCik: string;
  ticker: string | null;
  issuerName: string | null;
  accessionNumber?: string;
  documentType?: string;
  filingCount: number;
  tradeCount: number;
  insiderCount: number;
  officerCount: number;
  codes: string[];
  totalShares: string;
  totalValue: string;
  purchaseValue: string;
  saleValue: string;
  firstTradeDate: string | null;
  lastTradeDate: string | null;
  lastAcceptedAt: string | null;
  owners?: ScreenerOwner[];
}

export interface ScreenerPage<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

function keysetSql(sort: SortKey, order: SortOrder, tie: string[], at: CursorPosition, p: Params): string {
  const cmp = order === 'desc' ? '<' : '>';
  const values = [
    p.add(at.sortKey, sort.type),
    ...at.tieBreak.map((v, i) => p.add(v, i === 1 ? 'integer' : 'text')),
  ];
  return `(${[sort.sql, ...tie].join(', ')}) ${cmp} (${values.join(', ')})`;
}

function orderSql(sort: SortKey, order: SortOrder, tie: string[]): string {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  return [sort.sql, ...tie].map((e) => `${e} ${dir}`).join(', ');
}

/** Which sort names each grouping accepts. */
export function sortsFor(group: ScreenerGroup): string[] {
  return Object.keys(group === 'none' ? ROW_SORTS : GROUP_SORTS);
}

/** Everything that shapes the result set except the cursor and page size. */
function shapeOf(q: ScreenerQuery): unknown {
  return { f: q.filters, g: q.group, s: q.sort, o: q.order };
}

export function screenerDigest(q: ScreenerQuery): string {
  return queryDigest(shapeOf(q));
}

/** Builds the SQL of one page (limit + 1 rows, to know whether more follow). */
export function screenerSql(q: ScreenerQuery): { text: string; values: unknown[]; sort: SortKey } {
  const p = new Params();
  const where = whereSql(q.filters, p);
  const digest = screenerDigest(q);
  const at = q.cursor === undefined ? undefined : decodeCursor(q.cursor, digest);
  if (q.group === 'none') {
    const sort: SortKey = ROW_SORTS[q.sort as RowSort];
    const tie = ['t.accession_number', 't.position'];
    if (at) {
      checkCursor(at, sort, 2);
      where.push(keysetSql(sort, q.order, tie, at, p));
    }
    // The page is chosen from transactions alone (an index range, then LIMIT); only its rows are
    // then joined to their filing and owners, never every candidate row.
    const text = `
SELECT t.accession_number AS "accessionNumber", t.position, t.document_type AS "documentType",
       t.issuer_cik AS "issuerCik", t.issuer_ticker AS ticker, f.issuer_name AS "issuerName",
       t.accepted_at AS "acceptedAt", t.filed_date::text AS "filedDate",
       t.transaction_date::text AS "transactionDate", ${DELAY} AS "filingDelayDays", t.table_kind AS "table",
       t.security_title AS "securityTitle", t.code, t.kind, t.acquired_disposed AS "acquiredDisposed",
       t.shares, t.price_per_share AS "pricePerShare", t.value, t.shares_owned_following AS "sharesOwnedFollowing",
       (${OWN_CHANGE})::text AS "ownChangePct", t.is_10b5_1 AS "is10b5One",
       ${OWNERS_JSON('t.accession_number')} AS owners,
       t.sort_key::text AS sort_key
  FROM (
    SELECT t.*, ${sort.sql} AS sort_key
      FROM transactions t
     ${where.length > 0 ? `WHERE ${where.join('\n       AND ')}` : ''}
     ORDER BY ${orderSql(sort, q.order, tie)}
     LIMIT ${p.add(q.limit + 1, 'integer')}
  ) t
  LEFT JOIN filings f ON f.accession_number = t.accession_number
 ORDER BY ${orderSql({ sql: 't.sort_key', type: sort.type }, q.order, tie)}`;
    return { text, values: p.values, sort };
  }
  const sort: SortKey = GROUP_SORTS[q.sort as GroupSort];
  const keyCol = q.group === 'filing' ? 'accession_number' : 'issuer_cik';
  const outerWhere: string[] = [];
  if (at) {
    checkCursor(at, sort, 1);
    outerWhere.push(keysetSql(sort, q.order, ['g.key'], at, p));
  }
  const issuer =
    q.group === 'filing'
      ? `f.issuer_name AS "issuerName", f.issuer_ticker AS ticker, f.accession_number AS "accessionNumber",
         f.document_type AS "documentType", ${OWNERS_JSON('g.key')} AS owners`
      : `(SELECT i.issuer_name FROM filings i WHERE i.issuer_cik = g.key ORDER BY i.accepted_at DESC NULLS LAST LIMIT 1) AS "issuerName",
         g.ticker`;
  const text = `
WITH r AS (
  SELECT t.accession_number, t.position, t.issuer_cik, t.issuer_ticker, t.owner_ciks, t.code, t.shares, t.value,
         t.acquired_disposed, t.transaction_date, t.accepted_at
    FROM transactions t
   ${where.length > 0 ? `WHERE ${where.join('\n     AND ')}` : ''}
), owners AS (
  SELECT x.key, count(DISTINCT x.cik)::int AS insider_count,
         count(DISTINCT x.cik) FILTER (WHERE x.is_officer)::int AS officer_count
    FROM (SELECT r.${keyCol} AS key, u.cik,
                 (SELECT o.is_officer FROM filing_owners o
                   WHERE o.accession_number = r.accession_number AND o.owner_cik = u.cik LIMIT 1) AS is_officer
            FROM r CROSS JOIN unnest(r.owner_ciks) u(cik)) x
   GROUP BY x.key
), g AS (
  SELECT r.${keyCol} AS key, min(r.issuer_cik) AS issuer_cik,
         (array_agg(r.issuer_ticker ORDER BY r.accepted_at DESC NULLS LAST) FILTER (WHERE r.issuer_ticker IS NOT NULL))[1] AS ticker,
         count(DISTINCT r.accession_number)::int AS filing_count, count(*)::int AS trade_count,
         coalesce(o.insider_count, 0) AS insider_count, coalesce(o.officer_count, 0) AS officer_count,
         array_agg(DISTINCT r.code) FILTER (WHERE r.code IS NOT NULL) AS codes,
         coalesce(sum(r.shares), 0) AS total_shares, coalesce(sum(r.value), 0) AS total_value,
         coalesce(sum(r.value) FILTER (WHERE r.acquired_disposed = 'A'), 0) AS purchase_value,
         coalesce(sum(r.value) FILTER (WHERE r.acquired_disposed = 'D'), 0) AS sale_value,
         min(r.transaction_date) AS first_trade_date,
         coalesce(max(r.transaction_date), '-infinity'::date) AS last_trade_date,
         coalesce(max(r.accepted_at), '-infinity'::timestamptz) AS last_accepted_at
    FROM r LEFT JOIN owners o ON o.key = r.${keyCol}
   GROUP BY r.${keyCol}, o.insider_count, o.officer_count
)
SELECT g.key, g.issuer_cik AS "issuerCik", ${issuer},
       g.filing_count AS "filingCount", g.trade_count AS "tradeCount", g.insider_count AS "insiderCount",
       g.officer_count AS "officerCount", coalesce(g.codes, '{}') AS codes, g.total_shares::text AS "totalShares",
       g.total_value::text AS "totalValue", g.purchase_value::text AS "purchaseValue", g.sale_value::text AS "saleValue",
       g.first_trade_date::text AS "firstTradeDate", g.last_trade_date::text AS "lastTradeDate",
       g.last_accepted_at AS "lastAcceptedAt", (${sort.sql})::text AS sort_key
  FROM (SELECT *, coalesce(ticker, '') AS ticker_key FROM g) g
  ${q.group === 'filing' ? 'LEFT JOIN filings f ON f.accession_number = g.key' : ''}
 ${outerWhere.length > 0 ? `WHERE ${outerWhere.join(' AND ')}` : ''}
 ORDER BY ${orderSql(sort, q.order, ['g.key'])}
 LIMIT ${p.add(q.limit + 1, 'integer')}`;
  return { text, values: p.values, sort };
}

function checkCursor(at: CursorPosition, sort: SortKey, tieLength: number): void {
  if (!SORT_KEY_TEXT[sort.type].test(at.sortKey) || at.tieBreak.length !== tieLength) {
    throw new BadCursorErrorFromSql();
  }
  if (tieLength === 2 && typeof at.tieBreak[1] !== 'number') {
    throw new BadCursorErrorFromSql();
  }
}

class BadCursorErrorFromSql extends BadCursorError {
  constructor() {
    super('cursor is not one this API issued');
  }
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/** One page of the screen. A cursor that does not parse, or belongs to another query, throws BadCursorError. */
export async function runScreener(
  pool: pg.Pool,
  q: ScreenerQuery,
): Promise<ScreenerPage<ScreenerRow> | ScreenerPage<ScreenerGroupRow>> {
  const { text, values } = screenerSql(q);
  let rows: Record<string, unknown>[];
  try {
    rows = (await pool.query<Record<string, unknown>>(text, values)).rows;
  } catch (err) {
    // A cursor that passed the shape checks can still hold a value Postgres cannot cast
    // ("2026-02-31 …"): that is the client's bad cursor, not a server fault.
    const code = (err as { code?: unknown }).code;
    if (q.cursor !== undefined && typeof code === 'string' && code.startsWith('22')) {
      throw new BadCursorError('cursor is not one this API issued');
    }
    throw err;
  }
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor =
    hasMore && last
      ? encodeCursor(screenerDigest(q), {
          sortKey: String(last.sort_key),
          tieBreak:
            q.group === 'none' ? [String(last.accessionNumber), Number(last.position)] : [String(last.key)],
        })
      : null;
  if (q.group === 'none') {
    const data = page.map(({ sort_key: _s, acceptedAt, ownChangePct, ...r }) => ({
      ...r,
      acceptedAt: iso(acceptedAt),
      ownChangePct: ownChangePct === 'Infinity' ? null : ownChangePct,
      newPosition: ownChangePct === 'Infinity',
    })) as unknown as ScreenerRow[];
    return { data, hasMore, nextCursor };
  }
  const data = page.map(({ sort_key: _s, lastAcceptedAt, lastTradeDate, ...r }) => ({
    ...r,
    lastTradeDate: lastTradeDate === '-infinity' ? null : lastTradeDate,
    lastAcceptedAt:
      lastAcceptedAt instanceof Date && Number.isFinite(lastAcceptedAt.getTime())
        ? iso(lastAcceptedAt)
        : null,
  })) as unknown as ScreenerGroupRow[];
  return { data, hasMore, nextCursor };
}
