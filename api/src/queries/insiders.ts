/** One insider across issuers: identity, roles held at each issuer over time, filings and trades. */
import type pg from 'pg';
import { rolesOf } from './roles';
import type { Role } from './roles';

export interface RolePeriod {
  issuerCik: string;
  issuerName: string | null;
  issuerTicker: string | null;
  roles: Role[];
  officerTitle: string | null;
  firstFiledAt: string | null;
  lastFiledAt: string | null;
  filingCount: number;
}

export interface InsiderFiling {
  accessionNumber: string;
  documentType: string;
  acceptedAt: string | null;
  issuerCik: string;
  issuerName: string | null;
  issuerTicker: string | null;
  rowCount: number;
}

export interface InsiderTrade {
  accessionNumber: string;
  position: number;
  issuerCik: string;
  issuerTicker: string | null;
  transactionDate: string | null;
  acceptedAt: string | null;
  table: 'nonDerivative' | 'derivative';
  code: string | null;
  kind: string;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  sharesOwnedFollowing: string | null;
  is10b5One: boolean | null;
}

export interface InsiderProfile {
  cik: string;
  name: string | null;
  roles: RolePeriod[];
  filings: InsiderFiling[];
  transactions: InsiderTrade[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Roles over time: one period per issuer and stated relationship (boxes + title), dated by the
 * first and last filing that stated it; a promotion from director to CEO shows as two periods.
 */
const ROLES_SQL = `
SELECT f.issuer_cik, (array_agg(f.issuer_name ORDER BY f.accepted_at DESC NULLS LAST))[1] AS issuer_name,
       (array_agg(f.issuer_ticker ORDER BY f.accepted_at DESC NULLS LAST))[1] AS issuer_ticker,
       o.is_director, o.is_officer, o.is_ten_percent_owner, o.is_other, o.officer_title,
       min(f.accepted_at) AS first_filed_at, max(f.accepted_at) AS last_filed_at, count(*)::int AS filings
  FROM filing_owners o JOIN filings f USING (accession_number)
 WHERE o.owner_cik = $1
 GROUP BY f.issuer_cik, o.is_director, o.is_officer, o.is_ten_percent_owner, o.is_other, o.officer_title
 ORDER BY max(f.accepted_at) DESC NULLS LAST, f.issuer_cik`;

export async function queryInsider(
  pool: pg.Pool,
  cik: string,
  limit: number,
): Promise<InsiderProfile | null> {
  const name = pool.query<{ name: string | null }>(
    `SELECT o.owner_name AS name FROM filing_owners o JOIN filings f USING (accession_number)
      WHERE o.owner_cik = $1 ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1`,
    [cik],
  );
  const roles = pool.query<{
    issuer_cik: string;
    issuer_name: string | null;
    issuer_ticker: string | null;
    is_director: boolean;
    is_officer: boolean;
    is_ten_percent_owner: boolean;
    is_other: boolean;
    officer_title: string | null;
    first_filed_at: Date | null;
    last_filed_at: Date | null;
    filings: number;
  }>(ROLES_SQL, [cik]);
  const filings = pool.query<InsiderFiling & { acceptedAt: Date | null }>(
    `SELECT f.accession_number AS "accessionNumber", f.document_type AS "documentType", f.accepted_at AS "acceptedAt",
            f.issuer_cik AS "issuerCik", f.issuer_name AS "issuerName", f.issuer_ticker AS "issuerTicker",
            f.row_count AS "rowCount"
       FROM filing_owners o JOIN filings f USING (accession_number)
      WHERE o.owner_cik = $1
      ORDER BY f.accepted_at DESC NULLS LAST, f.accession_number DESC LIMIT $2`,
    [cik, limit],
  );
  const trades = pool.query<InsiderTrade & { acceptedAt: Date | null }>(
    `SELECT t.accession_number AS "accessionNumber", t.position, t.issuer_cik AS "issuerCik",
            t.issuer_ticker AS "issuerTicker", t.transaction_date AS "transactionDate", t.accepted_at AS "acceptedAt",
            t.table_kind AS "table", t.code, t.kind, t.shares, t.price_per_share AS "pricePerShare", t.value,
            t.shares_owned_following AS "sharesOwnedFollowing", t.is_10b5_1 AS "is10b5One"
       FROM filing_owners o JOIN transactions t USING (accession_number)
      WHERE o.owner_cik = $1
      ORDER BY t.transaction_date DESC NULLS LAST, t.accepted_at DESC NULLS LAST, t.accession_number DESC, t.position
      LIMIT $2`,
    [cik, limit],
  );
  const [n, r, f, t] = await Promise.all([name, roles, filings, trades]);
  if (n.rows.length === 0) {
    return null;
  }
  return {
    cik,
    name: n.rows[0]!.name,
    roles: r.rows.map((row) => ({
      issuerCik: row.issuer_cik,
      issuerName: row.issuer_name,
      issuerTicker: row.issuer_ticker,
      roles: rolesOf({
        isDirector: row.is_director,
        isOfficer: row.is_officer,
        isTenPercentOwner: row.is_ten_percent_owner,
        isOther: row.is_other,
        officerTitle: row.officer_title,
      }),
      officerTitle: row.officer_title,
      firstFiledAt: iso(row.first_filed_at),
      lastFiledAt: iso(row.last_filed_at),
      filingCount: row.filings,
    })),
    filings: f.rows.map((row) => ({ ...row, acceptedAt: iso(row.acceptedAt) })),
    transactions: t.rows.map((row) => ({ ...row, acceptedAt: iso(row.acceptedAt) })),
  };
}
