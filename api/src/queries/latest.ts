import type pg from 'pg';
import { rolesOf } from './roles';
import type { OwnerRoles, Role } from './roles';

export interface LatestFilters {
  limit: number;
  minAmount?: string;
  codes?: string[];
  roles?: Role[];
  includeDerivative: boolean;
  /** Window (days of acceptance, ending at the newest acceptance) of the company counts. */
  days: number;
}

export interface LatestTransaction {
  accessionNumber: string;
  documentType: string;
  acceptedAt: string | null;
  filedDate: string | null;
  issuerCik: string;
  issuerTicker: string | null;
  issuerName: string | null;
  position: number;
  transactionDate: string | null;
  code: string | null;
  kind: string;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  is10b5One: boolean | null;
  owners: { cik: string; name: string | null; roles: Role[] }[];
}

/** SQL predicates per role on a filing_owners row `o`. */
const ROLE_SQL: Record<Role, string> = {
  ceo: `o.officer_title ~* '(chief\\s+executive|\\mceo\\M)'`,
  cfo: `o.officer_title ~* '(chief\\s+financial|\\mcfo\\M)'`,
  coo: `o.officer_title ~* '(chief\\s+operating|\\mcoo\\M)'`,
  president: `(o.officer_title ~* 'president' AND o.officer_title !~* 'vice')`,
  director: 'o.is_director',
  officer: 'o.is_officer',
  ten_percent_owner: 'o.is_ten_percent_owner',
  other: 'o.is_other',
};

export function roleCondition(roles: readonly Role[] | undefined, accession: string): string {
  if (!roles || roles.length === 0) {
    return 'TRUE';
  }
  return `EXISTS (SELECT 1 FROM filing_owners o WHERE o.accession_number = ${accession} AND (${roles
    .map((r) => ROLE_SQL[r])
    .join(' OR ')}))`;
}

/**
 * The newest transaction rows market-wide (by acceptance time), with the owners of each filing.
 * Role predicates are fixed SQL chosen by validated enum values, never client text.
 */
export async function queryLatest(
  pool: pg.Pool,
  q: LatestFilters,
): Promise<{
  transactions: LatestTransaction[];
  companiesWithBuys: number;
  companiesWithSells: number;
  window: { start: string | null; end: string | null };
  lastLoadedAt: string | null;
}> {
  const rows = pool.query<LatestTransaction & { acceptedAt: Date | null }>(
    `SELECT t.accession_number AS "accessionNumber", t.document_type AS "documentType", t.accepted_at AS "acceptedAt",
            t.filed_date AS "filedDate", t.issuer_cik AS "issuerCik", t.issuer_ticker AS "issuerTicker",
            f.issuer_name AS "issuerName", t.position, t.transaction_date AS "transactionDate", t.code, t.kind,
            t.shares, t.price_per_share AS "pricePerShare", t.value, t.is_10b5_1 AS "is10b5One",
            COALESCE((SELECT json_agg(json_build_object('cik', o.owner_cik, 'name', o.owner_name,
                        'isDirector', o.is_director, 'isOfficer', o.is_officer,
                        'isTenPercentOwner', o.is_ten_percent_owner, 'isOther', o.is_other,
                        'officerTitle', o.officer_title) ORDER BY o.position)
                        FROM filing_owners o WHERE o.accession_number = t.accession_number), '[]') AS owners
       FROM transactions t JOIN filings f USING (accession_number)
      WHERE t.accepted_at IS NOT NULL
        AND ($4::boolean OR t.table_kind = 'nonDerivative')
        AND ($1::text[] IS NULL OR t.code = ANY($1::text[]))
        AND ($2::numeric IS NULL OR t.value >= $2::numeric)
        AND ${roleCondition(q.roles, 't.accession_number')}
      ORDER BY t.accepted_at DESC, t.accession_number DESC, t.position
      LIMIT $3`,
    [q.codes ?? null, q.minAmount ?? null, q.limit, q.includeDerivative],
  );
  // The window ends at the newest acceptance, not the wall clock: live that is "now"; over a
  // replay or a backfill it is still the latest market activity.
  const counts = pool.query<{ buys: number; sells: number; start: Date | null; end: Date | null }>(
    `WITH newest AS (SELECT max(accepted_at) AS at FROM transactions)
     SELECT count(DISTINCT t.issuer_cik) FILTER (WHERE t.kind = 'open_market_purchase')::int AS buys,
            count(DISTINCT t.issuer_cik) FILTER (WHERE t.kind = 'open_market_sale')::int AS sells,
            min(newest.at) - make_interval(days => $1::int) AS start, min(newest.at) AS end
       FROM newest LEFT JOIN transactions t
         ON t.accepted_at > newest.at - make_interval(days => $1::int)
        AND t.kind IN ('open_market_purchase', 'open_market_sale')`,
    [q.days],
  );
  const loaded = pool.query<{ at: Date | null }>(
    'SELECT loaded_at AS at FROM filings ORDER BY loaded_at DESC LIMIT 1',
  );
  const [r, c, l] = await Promise.all([rows, counts, loaded]);
  return {
    transactions: r.rows.map((t) => ({
      ...t,
      acceptedAt: t.acceptedAt ? t.acceptedAt.toISOString() : null,
      owners: (t.owners as unknown as (OwnerRoles & { cik: string; name: string | null })[]).map((o) => ({
        cik: o.cik,
        name: o.name,
        roles: rolesOf(o),
      })),
    })),
    companiesWithBuys: c.rows[0]?.buys ?? 0,
    companiesWithSells: c.rows[0]?.sells ?? 0,
    window: {
      start: c.rows[0]?.start ? c.rows[0].start.toISOString() : null,
      end: c.rows[0]?.end ? c.rows[0].end.toISOString() : null,
    },
    lastLoadedAt: l.rows[0]?.at ? l.rows[0].at.toISOString() : null,
  };
}
