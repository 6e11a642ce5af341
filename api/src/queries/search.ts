/**
 * Search by ticker, CIK or name, prefix and typo tolerant (pg_trgm), ranked. Candidates come from
 * the distinct names and tickers (issuer_search_terms, insider_search_names: sql/0013), through
 * index-backed reads only (ticker prefix, CIK equality, nearest names by trigram word similarity), then each
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

/** Word-similarity floor: low enough for one typo in a short name ("acmee" → "ACME CORP"). */
const MIN_SIMILARITY = 0.4;
/** Name candidates read nearest first from each GiST trigram index (sql/0015) before ranking. */
const NEAREST = 200;

function likePrefix(term: string): string {
  return `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Name matches: the NEAREST names by word-similarity distance (`<<->`, a GiST index walk), kept
 * when at least MIN_SIMILARITY alike; a name starting with the term scores 0.8.
 */
const nearest = (table: string, column: string, where = 'true'): string => `
  SELECT cik, ${column} AS label, CASE WHEN ${column} ILIKE $2 THEN 0.8 ELSE (1 - d) * 0.8 END AS score
    FROM (SELECT cik, ${column}, $1 <<-> ${column} AS d FROM ${table} WHERE ${where}
           ORDER BY $1 <<-> ${column} LIMIT ${NEAREST}) near
   WHERE d <= ${1 - MIN_SIMILARITY}`;

/**
 * Each issuer once, by its best match; the page is cut (score, matched text, CIK) before its
 * names are read, so a page costs $4 name lookups, not one per candidate.
 */
const COMPANIES_SQL = `
WITH hits AS (
  SELECT cik, ticker AS matched, ticker AS label, CASE WHEN ticker = upper($1) THEN 1.0 ELSE 0.9 END AS score
    FROM ticker_map WHERE ticker LIKE upper($2)
  UNION ALL
  SELECT cik, term, term, CASE WHEN term = upper($1) THEN 1.0 ELSE 0.9 END
    FROM issuer_search_terms WHERE is_ticker AND term LIKE upper($2)
  UNION ALL
  SELECT cik, NULL, NULL, 1.0 FROM issuer_search_terms WHERE cik = $3
  UNION ALL
  SELECT cik, NULL, label, score FROM (${nearest('ticker_map', 'title')}) t
  UNION ALL
  SELECT cik, NULL, label, score FROM (${nearest('issuer_search_terms', 'term', 'NOT is_ticker')}) i
), best AS (
  SELECT cik, max(score) AS score, min(upper(label)) AS label,
         (array_agg(matched ORDER BY score DESC) FILTER (WHERE matched IS NOT NULL))[1] AS matched
    FROM hits GROUP BY cik
   ORDER BY max(score) DESC, min(upper(label)), cik
   LIMIT $4
)
SELECT b.cik, b.score::float8 AS score, b.matched AS "matchedTicker",
       COALESCE((SELECT f.issuer_name FROM filings f WHERE f.issuer_cik = b.cik ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1),
                (SELECT t.title FROM ticker_map t WHERE t.cik = b.cik ORDER BY t.last_seen DESC LIMIT 1)) AS name,
       COALESCE((SELECT t.ticker FROM ticker_map t WHERE t.cik = b.cik ORDER BY t.last_seen DESC LIMIT 1),
                (SELECT f.issuer_ticker FROM filings f WHERE f.issuer_cik = b.cik AND f.issuer_ticker IS NOT NULL
                  ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1)) AS ticker
  FROM best b
 ORDER BY b.score DESC, name, b.cik`;

export async function searchCompanies(pool: pg.Pool, term: string, limit: number): Promise<CompanyHit[]> {
  const cik = /^\d{1,10}$/.test(term) ? term.padStart(10, '0') : null;
  const { rows } = await pool.query<CompanyHit>(COMPANIES_SQL, [term, likePrefix(term), cik, limit]);
  return rows.map((r) => ({ ...r, score: Math.round(r.score * 1000) / 1000 }));
}

const INSIDERS_SQL = `
WITH hits AS (
  SELECT cik, name AS label, 1.0 AS score FROM insider_search_names WHERE cik = $3
  UNION ALL
  SELECT cik, label, score FROM (${nearest('insider_search_names', 'name')}) n
), best AS (
  SELECT cik, max(score) AS score, min(upper(label)) AS label FROM hits GROUP BY cik
   ORDER BY max(score) DESC, min(upper(label)), cik
   LIMIT $4
)
SELECT b.cik, b.score::float8 AS score, latest.name, latest.accepted_at AS "lastFiledAt"
  FROM best b
  CROSS JOIN LATERAL (
    SELECT o.owner_name AS name, f.accepted_at
      FROM filing_owners o JOIN filings f USING (accession_number)
     WHERE o.owner_cik = b.cik ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1) latest
 ORDER BY b.score DESC, latest.name, b.cik`;

export async function searchInsiders(pool: pg.Pool, term: string, limit: number): Promise<InsiderHit[]> {
  const cik = /^\d{1,10}$/.test(term) ? term.padStart(10, '0') : null;
  const { rows } = await pool.query<InsiderHit & { lastFiledAt: Date | null }>(INSIDERS_SQL, [
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
}
