import type pg from 'pg';
import { anyRoleSql } from './insider-roles';
import type { InsiderRoleName } from './insider-roles';
import { CLUSTER_COLUMNS } from './issuer-summary';
import type { ClusterEvent } from './issuer-summary';

export interface ClusterQuery {
  /** Clusters triggered on or after this date. */
  since?: string;
  /** A cluster's purchases span at most this many calendar days (first to last, inclusive). */
  windowDays?: number;
  /** At least this many insiders, counting only those with one of `roles` when roles are given. */
  minInsiders?: number;
  roles?: InsiderRoleName[];
  /** Total purchase value at least this (dollars). */
  minValue?: string;
  limit: number;
}

export interface FilteredCluster extends ClusterEvent {
  /** Calendar days from the first purchase to the last, inclusive. */
  spanDays: number;
  /** Insiders holding one of the requested roles (equals insiderCount when no roles were asked). */
  qualifyingInsiderCount: number;
  insiders: { cik: string; name: string | null }[];
}

/**
 * Active cluster buys (detected by the aggregator under its configured rules), narrowed by the
 * client's stricter filters. An insider's roles are those stated on any of their filings at that
 * issuer. Newest trigger first; the recent-clusters partial index serves the date range.
 */
export async function queryClusters(pool: pg.Pool, q: ClusterQuery): Promise<FilteredCluster[]> {
  const roleCount = q.roles
    ? `(SELECT count(DISTINCT o.owner_cik) FROM filing_owners o JOIN filings f ON f.accession_number = o.accession_number
         WHERE o.owner_cik = ANY(c.owner_ciks) AND f.issuer_cik = c.issuer_cik AND ${anyRoleSql(q.roles)})`
    : 'c.insider_count';
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT ${CLUSTER_COLUMNS}, (c.end_date - c.start_date + 1) AS "spanDays",
              ${roleCount}::int AS "qualifyingInsiderCount",
              coalesce((SELECT json_agg(json_build_object('cik', u.cik, 'name',
                          (SELECT o.owner_name FROM filing_owners o WHERE o.owner_cik = u.cik LIMIT 1)) ORDER BY u.cik)
                          FROM unnest(c.owner_ciks) u(cik)), '[]') AS insiders,
              c.trigger_date AS trigger_sort
         FROM cluster_events c
        WHERE c.active AND ($1::date IS NULL OR c.trigger_date >= $1::date)
          AND ($2::int IS NULL OR c.end_date - c.start_date + 1 <= $2::int)
          AND ($3::numeric IS NULL OR c.purchase_value >= $3::numeric)
     ) x
     WHERE ($4::int IS NULL OR x."qualifyingInsiderCount" >= $4::int)
     ORDER BY x.trigger_sort DESC, x."issuerCik"
     LIMIT $5::int`,
    [q.since ?? null, q.windowDays ?? null, q.minValue ?? null, q.minInsiders ?? null, q.limit],
  );
  return rows.map(({ trigger_sort: _t, ...c }) => c) as unknown as FilteredCluster[];
}
