/**
 * Search by ticker, CIK or name, prefix and typo tolerant (pg_trgm), ranked. Candidates come from
 * the distinct names and tickers (issuer_search_terms, insider_search_names: sql/0013), through
 * index-backed predicates only (ticker prefix, CIK equality, trigram word similarity), then each
 * issuer or insider is scored once by its best match:
 * exact ticker/CIK 1.0, ticker prefix 0.9, name starting with the term 0.8, else word similarity.
 */
import type pg from 'pg';

export interface CompanyHit {
  cik: string;
  name: string | null;
  ticker: string | null;
  matchedTicker: string | null;
  score: number;
}

export interface InsiderHit {
  cik: string;
  name: string | null;
  score: number;
  lastFiledAt: string | null;
}

/** Word-similarity threshold: low enough for one typo in a short name ("acmee" → "ACME CORP"). */
const THRESHOLD = '0.4';

function likePrefix(term: string): string {
  return `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function withThreshold<T>(pool: pg.Pool, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${THRESHOLD}`);
    const result = await run(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const COMPANIES_SQL = `
WITH hits AS (
  SELECT cik, ticker AS matched, CASE WHEN ticker = upper($1) THEN 1.0 ELSE 0.9 END AS score
    FROM ticker_map WHERE ticker LIKE upper($2)
  UNION ALL
  SELECT cik, term, CASE WHEN term = upper($1) THEN 1.0 ELSE 0.9 END
    FROM issuer_search_terms WHERE is_ticker AND term LIKE upper($2)
  UNION ALL
  SELECT cik, NULL, 1.0 FROM issuer_search_terms WHERE cik = $3
  UNION ALL
  SELECT cik, NULL, CASE WHEN title ILIKE $2 THEN 0.8 ELSE word_similarity($1, title) * 0.8 END
    FROM ticker_map WHERE $1 <% title
  UNION ALL
  SELECT cik, NULL, CASE WHEN term ILIKE $2 THEN 0.8 ELSE word_similarity($1, term) * 0.8 END
    FROM issuer_search_terms WHERE NOT is_ticker AND $1 <% term
), best AS (
  SELECT cik, max(score) AS score, (array_agg(matched ORDER BY score DESC) FILTER (WHERE matched IS NOT NULL))[1] AS matched
    FROM hits GROUP BY cik
   ORDER BY score DESC, cik
   LIMIT 200
)
SELECT b.cik, b.score::float8 AS score, b.matched AS "matchedTicker",
       COALESCE((SELECT f.issuer_name FROM filings f WHERE f.issuer_cik = b.cik ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1),
                (SELECT t.title FROM ticker_map t WHERE t.cik = b.cik ORDER BY t.last_seen DESC LIMIT 1)) AS name,
       COALESCE((SELECT t.ticker FROM ticker_map t WHERE t.cik = b.cik ORDER BY t.last_seen DESC LIMIT 1),
                (SELECT f.issuer_ticker FROM filings f WHERE f.issuer_cik = b.cik AND f.issuer_ticker IS NOT NULL
                  ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1)) AS ticker
  FROM best b
 ORDER BY b.score DESC, name, b.cik
 LIMIT $4`;

export async function searchCompanies(pool: pg.Pool, term: string, limit: number): Promise<CompanyHit[]> {
  const cik = /^\d{1,10}$/.test(term) ? term.padStart(10, '0') : null;
  return withThreshold(pool, async (client) => {
    const { rows } = await client.query<CompanyHit>(COMPANIES_SQL, [term, likePrefix(term), cik, limit]);
    return rows.map((r) => ({ ...r, score: Math.round(r.score * 1000) / 1000 }));
  });
}

const INSIDERS_SQL = `
WITH hits AS (
  SELECT cik, 1.0 AS score FROM insider_search_names WHERE cik = $3
  UNION ALL
  SELECT cik, CASE WHEN name ILIKE $2 THEN 0.8 ELSE word_similarity($1, name) * 0.8 END
    FROM insider_search_names WHERE $1 <% name
), best AS (
  SELECT cik, max(score) AS score FROM hits GROUP BY cik
   ORDER BY score DESC, cik
   LIMIT 200
)
SELECT b.cik, b.score::float8 AS score, latest.name, latest.accepted_at AS "lastFiledAt"
  FROM best b
  CROSS JOIN LATERAL (
    SELECT o.owner_name AS name, f.accepted_at
      FROM filing_owners o JOIN filings f USING (accession_number)
     WHERE o.owner_cik = b.cik ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1) latest
 ORDER BY b.score DESC, latest.name, b.cik
 LIMIT $4`;

export async function searchInsiders(pool: pg.Pool, term: string, limit: number): Promise<InsiderHit[]> {
  const cik = /^\d{1,10}$/.test(term) ? term.padStart(10, '0') : null;
  return withThreshold(pool, async (client) => {
    const { rows } = await client.query<InsiderHit & { lastFiledAt: Date | null }>(INSIDERS_SQL, [
      term,
      likePrefix(term),
      cik,
      limit,
    ]);
    return rows.map((r) => ({
      ...r,
      score: Math.round(r.score * 1000) / 1000,
      lastFiledAt: r.lastFiledAt ? r.lastFiledAt.toISOString() : null,
    }));
  });
}
