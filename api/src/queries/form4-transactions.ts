/**
 * An issuer's Form 3/4/5 transaction rows as a client sees them: amendments applied as the
 * aggregator applies them (a 4/A replaces the rows it restates), optionally only what was public
 * at an instant (`asOf`: later filings, amendments included, are not applied), then filtered.
 * The summary counts economic trades once (a joint filing's row, an ownership chain's copies).
 */
import type pg from 'pg';
import { applyCorrections } from '../../../pipeline/src/stages/aggregator/corrections';
import { economicTrades } from '../../../pipeline/src/stages/aggregator/economic-trades';
import type { FilingContext, TradeRow } from '../../../pipeline/src/stages/aggregator/model';
import { tradeActivity } from '../../../pipeline/src/stages/aggregator/totals';
import { canonicalDecimal, compareDecimals, subtractDecimals } from '../../../pipeline/src/shared/decimal';
import { roleCondition } from './latest';
import { hasRole } from './roles';
import type { Role } from './roles';

export interface Form4Filters {
  issuerCik: string;
  from?: string;
  to?: string;
  codes?: string[];
  kinds?: string[];
  ownerCik?: string;
  roles?: Role[];
  minValue?: string;
  exclude10b5One?: boolean;
  includeDerivative?: boolean;
  /** ISO instant: only filings accepted at or before it. */
  asOf?: string;
  limit: number;
}

export interface ReportingOwner {
  cik: string;
  name: string | null;
  isDirector: boolean;
  isOfficer: boolean;
  isTenPercentOwner: boolean;
  isOther: boolean;
  officerTitle: string | null;
}

export interface Form4Transaction {
  accessionNumber: string;
  documentType: string;
  filedDate: string | null;
  acceptedAt: string | null;
  position: number;
  table: 'nonDerivative' | 'derivative';
  securityTitle: string | null;
  transactionDate: string | null;
  code: string | null;
  kind: string;
  acquiredDisposed: string | null;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  sharesOwnedFollowing: string | null;
  directOrIndirect: string | null;
  is10b5One: boolean | null;
  flags: string[];
  issuerTicker: string | null;
  reportingOwners: ReportingOwner[];
}

interface SideSummary {
  count: number;
  shares: string;
  value: string;
}

export interface Form4Summary {
  buys: SideSummary;
  sells: SideSummary;
  netShares: string;
  netValue: string;
}

interface Row {
  accession_number: string;
  position: number;
  table_kind: 'nonDerivative' | 'derivative';
  document_type: string;
  issuer_cik: string;
  issuer_ticker: string | null;
  owner_ciks: string[];
  period_of_report: string | null;
  date_of_original_submission: string | null;
  filed_date: string | null;
  accepted_at: Date | null;
  security_title: string | null;
  transaction_date: string | null;
  code: string | null;
  kind: string;
  acquired_disposed: string | null;
  shares: string | null;
  price_per_share: string | null;
  value: string | null;
  shares_owned_following: string | null;
  direct_indirect: string | null;
  is_10b5_1: boolean | null;
  flags: string[];
  trade_key: string;
}

/**
 * Filters that are part of an amendment's row match (date, code, table) plus `as_of`; shared by
 * both paths. $1 issuer CIK, $2 from, $3 to, $4 codes, $5 include derivative, $6 as_of.
 */
const BASE_WHERE = `t.issuer_cik = $1
   AND ($2::date IS NULL OR t.transaction_date >= $2::date)
   AND ($3::date IS NULL OR t.transaction_date <= $3::date)
   AND ($4::text[] IS NULL OR t.code = ANY($4::text[]))
   AND ($5::boolean OR t.table_kind = 'nonDerivative')
   AND ($6::timestamptz IS NULL OR t.accepted_at <= $6::timestamptz
        OR (t.accepted_at IS NULL AND t.filed_date <= $6::timestamptz::date))`;

/**
 * Filters that are part of an amendment's row match (date, code, table) are applied here: a 4/A
 * row and the row it restates agree on them, so filtering first cannot separate a pair.
 */
const ROWS_SQL = `
SELECT t.accession_number, t.position, t.table_kind, t.document_type, t.issuer_cik, t.issuer_ticker,
       t.owner_ciks, f.period_of_report::text AS period_of_report,
       f.date_of_original_submission::text AS date_of_original_submission, t.filed_date, t.accepted_at,
       t.security_title, t.transaction_date, t.code, t.kind, t.acquired_disposed, t.shares,
       t.price_per_share, t.value, t.shares_owned_following, t.direct_indirect, t.is_10b5_1, t.flags,
       t.trade_key
  FROM transactions t JOIN filings f USING (accession_number)
 WHERE ${BASE_WHERE}`;

const OWNERS_SQL = `
SELECT accession_number, owner_cik AS cik, owner_name AS name, is_director AS "isDirector",
       is_officer AS "isOfficer", is_ten_percent_owner AS "isTenPercentOwner", is_other AS "isOther",
       officer_title AS "officerTitle"
  FROM filing_owners WHERE accession_number = ANY($1::text[]) ORDER BY accession_number, position`;

