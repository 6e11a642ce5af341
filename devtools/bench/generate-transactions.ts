/**
 * Fills an (empty, migrated) database with generated insider data for the API's EXPLAIN test and
 * `npm run bench:api-queries`: issuers with tickers, filings, owners with roles, and transactions
 * spread over the three years before today, all built inside Postgres with generate_series (no
 * rows cross the wire), then VACUUM ANALYZEd so plans reflect the data. Deterministic for a given
 * count. Rows are written in acceptance order, as a deployment loads them (a month's rows sit
 * together on disk, not scattered over the whole table).
 *
 * Shape: 3 transaction rows per filing; 1 in 20 filings is joint (two owners); codes roughly as on
 * EDGAR (S 40 %, P 10 %, M, A, F, G, others); 1 in 7 rows derivative; a third of sales under 10b5-1.
 */
import type pg from 'pg';

export interface GeneratedShape {
  transactions: number;
  filings: number;
  issuers: number;
  owners: number;
}

export const ROWS_PER_FILING = 3;

/** The ticker and CIK of generated issuer `n` (1-based), so tests and benchmarks can name them. */
export function generatedIssuer(n: number): { ticker: string; cik: string } {
  return { ticker: `GEN${n}`, cik: String(9_000_000 + n).padStart(10, '0') };
}

/** The accession number of generated filing `n` (1-based). */
export function generatedAccession(n: number): string {
  return `${String(Math.floor(n / 1_000_000)).padStart(10, '0')}-26-${String(n % 1_000_000).padStart(6, '0')}`;
}

export function generatedOwnerCik(n: number): string {
  return String(8_000_000 + n).padStart(10, '0');
}

