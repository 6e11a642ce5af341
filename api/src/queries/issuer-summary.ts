/**
 * Issuer summaries over calendar windows, from the aggregator's daily and per-insider tables:
 * every window is dated (ends on `asOf`, default today), never "the last N days with trades".
 * Columns are listed one by one so the table layout never leaks into the API.
 */
import type pg from 'pg';
import { addDays } from '../../../pipeline/src/shared/calendar';

export interface SideTotals {
  count: number;
  shares: string;
  value: string;
  unvaluedCount: number;
  tenB5OneCount: number;
  tenB5OneValue: string;
}

export interface ActivityTotals {
  purchases: SideTotals;
  sales: SideTotals;
  netShares: string;
  netValue: string;
}

export interface DailySummary extends ActivityTotals {
  date: string;
  distinctInsiders: number;
  distinctBuyers: number;
  distinctSellers: number;
  otherKindCounts: Record<string, number>;
}

export interface WindowSummary extends ActivityTotals {
  windowDays: number;
  startDate: string;
  endDate: string;
  distinctInsiders: number;
  distinctBuyers: number;
  distinctSellers: number;
}

export interface InsiderTotals extends ActivityTotals {
  ownerCik: string;
  name: string | null;
  isDirector: boolean;
  isOfficer: boolean;
  isTenPercentOwner: boolean;
  isOther: boolean;
  officerTitle: string | null;
  firstDate: string;
  lastDate: string;
}

export interface IssuerSummary {
  asOf: string;
  startDate: string;
  days: number;
  daily: DailySummary[];
  rolling: WindowSummary[];
  insiders: InsiderTotals[];
}

/** Sums of the side columns of daily_summaries or insider_summaries, aliased p_* and s_*. */
const SUMS = `
  COALESCE(sum(purchase_count), 0)::int AS p_count, COALESCE(sum(purchase_shares), 0)::text AS p_shares,
  COALESCE(sum(purchase_value), 0)::text AS p_value, COALESCE(sum(purchase_unvalued_count), 0)::int AS p_unvalued,
  COALESCE(sum(purchase_10b5_1_count), 0)::int AS p_plan_count, COALESCE(sum(purchase_10b5_1_value), 0)::text AS p_plan_value,
  COALESCE(sum(sale_count), 0)::int AS s_count, COALESCE(sum(sale_shares), 0)::text AS s_shares,
  COALESCE(sum(sale_value), 0)::text AS s_value, COALESCE(sum(sale_unvalued_count), 0)::int AS s_unvalued,
  COALESCE(sum(sale_10b5_1_count), 0)::int AS s_plan_count, COALESCE(sum(sale_10b5_1_value), 0)::text AS s_plan_value,
  COALESCE(sum(net_shares), 0)::text AS net_shares, COALESCE(sum(net_value), 0)::text AS net_value`;

interface SumRow {
  p_count: number;
  p_shares: string;
  p_value: string;
  p_unvalued: number;
  p_plan_count: number;
  p_plan_value: string;
  s_count: number;
  s_shares: string;
  s_value: string;
  s_unvalued: number;
  s_plan_count: number;
  s_plan_value: string;
  net_shares: string;
  net_value: string;
}

function totals(r: SumRow): ActivityTotals {
  return {
    purchases: {
      count: r.p_count,
      shares: r.p_shares,
      value: r.p_value,
      unvaluedCount: r.p_unvalued,
      tenB5OneCount: r.p_plan_count,
      tenB5OneValue: r.p_plan_value,
    },
    sales: {
      count: r.s_count,
      shares: r.s_shares,
      value: r.s_value,
      unvaluedCount: r.s_unvalued,
      tenB5OneCount: r.s_plan_count,
      tenB5OneValue: r.s_plan_value,
    },
    netShares: r.net_shares,
    netValue: r.net_value,
  };
}

export const ROLLING_WINDOWS = [7, 30, 90] as const;

