/**
 * Reads one loaded filing back from the read model (filings, filing_owners, transactions,
 * holdings) as the analysis sees it. Dates and decimals come back as text, exactly as stored.
 */
import type pg from 'pg';
import type { AnalysisFiling, AnalysisOwner, AnalysisRow } from './model';

type Queryable = Pick<pg.Pool, 'query'>;

export interface LoadedFiling {
  issuer: { cik: string; name: string | null; ticker: string | null };
  filing: AnalysisFiling;
}

/** Whether the filing and all of its rows are in Postgres (the loader commits them separately). */
export async function filingLoaded(db: Queryable, accession: string): Promise<boolean> {
  const { rows } = await db.query<{ complete: boolean }>(
    `SELECT (SELECT count(*) FROM transactions t WHERE t.accession_number = f.accession_number)
          + (SELECT count(*) FROM holdings h WHERE h.accession_number = f.accession_number) >= f.row_count AS complete
       FROM filings f WHERE f.accession_number = $1`,
    [accession],
  );
  return rows[0]?.complete === true;
}

function roles(r: {
  is_director: boolean;
  is_officer: boolean;
  is_ten_percent_owner: boolean;
  is_other: boolean;
}) {
  return [
    ...(r.is_director ? ['director'] : []),
    ...(r.is_officer ? ['officer'] : []),
    ...(r.is_ten_percent_owner ? ['ten_percent_owner'] : []),
    ...(r.is_other ? ['other'] : []),
  ];
}

/** footnote_ids is {"element": ["F1", …]}; a row cites the union, in first-seen order. */
function footnoteIds(byField: Record<string, string[]> | null): string[] {
  return [...new Set(Object.values(byField ?? {}).flat())];
}

export async function loadFiling(db: Queryable, accession: string): Promise<LoadedFiling | null> {
  const head = await db.query<{
    document_type: string;
    period_of_report: string | null;
    filed_date: string | null;
    accepted_at: Date | null;
    aff10b5_one: boolean | null;
    remarks: string | null;
    footnotes: { id: string; text: string }[];
    issuer_cik: string;
    issuer_name: string | null;
    issuer_ticker: string | null;
  }>(
    `SELECT document_type, period_of_report::text, filed_date::text, accepted_at, aff10b5_one, remarks,
            footnotes, issuer_cik, issuer_name, issuer_ticker
       FROM filings WHERE accession_number = $1`,
    [accession],
  );
  const f = head.rows[0];
  if (!f) {
    return null;
  }
  const owners = await db.query<{
    owner_cik: string;
    owner_name: string | null;
    is_director: boolean;
    is_officer: boolean;
    is_ten_percent_owner: boolean;
    is_other: boolean;
    officer_title: string | null;
  }>(
    `SELECT owner_cik, owner_name, is_director, is_officer, is_ten_percent_owner, is_other, officer_title
       FROM filing_owners WHERE accession_number = $1 ORDER BY position`,
    [accession],
  );
  const rows = await db.query<Omit<AnalysisRow, 'footnoteIds'> & { footnote_ids: Record<string, string[]> }>(
    `SELECT position, table_kind AS "table", 'transaction' AS "rowType", security_title AS "securityTitle",
            transaction_date::text AS "transactionDate", code, kind, acquired_disposed AS "acquiredDisposed",
            shares::text, price_per_share::text AS "pricePerShare", value::text,
            shares_owned_following::text AS "sharesOwnedFollowing", direct_indirect AS "directOrIndirect",
            nature_of_ownership AS "natureOfOwnership", is_10b5_1 AS "is10b5One", footnote_ids
       FROM transactions WHERE accession_number = $1
     UNION ALL
     SELECT position, table_kind, 'holding', security_title, NULL, NULL, 'holding', NULL, NULL, NULL, NULL,
            shares_owned_following::text, direct_indirect, nature_of_ownership, NULL, footnote_ids
       FROM holdings WHERE accession_number = $1
     ORDER BY position`,
    [accession],
  );
  const ownerList: AnalysisOwner[] = owners.rows.map((o) => ({
    cik: o.owner_cik,
    name: o.owner_name,
    roles: roles(o),
    officerTitle: o.officer_title,
  }));
  return {
    issuer: { cik: f.issuer_cik, name: f.issuer_name, ticker: f.issuer_ticker },
    filing: {
      accessionNumber: accession,
      documentType: f.document_type,
      periodOfReport: f.period_of_report,
      filedDate: f.filed_date,
      acceptedAt: f.accepted_at ? f.accepted_at.toISOString() : null,
      aff10b5One: f.aff10b5_one,
      remarks: f.remarks,
      owners: ownerList,
      rows: rows.rows.map(({ footnote_ids, ...r }) => ({ ...r, footnoteIds: footnoteIds(footnote_ids) })),
      footnotes: f.footnotes.map((n) => ({ id: n.id, text: n.text })),
    },
  };
}

/**
 * Filings at the issuer accepted after the given one whose facts include it: the same insiders'
 * (their record and history) and anyone's trading within `recentDays` after it (recent prices).
 * They are evaluated again when it arrives late — a backfill, or a crawl that fetched newer
 * filings first — so their analyses end up as if everything had arrived in order.
 */
export async function laterFilings(
  db: Queryable,
  filing: {
    accession: string;
    issuerCik: string;
    ownerCiks: string[];
    acceptedAt: string;
    periodOfReport: string;
  },
  recentDays: number,
  limit = 20,
): Promise<string[]> {
  const { rows } = await db.query<{ accession_number: string }>(
    `SELECT accession_number FROM filings
      WHERE issuer_cik = $1 AND accession_number <> $3 AND accepted_at > $4::timestamptz
        AND document_type IN ('4', '4/A', '5', '5/A')
        AND (owner_ciks && $2::text[] OR period_of_report BETWEEN $5::date AND $5::date + $6::int)
      ORDER BY accepted_at, accession_number LIMIT $7`,
    [
      filing.issuerCik,
      filing.ownerCiks,
      filing.accession,
      filing.acceptedAt,
      filing.periodOfReport,
      recentDays,
      limit,
    ],
  );
  return rows.map((r) => r.accession_number);
}

/** The filings an amendment amends (amendment_links: same issuer, form, period and an owner in common). */
export async function amendedBy(db: Queryable, accession: string): Promise<string[]> {
  const { rows } = await db.query<{ original_accession: string }>(
    'SELECT original_accession FROM amendment_links WHERE amendment_accession = $1 ORDER BY 1',
    [accession],
  );
  return rows.map((r) => r.original_accession);
}

/** Whether a loaded amendment restates this filing: then its amendment, not it, is analysed. */
export async function isAmended(db: Queryable, accession: string): Promise<boolean> {
  // The issuer too: amendment_links is then read for one issuer's filings only (sql/0014).
  const { rows } = await db.query(
    `SELECT 1 FROM amendment_links
      WHERE original_accession = $1 AND issuer_cik = (SELECT issuer_cik FROM filings WHERE accession_number = $1)
      LIMIT 1`,
    [accession],
  );
  return rows.length > 0;
}

/** Whether a subject has a stored analysis that is not withdrawn. */
export async function hasAnalysis(db: Queryable, kind: string, key: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM analysis_results WHERE subject_kind = $1 AND subject_key = $2 AND status <> 'withdrawn' LIMIT 1`,
    [kind, key],
  );
  return rows.length > 0;
}
