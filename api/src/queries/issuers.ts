import type pg from 'pg';
import type { TickerOrCik } from '../framework/params';

export interface IssuerRef {
  cik: string;
  name: string | null;
  /** The ticker the issuer trades under now (latest in its history), if any. */
  ticker: string | null;
}

/**
 * The issuer a ticker points to: of every CIK that used the ticker (company_tickers.json history
 * and the symbols written on filings), the one that used it last. Resolving to a CIK, and reading
 * by CIK from there, keeps a company's history whole across ticker changes.
 */
const CIK_BY_TICKER = `
SELECT cik FROM (
  SELECT cik, last_seen AS seen FROM ticker_map WHERE ticker = $1
  UNION ALL
  (SELECT issuer_cik, filed_date FROM filings WHERE issuer_ticker = $1
    ORDER BY accepted_at DESC NULLS LAST LIMIT 1)
) used
ORDER BY seen DESC NULLS LAST LIMIT 1`;

const ISSUER_BY_CIK = `
SELECT f.issuer_cik AS cik, f.issuer_name AS name,
       COALESCE((SELECT t.ticker FROM ticker_map t WHERE t.cik = f.issuer_cik ORDER BY t.last_seen DESC LIMIT 1),
                (SELECT g.issuer_ticker FROM filings g WHERE g.issuer_cik = f.issuer_cik AND g.issuer_ticker IS NOT NULL
                  ORDER BY g.accepted_at DESC NULLS LAST LIMIT 1)) AS ticker
  FROM filings f
 WHERE f.issuer_cik = $1
 ORDER BY f.accepted_at DESC NULLS LAST
 LIMIT 1`;

/** A ticker or CIK → the issuer, or null when no filing of that issuer was loaded. */
export async function resolveIssuer(pool: pg.Pool, subject: TickerOrCik): Promise<IssuerRef | null> {
  let cik: string;
  if ('cik' in subject) {
    cik = subject.cik;
  } else {
    const { rows } = await pool.query<{ cik: string }>(CIK_BY_TICKER, [subject.ticker]);
    if (!rows[0]) {
      return null;
    }
    cik = rows[0].cik;
  }
  const { rows } = await pool.query<IssuerRef>(ISSUER_BY_CIK, [cik]);
  return rows[0] ?? null;
}

export interface TickerHistoryEntry {
  ticker: string;
  firstSeen: string;
  lastSeen: string;
  sources: string[];
}

export async function queryTickerHistory(pool: pg.Pool, cik: string): Promise<TickerHistoryEntry[]> {
  const { rows } = await pool.query<TickerHistoryEntry>(
    `SELECT ticker, first_seen::text AS "firstSeen", last_seen::text AS "lastSeen", sources
       FROM issuer_ticker_history WHERE cik = $1 ORDER BY last_seen DESC, ticker`,
    [cik],
  );
  return rows;
}

export interface FilingHeader {
  accessionNumber: string;
  documentType: string;
  acceptedAt: string | null;
  filedDate: string | null;
  periodOfReport: string | null;
  issuerTicker: string | null;
  rowCount: number;
  owners: { cik: string; name: string | null }[];
}

/** An issuer's latest filings, newest first (filings_issuer_cik_idx). */
export async function queryIssuerFilings(pool: pg.Pool, cik: string, limit: number): Promise<FilingHeader[]> {
  const { rows } = await pool.query<FilingHeader & { acceptedAt: Date | null }>(
    `SELECT f.accession_number AS "accessionNumber", f.document_type AS "documentType", f.accepted_at AS "acceptedAt",
            f.filed_date AS "filedDate", f.period_of_report AS "periodOfReport", f.issuer_ticker AS "issuerTicker",
            f.row_count AS "rowCount",
            COALESCE((SELECT json_agg(json_build_object('cik', o.owner_cik, 'name', o.owner_name) ORDER BY o.position)
                        FROM filing_owners o WHERE o.accession_number = f.accession_number), '[]') AS owners
       FROM filings f WHERE f.issuer_cik = $1
      ORDER BY f.accepted_at DESC NULLS LAST, f.accession_number DESC LIMIT $2`,
    [cik, limit],
  );
  return rows.map((r) => ({ ...r, acceptedAt: r.acceptedAt ? r.acceptedAt.toISOString() : null }));
}

export async function queryIssuerCounts(
  pool: pg.Pool,
  cik: string,
): Promise<{
  filingCount: number;
  firstFiledAt: string | null;
  lastFiledAt: string | null;
  lastTradeDate: string | null;
}> {
  const { rows } = await pool.query<{
    n: number;
    first: Date | null;
    last: Date | null;
    trade: string | null;
  }>(
    `SELECT (SELECT count(*)::int FROM filings WHERE issuer_cik = $1) AS n,
            (SELECT min(accepted_at) FROM filings WHERE issuer_cik = $1) AS first,
            (SELECT max(accepted_at) FROM filings WHERE issuer_cik = $1) AS last,
            (SELECT max(transaction_date) FROM transactions WHERE issuer_cik = $1) AS trade`,
    [cik],
  );
  const r = rows[0]!;
  return {
    filingCount: r.n,
    firstFiledAt: r.first ? r.first.toISOString() : null,
    lastFiledAt: r.last ? r.last.toISOString() : null,
    lastTradeDate: r.trade,
  };
}