export async function queryIssuerSummary(
  pool: pg.Pool,
  issuerCik: string,
  asOf: string,
  days: number,
): Promise<IssuerSummary> {
  const start = addDays(asOf, -(days - 1));
  const daily = pool.query<
    SumRow & {
      date: string;
      distinct_insiders: number;
      distinct_buyers: number;
      distinct_sellers: number;
      other_kind_counts: Record<string, number>;
    }
  >(
    `SELECT date, ${SUMS}, max(distinct_insiders) AS distinct_insiders, max(distinct_buyers) AS distinct_buyers,
            max(distinct_sellers) AS distinct_sellers, (array_agg(other_kind_counts))[1] AS other_kind_counts
       FROM daily_summaries
      WHERE issuer_cik = $1 AND date BETWEEN $2::date AND $3::date
      GROUP BY date ORDER BY date DESC`,
    [issuerCik, start, asOf],
  );
  const windowSql = ROLLING_WINDOWS.map(
    (w) => `SELECT ${w} AS window_days, ${SUMS},
      (SELECT count(DISTINCT owner_cik)::int FROM insider_summaries i
        WHERE i.issuer_cik = $1 AND i.date BETWEEN $2::date - ${w - 1} AND $2::date) AS distinct_insiders,
      (SELECT count(DISTINCT owner_cik)::int FROM insider_summaries i
        WHERE i.issuer_cik = $1 AND i.date BETWEEN $2::date - ${w - 1} AND $2::date AND i.purchase_count > 0) AS distinct_buyers,
      (SELECT count(DISTINCT owner_cik)::int FROM insider_summaries i
        WHERE i.issuer_cik = $1 AND i.date BETWEEN $2::date - ${w - 1} AND $2::date AND i.sale_count > 0) AS distinct_sellers
      FROM daily_summaries WHERE issuer_cik = $1 AND date BETWEEN $2::date - ${w - 1} AND $2::date`,
  ).join('\nUNION ALL\n');
  const rolling = pool.query<
    SumRow & {
      window_days: number;
      distinct_insiders: number;
      distinct_buyers: number;
      distinct_sellers: number;
    }
  >(`${windowSql} ORDER BY window_days`, [issuerCik, asOf]);
  const insiders = pool.query<
    SumRow & {
      owner_cik: string;
      owner_name: string | null;
      is_director: boolean;
      is_officer: boolean;
      is_ten_percent_owner: boolean;
      is_other: boolean;
      officer_title: string | null;
      first_date: string;
      last_date: string;
    }
  >(
    `SELECT owner_cik, ${SUMS},
            (array_agg(owner_name ORDER BY date DESC))[1] AS owner_name,
            (array_agg(is_director ORDER BY date DESC))[1] AS is_director,
            (array_agg(is_officer ORDER BY date DESC))[1] AS is_officer,
            (array_agg(is_ten_percent_owner ORDER BY date DESC))[1] AS is_ten_percent_owner,
            (array_agg(is_other ORDER BY date DESC))[1] AS is_other,
            (array_agg(officer_title ORDER BY date DESC))[1] AS officer_title,
            min(date) AS first_date, max(date) AS last_date
       FROM insider_summaries
      WHERE issuer_cik = $1 AND date BETWEEN $2::date AND $3::date
      GROUP BY owner_cik
      ORDER BY sum(purchase_value) + sum(sale_value) DESC, owner_cik`,
    [issuerCik, start, asOf],
  );
  const [d, r, i] = await Promise.all([daily, rolling, insiders]);
  return {
    asOf,
    startDate: start,
    days,
    daily: d.rows.map((row) => ({
      date: row.date,
      ...totals(row),
      distinctInsiders: row.distinct_insiders,
      distinctBuyers: row.distinct_buyers,
      distinctSellers: row.distinct_sellers,
      otherKindCounts: row.other_kind_counts,
    })),
    rolling: r.rows.map((row) => ({
      windowDays: row.window_days,
      startDate: addDays(asOf, -(row.window_days - 1)),
      endDate: asOf,
      ...totals(row),
      distinctInsiders: row.distinct_insiders,
      distinctBuyers: row.distinct_buyers,
      distinctSellers: row.distinct_sellers,
    })),
    insiders: i.rows.map((row) => ({
      ownerCik: row.owner_cik,
      name: row.owner_name,
      isDirector: row.is_director,
      isOfficer: row.is_officer,
      isTenPercentOwner: row.is_ten_percent_owner,
      isOther: row.is_other,
      officerTitle: row.officer_title,
      firstDate: row.first_date,
      lastDate: row.last_date,
      ...totals(row),
    })),
  };
}

export interface ClusterEvent {
  issuerCik: string;
  issuerTicker: string | null;
  startDate: string;
  endDate: string;
  triggerDate: string;
  insiderCount: number;
  ownerCiks: string[];
  purchaseCount: number;
  purchaseShares: string;
  purchaseValue: string;
  minInsiders: number;
  windowDays: number;
  minValue: string;
  roles: string[];
}

export const CLUSTER_COLUMNS = `issuer_cik AS "issuerCik", issuer_ticker AS "issuerTicker", start_date AS "startDate",
  end_date AS "endDate", trigger_date AS "triggerDate", insider_count AS "insiderCount", owner_ciks AS "ownerCiks",
  purchase_count AS "purchaseCount", purchase_shares AS "purchaseShares", purchase_value AS "purchaseValue",
  min_insiders AS "minInsiders", window_days AS "windowDays", min_value AS "minValue", roles`;

export async function queryIssuerClusters(pool: pg.Pool, issuerCik: string): Promise<ClusterEvent[]> {
  const { rows } = await pool.query<ClusterEvent>(
    `SELECT ${CLUSTER_COLUMNS} FROM cluster_events WHERE issuer_cik = $1 AND active ORDER BY start_date DESC LIMIT 50`,
    [issuerCik],
  );
  return rows;
}

export async function queryRecentClusters(
  pool: pg.Pool,
  since: string | undefined,
  limit: number,
): Promise<ClusterEvent[]> {
  const { rows } = await pool.query<ClusterEvent>(
    `SELECT ${CLUSTER_COLUMNS} FROM cluster_events WHERE active AND ($1::date IS NULL OR trigger_date >= $1::date)
      ORDER BY trigger_date DESC, issuer_cik LIMIT $2`,
    [since ?? null, limit],
  );
  return rows;
}