export async function generateTransactions(
  pool: pg.Pool,
  transactions: number,
  onProgress: (step: string) => void = () => undefined,
): Promise<GeneratedShape> {
  const filings = Math.ceil(transactions / ROWS_PER_FILING);
  const issuers = Math.max(10, Math.min(4000, Math.floor(filings / 100)));
  const owners = issuers * 4;
  const client = await pool.connect();
  try {
    await client.query('SELECT setseed(0.42)');
    onProgress('ticker_map');
    await client.query(
      `INSERT INTO ticker_map (ticker, cik, title, first_seen, last_seen)
       SELECT 'GEN' || n, lpad((9000000 + n)::text, 10, '0'), 'Generated Issuer ' || n,
              current_date - 1100, current_date
         FROM generate_series(1, $1::int) n`,
      [issuers],
    );
    onProgress('filings');
    // Each filing: issuer and owner drawn at random (owners belong to issuers: owner k trades at
    // issuer k % issuers), accepted within the last 3 years, trade 0-5 days before the filing.
    await client.query(
      `CREATE TEMP TABLE gen_filings AS
       SELECT i, lpad((i / 1000000)::text, 10, '0') || '-26-' || lpad((i % 1000000)::text, 6, '0') AS accession,
              owner, 1 + owner % $2::int AS issuer,
              now() - (random() * 1095) * interval '1 day' AS accepted_at,
              (random() * 5)::int AS delay, random() < 0.05 AS joint
         FROM (SELECT i, 1 + floor(random() * $3::int)::int AS owner FROM generate_series(1, $1::int) i) s`,
      [filings, issuers, owners],
    );
    await client.query(
      `INSERT INTO filings (accession_number, document_type, period_of_report, accepted_at, filed_date,
                            issuer_cik, issuer_name, issuer_ticker, owner_ciks, row_count, source)
       SELECT accession, '4', (accepted_at AT TIME ZONE 'America/New_York')::date - delay, accepted_at,
              (accepted_at AT TIME ZONE 'America/New_York')::date,
              lpad((9000000 + issuer)::text, 10, '0'), 'Generated Issuer ' || issuer, 'GEN' || issuer,
              CASE WHEN joint THEN ARRAY[lpad((8000000 + owner)::text, 10, '0'), lpad((8000000 + owner + $1::int)::text, 10, '0')]
                   ELSE ARRAY[lpad((8000000 + owner)::text, 10, '0')] END,
              ${ROWS_PER_FILING}, 'generated'
         FROM gen_filings
        ORDER BY accepted_at`,
      [issuers],
    );
    onProgress('filing_owners');
    // Roles follow the owner number: every 10th a 10 % owner, every 3rd a director, the rest
    // officers with a rotating title.
    await client.query(
      `INSERT INTO filing_owners (accession_number, position, owner_cik, owner_name, is_director, is_officer,
                                  is_ten_percent_owner, is_other, officer_title)
       SELECT f.accession_number, o.pos, o.cik, 'Insider ' || o.n || ' Generated',
              o.n % 3 = 0, o.n % 3 <> 0 AND o.n % 10 <> 0, o.n % 10 = 0, false,
              CASE WHEN o.n % 3 <> 0 AND o.n % 10 <> 0
                   THEN (ARRAY['Chief Executive Officer', 'CFO', 'President', 'Chief Operating Officer', 'SVP Sales'])[1 + o.n % 5] END
         FROM filings f
         CROSS JOIN LATERAL (SELECT pos - 1 AS pos, cik, substr(cik, 3)::int - 8000000 AS n
                               FROM unnest(f.owner_ciks) WITH ORDINALITY u(cik, pos)) o
        WHERE f.source = 'generated'
        ORDER BY f.accepted_at`,
    );
    onProgress('transactions');
    // random() stays in the innermost select list, where Postgres evaluates it once per row.
    await client.query(
      `INSERT INTO transactions (accession_number, position, table_kind, issuer_cik, issuer_ticker, document_type,
                                 filed_date, accepted_at, owner_ciks, security_title, transaction_date, code,
                                 shares, price_per_share, acquired_disposed, shares_owned_following,
                                 direct_indirect, value, kind, kind_reason, is_10b5_1, trade_key)
       SELECT accession_number, pos, table_kind, issuer_cik, issuer_ticker, '4', filed_date, accepted_at,
              owner_ciks, CASE WHEN table_kind = 'derivative' THEN 'Stock Option' ELSE 'Common Stock' END,
              period_of_report, code, shares, price, ad,
              CASE WHEN ad = 'A' THEN shares + held ELSE held END, 'D', round(shares * price, 2),
              CASE WHEN table_kind = 'derivative' THEN 'derivative_trade'
                   WHEN code = 'P' THEN 'open_market_purchase' WHEN code = 'S' THEN 'open_market_sale'
                   ELSE 'other' END,
              'generated', code = 'S' AND planned, accession_number || ':' || pos
         FROM (
           SELECT r.*, CASE WHEN code IN ('S', 'F', 'G', 'D') THEN 'D' ELSE 'A' END AS ad
             FROM (
               SELECT f.accession_number, f.issuer_cik, f.issuer_ticker, f.filed_date, f.accepted_at, f.owner_ciks,
                      f.period_of_report, pos,
                      (ARRAY['S','S','S','S','P','M','M','A','A','F','G','D'])[1 + floor(random() * 12)::int] AS code,
                      CASE WHEN random() < 0.14 THEN 'derivative' ELSE 'nonDerivative' END AS table_kind,
                      round((10 + random() * 50000)::numeric, 0) AS shares,
                      round((1 + random() * 400)::numeric, 2) AS price,
                      round((random() * 2000000)::numeric, 0) AS held, random() < 0.33 AS planned
                 FROM filings f CROSS JOIN generate_series(0, ${ROWS_PER_FILING - 1}) pos
                WHERE f.source = 'generated'
                ORDER BY f.accepted_at, pos
                LIMIT $1::int
             ) r
         ) x`,
      [transactions],
    );
    // As a running deployment has them: statistics, and the visibility map autovacuum keeps (so
    // index-only scans need no heap visit).
    onProgress('vacuum analyze');
    await client.query('VACUUM ANALYZE filings, filing_owners, transactions, ticker_map');
  } finally {
    client.release();
  }
  return { transactions, filings, issuers, owners };
}