function toTradeRow(r: Row): TradeRow {
  return {
    accessionNumber: r.accession_number,
    position: r.position,
    documentType: r.document_type,
    issuerCik: r.issuer_cik,
    issuerTicker: r.issuer_ticker,
    ownerCiks: r.owner_ciks,
    periodOfReport: r.period_of_report ?? '',
    filedDate: r.filed_date,
    acceptedAt: r.accepted_at ? r.accepted_at.toISOString() : null,
    table: r.table_kind,
    securityTitle: r.security_title,
    transactionDate: r.transaction_date ?? '',
    code: r.code,
    directOrIndirect: r.direct_indirect,
    shares: r.shares,
    pricePerShare: r.price_per_share,
    value: r.value,
    kind: r.kind,
    is10b5One: r.is_10b5_1,
    tradeKey: r.trade_key,
  };
}

function toTransaction(r: Row, owners: ReportingOwner[]): Form4Transaction {
  return {
    accessionNumber: r.accession_number,
    documentType: r.document_type,
    filedDate: r.filed_date,
    acceptedAt: r.accepted_at ? r.accepted_at.toISOString() : null,
    position: r.position,
    table: r.table_kind,
    securityTitle: r.security_title,
    transactionDate: r.transaction_date,
    code: r.code,
    kind: r.kind,
    acquiredDisposed: r.acquired_disposed,
    shares: r.shares,
    pricePerShare: r.price_per_share,
    value: r.value,
    sharesOwnedFollowing: r.shares_owned_following,
    directOrIndirect: r.direct_indirect,
    is10b5One: r.is_10b5_1,
    flags: r.flags,
    issuerTicker: r.issuer_ticker,
    reportingOwners: owners,
  };
}

/** Newest trade first; rows of one day by acceptance, newest first, then document order. */
function newestFirst(a: Row, b: Row): number {
  return (
    (b.transaction_date ?? '').localeCompare(a.transaction_date ?? '') ||
    (b.accepted_at?.getTime() ?? 0) - (a.accepted_at?.getTime() ?? 0) ||
    b.accession_number.localeCompare(a.accession_number) ||
    a.position - b.position
  );
}

type Form4Answer = { transactions: Form4Transaction[]; total: number; summary: Form4Summary };

/** The rows as filed, filtered and summed in Postgres: right when no row of the range is amended or copied. */
const FILTERS_SQL = `
   AND ($7::text IS NULL OR t.owner_ciks @> ARRAY[$7::text])
   AND ($8::text[] IS NULL OR t.kind = ANY($8::text[]))
   AND ($9::numeric IS NULL OR t.value >= $9::numeric)
   AND (NOT $10::boolean OR t.is_10b5_1 IS DISTINCT FROM true)`;

function roleFilter(roles: readonly Role[] | undefined): string {
  if (!roles || roles.length === 0) {
    return '';
  }
  // Fixed SQL per validated enum value (roleCondition), scoped to the `owner` when one is given.
  return ` AND ${roleCondition(roles, 't.accession_number').replace(
    'WHERE o.accession_number = t.accession_number AND',
    'WHERE o.accession_number = t.accession_number AND ($7::text IS NULL OR o.owner_cik = $7::text) AND',
  )}`;
}

const sum = (column: string, kind: string) =>
  `COALESCE(sum(t.${column}) FILTER (WHERE t.kind = '${kind}' AND t.transaction_date IS NOT NULL AND matches), 0)::text`;

function fastSql(roles: readonly Role[] | undefined): string {
  return `
SELECT bool_or(t.document_type LIKE '%/A') AS amended,
       count(*) <> count(DISTINCT t.trade_key) AS copied,
       count(*) FILTER (WHERE matches)::int AS total,
       count(*) FILTER (WHERE t.kind = 'open_market_purchase' AND t.transaction_date IS NOT NULL AND matches)::int AS buys,
       ${sum('shares', 'open_market_purchase')} AS buy_shares, ${sum('value', 'open_market_purchase')} AS buy_value,
       count(*) FILTER (WHERE t.kind = 'open_market_sale' AND t.transaction_date IS NOT NULL AND matches)::int AS sells,
       ${sum('shares', 'open_market_sale')} AS sell_shares, ${sum('value', 'open_market_sale')} AS sell_value
  FROM (SELECT t.*, (TRUE ${FILTERS_SQL}${roleFilter(roles)}) AS matches
          FROM transactions t
         WHERE ${BASE_WHERE}) t`;
}

function pageSql(roles: readonly Role[] | undefined): string {
  return `
SELECT t.accession_number, t.position, t.table_kind, t.document_type, t.issuer_cik, t.issuer_ticker, t.owner_ciks,
       t.filed_date, t.accepted_at, t.security_title, t.transaction_date, t.code, t.kind, t.acquired_disposed,
       t.shares, t.price_per_share, t.value, t.shares_owned_following, t.direct_indirect, t.is_10b5_1, t.flags,
       t.trade_key
  FROM transactions t
 WHERE ${BASE_WHERE} ${FILTERS_SQL}${roleFilter(roles)}
 ORDER BY t.transaction_date DESC NULLS LAST, t.accepted_at DESC NULLS LAST, t.accession_number DESC, t.position
 LIMIT $11`;
}

