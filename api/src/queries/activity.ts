import type pg from 'pg';

export interface ActivityQuery {
  issuerCiks: string[];
  /** Calendar window of the buy/sell summary, ending today. */
  days: number;
  /** Most recent rows per issuer. */
  limit: number;
  includeDerivative: boolean;
}

export interface ActivitySide {
  count: number;
  shares: string;
  value: string;
}

export interface IssuerActivity {
  issuerCik: string;
  ticker: string | null;
  issuerName: string | null;
  lastFiledAt: string | null;
  /** Open-market purchases (P) and sales (S) traded in the window; other codes are not buys or sells. */
  window: {
    from: string;
    to: string;
    purchases: ActivitySide;
    sales: ActivitySide;
    netValue: string;
    insiders: number;
  };
  recent: {
    accessionNumber: string;
    position: number;
    acceptedAt: string | null;
    transactionDate: string | null;
    code: string | null;
    kind: string;
    acquiredDisposed: string | null;
    shares: string | null;
    pricePerShare: string | null;
    value: string | null;
    is10b5One: boolean | null;
    ownerCiks: string[];
    ownerNames: string[];
  }[];
}

/**
 * A watchlist without state: per issuer, its latest rows (newest filing first, one index range
 * each) and the open-market buy/sell totals of the last `days` calendar days. One round trip.
 */
const SQL = `
SELECT s.cik AS "issuerCik", s.ord,
       (SELECT f.issuer_ticker FROM filings f WHERE f.issuer_cik = s.cik ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1) AS ticker,
       (SELECT f.issuer_name FROM filings f WHERE f.issuer_cik = s.cik ORDER BY f.accepted_at DESC NULLS LAST LIMIT 1) AS "issuerName",
       (SELECT max(f.accepted_at) FROM filings f WHERE f.issuer_cik = s.cik) AS "lastFiledAt",
       w.*, i.insiders,
       coalesce(r.recent, '[]') AS recent
  FROM unnest($1::text[]) WITH ORDINALITY s(cik, ord)
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE t.code = 'P')::int AS p_count,
           coalesce(sum(t.shares) FILTER (WHERE t.code = 'P'), 0)::text AS p_shares,
           coalesce(sum(t.value) FILTER (WHERE t.code = 'P'), 0)::text AS p_value,
           count(*) FILTER (WHERE t.code = 'S')::int AS s_count,
           coalesce(sum(t.shares) FILTER (WHERE t.code = 'S'), 0)::text AS s_shares,
           coalesce(sum(t.value) FILTER (WHERE t.code = 'S'), 0)::text AS s_value,
           (coalesce(sum(t.value) FILTER (WHERE t.code = 'P'), 0) - coalesce(sum(t.value) FILTER (WHERE t.code = 'S'), 0))::text AS net_value
      FROM transactions t
     WHERE t.issuer_cik = s.cik AND t.transaction_date >= current_date - ($2::int - 1)
       AND t.transaction_date <= current_date AND t.table_kind = 'nonDerivative'
       AND t.code IN ('P', 'S') AND t.kind IN ('open_market_purchase', 'open_market_sale')
  ) w
  CROSS JOIN LATERAL (
    SELECT count(DISTINCT u.cik)::int AS insiders
      FROM transactions t CROSS JOIN unnest(t.owner_ciks) u(cik)
     WHERE t.issuer_cik = s.cik AND t.transaction_date >= current_date - ($2::int - 1)
       AND t.transaction_date <= current_date AND t.table_kind = 'nonDerivative'
       AND t.code IN ('P', 'S') AND t.kind IN ('open_market_purchase', 'open_market_sale')
  ) i
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object(
             'accessionNumber', x.accession_number, 'position', x.position, 'acceptedAt', x.accepted_at,
             'transactionDate', x.transaction_date, 'code', x.code, 'kind', x.kind,
             'acquiredDisposed', x.acquired_disposed, 'shares', x.shares::text, 'pricePerShare', x.price_per_share::text,
             'value', x.value::text, 'is10b5One', x.is_10b5_1, 'ownerCiks', x.owner_ciks,
             'ownerNames', coalesce((SELECT array_agg(o.owner_name ORDER BY o.position) FROM filing_owners o
                                      WHERE o.accession_number = x.accession_number), '{}'))
             ORDER BY x.sort_key DESC, x.accession_number DESC, x.position DESC) AS recent
      FROM (SELECT t.*, coalesce(t.accepted_at, '-infinity'::timestamptz) AS sort_key
              FROM transactions t
             WHERE t.issuer_cik = s.cik AND ($4::boolean OR t.table_kind = 'nonDerivative')
             ORDER BY coalesce(t.accepted_at, '-infinity'::timestamptz) DESC, t.accession_number DESC, t.position DESC
             LIMIT $3::int) x
  ) r ON true
 ORDER BY s.ord`;

export async function queryActivity(pool: pg.Pool, q: ActivityQuery): Promise<IssuerActivity[]> {
  const { rows } = await pool.query<Record<string, unknown>>(SQL, [
    q.issuerCiks,
    q.days,
    q.limit,
    q.includeDerivative,
  ]);
  const { rows: dates } = await pool.query<{ from: string; to: string }>(
    `SELECT (current_date - ($1::int - 1))::text AS from, current_date::text AS to`,
    [q.days],
  );
  const { from, to } = dates[0]!;
  return rows.map((r) => ({
    issuerCik: String(r.issuerCik),
    ticker: (r.ticker as string | null) ?? null,
    issuerName: (r.issuerName as string | null) ?? null,
    lastFiledAt: r.lastFiledAt ? (r.lastFiledAt as Date).toISOString() : null,
    window: {
      from,
      to,
      purchases: { count: Number(r.p_count), shares: String(r.p_shares), value: String(r.p_value) },
      sales: { count: Number(r.s_count), shares: String(r.s_shares), value: String(r.s_value) },
      netValue: String(r.net_value),
      insiders: Number(r.insiders),
    },
    recent: (r.recent as IssuerActivity['recent']).map((x) => ({
      ...x,
      acceptedAt: x.acceptedAt ? new Date(x.acceptedAt).toISOString() : null,
    })),
  }));
}
