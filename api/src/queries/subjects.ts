import type pg from 'pg';

/**
 * Tickers and CIKs of a list parameter → issuer CIKs, in one round trip. A ticker resolves as
 * resolveIssuer() does (queries/issuers.ts): of every CIK that used it, the one that used it
 * last; a CIK must have a loaded filing. Null for a subject nothing is known of.
 */
export async function resolveIssuerCiks(
  pool: pg.Pool,
  subjects: readonly ({ ticker: string } | { cik: string })[],
): Promise<(string | null)[]> {
  const { rows } = await pool.query<{ cik: string | null }>(
    `SELECT CASE WHEN s.is_cik
                 THEN (SELECT f.issuer_cik FROM filings f WHERE f.issuer_cik = s.subject LIMIT 1)
                 ELSE (SELECT used.cik FROM (
                         SELECT m.cik, m.last_seen AS seen FROM ticker_map m WHERE m.ticker = s.subject
                         UNION ALL
                         (SELECT f.issuer_cik, f.filed_date FROM filings f WHERE f.issuer_ticker = s.subject
                           ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1)
                       ) used ORDER BY used.seen DESC NULLS LAST LIMIT 1)
            END AS cik
       FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY s(subject, is_cik, ord)
      ORDER BY s.ord`,
    [subjects.map((s) => ('cik' in s ? s.cik : s.ticker)), subjects.map((s) => 'cik' in s)],
  );
  return rows.map((r) => r.cik);
}

/**
 * Reporting owners whose name starts with `prefix` (case-insensitive), at most `limit`: from the
 * distinct names (insider_search_names, its trigram index answers ILIKE), not every filing's owners.
 */
export async function insiderCiksByName(pool: pg.Pool, prefix: string, limit = 500): Promise<string[]> {
  const pattern = prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
  const { rows } = await pool.query<{ cik: string }>(
    `SELECT DISTINCT cik FROM insider_search_names WHERE name ILIKE $1 LIMIT $2`,
    [pattern, limit],
  );
  return rows.map((r) => r.cik);
}

export async function insiderExists(pool: pg.Pool, cik: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM filing_owners WHERE owner_cik = $1 LIMIT 1', [cik]);
  return (rowCount ?? 0) > 0;
}