export async function queryForm4(pool: pg.Pool, q: Form4Filters): Promise<Form4Answer> {
  const params = [
    q.issuerCik,
    q.from ?? null,
    q.to ?? null,
    q.codes ?? null,
    q.includeDerivative ?? false,
    q.asOf ?? null,
    q.ownerCik ?? null,
    q.kinds ?? null,
    q.minValue ?? null,
    q.exclude10b5One ?? false,
  ];
  const { rows } = await pool.query<{
    amended: boolean | null;
    copied: boolean;
    total: number;
    buys: number;
    buy_shares: string;
    buy_value: string;
    sells: number;
    sell_shares: string;
    sell_value: string;
  }>(fastSql(q.roles), params);
  const a = rows[0]!;
  if (a.amended || a.copied) {
    return correctedForm4(pool, q);
  }
  const page = await pool.query<Row>(pageSql(q.roles), [...params, q.limit]);
  const owners = await ownersOf(pool, page.rows);
  const buys = {
    count: a.buys,
    shares: canonicalDecimal(a.buy_shares),
    value: canonicalDecimal(a.buy_value),
  };
  const sells = {
    count: a.sells,
    shares: canonicalDecimal(a.sell_shares),
    value: canonicalDecimal(a.sell_value),
  };
  return {
    transactions: page.rows.map((r) => toTransaction(r, owners.get(r.accession_number) ?? [])),
    total: a.total,
    summary: {
      buys,
      sells,
      netShares: subtractDecimals(buys.shares, sells.shares),
      netValue: subtractDecimals(buys.value, sells.value),
    },
  };
}

async function ownersOf(pool: pg.Pool, rows: readonly Row[]): Promise<Map<string, ReportingOwner[]>> {
  const accessions = [...new Set(rows.map((r) => r.accession_number))];
  const ownerRows = await pool.query<ReportingOwner & { accession_number: string }>(OWNERS_SQL, [accessions]);
  const owners = new Map<string, ReportingOwner[]>();
  for (const { accession_number, ...o } of ownerRows.rows) {
    owners.set(accession_number, [...(owners.get(accession_number) ?? []), o]);
  }
  return owners;
}

/** Amendments in the range (or copies of one trade): correct and count in TypeScript, as the aggregator does. */
async function correctedForm4(pool: pg.Pool, q: Form4Filters): Promise<Form4Answer> {
  const { rows } = await pool.query<Row>(ROWS_SQL, [
    q.issuerCik,
    q.from ?? null,
    q.to ?? null,
    q.codes ?? null,
    q.includeDerivative ?? false,
    q.asOf ?? null,
  ]);
  const byKey = new Map(rows.map((r) => [`${r.accession_number}#${r.position}`, r]));
  const contexts = new Map<string, FilingContext>(
    rows.map((r) => [
      r.accession_number,
      {
        accessionNumber: r.accession_number,
        dateOfOriginalSubmission: r.date_of_original_submission,
        owners: [],
      },
    ]),
  );
  const dated = rows.filter((r) => r.transaction_date !== null).map(toTradeRow);
  const effective = [
    ...applyCorrections(dated, contexts).map((t) => byKey.get(`${t.accessionNumber}#${t.position}`)!),
    ...rows.filter((r) => r.transaction_date === null),
  ];
  const owners = await ownersOf(pool, effective);
  const kept = effective.filter((r) => {
    const rowOwners = owners.get(r.accession_number) ?? [];
    const subjects = q.ownerCik ? rowOwners.filter((o) => o.cik === q.ownerCik) : rowOwners;
    return (
      (!q.ownerCik || r.owner_ciks.includes(q.ownerCik)) &&
      (!q.kinds || q.kinds.includes(r.kind)) &&
      (!q.roles || subjects.some((o) => q.roles!.some((role) => hasRole(o, role)))) &&
      (!q.minValue || (r.value !== null && compareDecimals(r.value, q.minValue) >= 0)) &&
      (!q.exclude10b5One || r.is_10b5_1 !== true)
    );
  });
  const inFilingOrder = kept
    .filter((r) => r.transaction_date !== null)
    .sort(
      (a, b) =>
        (a.accepted_at?.getTime() ?? 0) - (b.accepted_at?.getTime() ?? 0) ||
        a.accession_number.localeCompare(b.accession_number) ||
        a.position - b.position,
    );
  const activity = tradeActivity(economicTrades(inFilingOrder.map(toTradeRow)));
  const side = (s: typeof activity.purchases): SideSummary => ({
    count: s.total.count,
    shares: s.total.shares,
    value: s.total.value,
  });
  return {
    transactions: [...kept]
      .sort(newestFirst)
      .slice(0, q.limit)
      .map((r) => toTransaction(r, owners.get(r.accession_number) ?? [])),
    total: kept.length,
    summary: {
      buys: side(activity.purchases),
      sells: side(activity.sales),
      netShares: activity.netShares,
      netValue: activity.netValue,
    },
  };
}
