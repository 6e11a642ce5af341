import type pg from 'pg';

export interface Form4Query {
  ticker: string;
  from?: string;
  to?: string;
  codes?: string[];
  limit: number;
}

export interface Form4Transaction {
  accessionNumber: string;
  documentType: string;
  filedDate: string | null;
  acceptedAt: string | null;
  position: number;
  table: string;
  securityTitle: string | null;
  transactionDate: string | null;
  code: string | null;
  kind: string;
  acquiredDisposed: string | null;
  shares: string | null;
  pricePerShare: string | null;
  value: string | null;
  sharesOwnedFollowing: string | null;
  directOrIndirect: string | null;
  is10b5One: boolean | null;
  flags: string[];
  reportingOwners: {
    cik: string;
    name: string;
    isDirector: boolean;
    isOfficer: boolean;
    isTenPercentOwner: boolean;
    isOther: boolean;
    officerTitle: string | null;
  }[];
}

/** Newest first; decimals stay strings (exact NUMERIC), never floats. */
const SQL = `
SELECT t.accession_number AS "accessionNumber", f.document_type AS "documentType",
       f.filed_date AS "filedDate", f.accepted_at AS "acceptedAt", t.position, t.table_kind AS "table",
       t.security_title AS "securityTitle", t.transaction_date AS "transactionDate", t.code, t.kind,
       t.acquired_disposed AS "acquiredDisposed", t.shares, t.price_per_share AS "pricePerShare", t.value,
       t.shares_owned_following AS "sharesOwnedFollowing", t.direct_indirect AS "directOrIndirect",
       t.is_10b5_1 AS "is10b5One", t.flags,
       COALESCE((SELECT json_agg(json_build_object('cik', o.owner_cik, 'name', o.owner_name,
                 'isDirector', o.is_director, 'isOfficer', o.is_officer, 'isTenPercentOwner', o.is_ten_percent_owner,
                 'isOther', o.is_other, 'officerTitle', o.officer_title) ORDER BY o.position)
                 FROM filing_owners o WHERE o.accession_number = t.accession_number), '[]') AS "reportingOwners",
       f.issuer_cik AS "issuerCik", f.issuer_name AS "issuerName"
  FROM transactions t JOIN filings f USING (accession_number)
 WHERE f.issuer_ticker = $1
   AND ($2::date IS NULL OR t.transaction_date >= $2::date)
   AND ($3::date IS NULL OR t.transaction_date <= $3::date)
   AND ($4::text[] IS NULL OR t.code = ANY($4::text[]))
 ORDER BY f.accepted_at DESC NULLS LAST, t.accession_number DESC, t.position
 LIMIT $5`;

export interface IssuerRef {
  cik: string;
  name: string | null;
}

/** The issuer whose latest filing carries this ticker, or null when no filing does. */
export async function findIssuerByTicker(pool: pg.Pool, ticker: string): Promise<IssuerRef | null> {
  const { rows } = await pool.query<IssuerRef>(
    'SELECT issuer_cik AS cik, issuer_name AS name FROM filings WHERE issuer_ticker = $1 ORDER BY accepted_at DESC NULLS LAST LIMIT 1',
    [ticker],
  );
  return rows[0] ?? null;
}

export async function queryForm4Transactions(pool: pg.Pool, q: Form4Query): Promise<Form4Transaction[]> {
  const { rows } = await pool.query<
    Form4Transaction & { issuerCik: string; issuerName: string | null; acceptedAt: Date | null }
  >(SQL, [q.ticker, q.from ?? null, q.to ?? null, q.codes ?? null, q.limit]);
  return rows.map(({ issuerCik: _c, issuerName: _n, acceptedAt, ...t }) => ({
    ...t,
    acceptedAt: acceptedAt ? new Date(acceptedAt).toISOString() : null,
  }));
}
